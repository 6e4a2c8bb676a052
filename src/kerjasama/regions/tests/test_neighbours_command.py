"""``kerjasama neighbours CODE --json``: the shared-border figures an official checks (issue 9, section 6)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def neighbours_json(code: str) -> dict[str, object]:
    out = StringIO()
    call_command("neighbours", code, "--json", stdout=out)
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_it_gives_sleman_more_than_ten_km_of_border_with_kota_yogyakarta() -> None:
    data = neighbours_json("34.71")
    by_code = {n["code"]: n for n in data["neighbours"]}  # type: ignore[attr-defined]
    assert by_code["34.04"]["name"] == "Kabupaten Sleman"
    assert by_code["34.04"]["shared_border_km"] > 10
    assert by_code["34.02"]["shared_border_km"] > 10
    assert "34.01" not in by_code  # Kulon Progo does not border the city


def test_it_reports_the_measuring_method_with_its_tolerances() -> None:
    method = neighbours_json("34.71")["method"]
    assert method["name"] == "boundary-within-band"  # type: ignore[index]
    assert method["adjacency_tolerance_m"] == 100.0  # type: ignore[index]
    assert method["border_tolerance_m"] == 1500.0  # type: ignore[index]
    assert method["data"] == "package"  # type: ignore[index]
    assert "1500 m" in method["description_en"]  # type: ignore[index]


def test_it_prints_the_method_in_the_text_output() -> None:
    out = StringIO()
    call_command("neighbours", "34.71", stdout=out)
    text = out.getvalue()
    assert "Kabupaten Sleman" in text and "Metode / method" in text
