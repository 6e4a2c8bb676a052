"""Region codes with history (issue 15, item 6): the seed, an instrument's difference, its application.

The instrument is a synthetic split (``fixtures/instrument_synthetic_split.*``, labelled as example): province
34 gives Kab. Sleman (34.04 → 39.01) and Kab. Gunungkidul (34.03 → 39.02) to a new province 39, and Kab. Kulon
Progo is renamed.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from kerjasama.compliance.selectors import build_reference_data
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.regions.domain.instruments import parse_instrument
from kerjasama.regions.models import Adjacency, Region, RegionCode, RegionCodeInstrument, RegionSuccession
from kerjasama.regions.region_codes import apply_instrument, plan_instrument, seed_region_codes
from kerjasama.regions.selectors import code_label, neighbours_of, region_by_code
from kerjasama.regions.services import load_adjacency_package, load_regions

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
SPLIT_JSON = FIXTURES / "instrument_synthetic_split.json"
SPLIT_CSV = FIXTURES / "instrument_synthetic_split.csv"


def _parsed(path: Path = SPLIT_JSON) -> Any:
    return parse_instrument(path.read_bytes(), filename=path.name)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("region_codes", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _state() -> tuple[int, int, int, int]:
    return (
        Region.objects.count(),
        RegionCode.objects.count(),
        RegionSuccession.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_seeds_every_region_with_the_code_of_the_seed_instrument() -> None:
    seed = RegionCodeInstrument.objects.get(is_seed=True)
    assert "2138" in seed.number
    assert RegionCode.objects.filter(valid_to__isnull=True).count() == Region.objects.count() == 552
    assert RegionCode.objects.get(region_id="34.04").code == "34.04"
    assert seed_region_codes(actor=SYSTEM) == 0  # idempotent


def test_it_reads_csv_and_json_alike() -> None:
    a, b = _parsed(SPLIT_JSON), _parsed(SPLIT_CSV)
    assert a.instrument.number == b.instrument.number and a.instrument.date == b.instrument.date
    strip = [(r.code, r.name, r.level, r.parent, r.predecessors, r.change) for r in a.rows]
    assert strip == [(r.code, r.name, r.level, r.parent, r.predecessors, r.change) for r in b.rows]


def test_it_shows_the_difference_without_changing_anything() -> None:
    before = _state()
    code, out, err = _run(str(SPLIT_JSON), "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["counts"] == {"new": 0, "renamed": 1, "recoded": 2, "split": 1, "merged": 0, "ended": 0}
    assert payload["unchanged"] == 1 and payload["applied"] is False
    recoded = {c["code"]: c for c in payload["changes"] if c["kind"] == "recoded"}
    assert (
        recoded["39.01"]["predecessors"] == ["34.04"]
        and recoded["39.01"]["previous_name"] == "Kabupaten Sleman"
    )
    code, out, _ = _run(str(SPLIT_CSV))
    assert code == 0 and "recoded   39.01" in out and "--apply" in out
    assert _state() == before


def test_it_applies_a_split_and_a_second_apply_changes_nothing() -> None:
    before = _state()
    code, out, err = _run(str(SPLIT_JSON), "--apply", "--yes")
    assert code == 0, err
    sleman = Region.objects.get(pk="34.04")  # the same row: records keep pointing at it
    assert sleman.province_id == "39" and sleman.name == "Kabupaten Sleman"
    assert RegionCode.objects.get(region=sleman, valid_to__isnull=True).code == "39.01"
    old = RegionCode.objects.get(region=sleman, code="34.04")
    assert str(old.valid_to) == "2026-01-15" and old.ended_by is not None
    assert old.ended_by.number == "CONTOH-SINTETIS-001/2026"
    new_province = Region.objects.get(pk="39")
    assert new_province.level == "provinsi" and new_province.is_autonomous
    split = RegionSuccession.objects.get(kind="split")
    assert (split.predecessor_id, split.successor_id) == ("34", "39")
    assert Region.objects.get(pk="34.01").name == "Kabupaten Kulon Progo Contoh"
    assert region_by_code("39.01") == sleman and region_by_code("34.04") == sleman
    after = _state()
    assert after[0] == before[0] + 1  # one new region: the province of the split
    assert (
        AuditEvent.objects.filter(action="regions.codes_applied", object_label__contains="CONTOH").count()
        == 1
    )
    code, out, _ = _run(str(SPLIT_JSON), "--apply", "--yes")
    assert code == 0 and "Already applied" in out
    assert _state() == after


def test_it_keeps_what_a_record_was_made_with() -> None:
    import datetime as dt

    apply_instrument(actor=SYSTEM, parsed=_parsed())
    sleman = Region.objects.get(pk="34.04")
    label = code_label(sleman, dt.date(2025, 6, 1))
    assert (label.original_code, label.current_code, label.changed) == ("34.04", "39.01", True)
    assert not code_label(sleman, dt.date(2026, 2, 1)).changed
    kulon = code_label(Region.objects.get(pk="34.01"), dt.date(2025, 6, 1))
    assert kulon.original_name == "Kabupaten Kulon Progo" and kulon.current_name.endswith("Contoh")


def test_the_adjacency_and_the_rulebook_data_still_load_after_the_split() -> None:
    apply_instrument(actor=SYSTEM, parsed=_parsed())
    pairs = Adjacency.objects.count()
    load_adjacency_package(actor=SYSTEM)
    assert Adjacency.objects.count() == pairs > 0
    assert load_regions(actor=SYSTEM).notes == ["superseded by an applied region-code instrument"]
    facts = build_reference_data().regions
    assert facts["34.04"].province_code == "39" and facts["34.71"].province_code == "34"
    assert "39" in {n.code for n in neighbours_of(Region.objects.get(pk="34"))}
    assert "34" in {n.code for n in neighbours_of(Region.objects.get(pk="39"))}


def test_the_region_page_shows_the_code_history(client: Any) -> None:
    apply_instrument(actor=SYSTEM, parsed=_parsed())
    for code in ("39.01", "34.04"):
        page = client.get(reverse("portal:region", kwargs={"code": code}))
        assert page.status_code == 200
        body = page.content.decode()
        assert 'data-testid="code-history"' in body
        assert 'data-testid="code-34.04"' in body and 'data-testid="code-39.01"' in body
        assert 'data-testid="current-code">39.01<' in body
    province = client.get(reverse("portal:region", kwargs={"code": "39"})).content.decode()
    assert "<code>39.01</code>" in province and "<code>39.02</code>" in province
    assert 'data-testid="successions"' in province


def _bad_file(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    data = json.loads(SPLIT_JSON.read_text("utf-8"))
    data["regions"] += rows
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_it_reports_every_bad_row_and_changes_nothing(tmp_path: Path) -> None:
    before = _state()
    # Rows that do not fit the codes in force: an unknown predecessor, a code another region still holds.
    path = _bad_file(
        tmp_path,
        [
            {
                "code": "39.04",
                "name": "X",
                "level": "kabkota",
                "parent": "39",
                "predecessors": ["34.99"],
                "change": "recoded",
            },
            {
                "code": "34.71",
                "name": "Y",
                "level": "kabkota",
                "parent": "34",
                "predecessors": ["34.02"],
                "change": "recoded",
            },
        ],
    )
    code, out, err = _run(str(path), "--apply", "--yes", "--json")
    assert code == 2 and "[regions.instrument_invalid]" in err
    error = json.loads(out)["error"]
    assert error["code"] == "regions.instrument_invalid"
    # 34.71 is also listed twice (the fixture keeps it unchanged): reported by code.
    assert {d["location"] for d in error["details"]} == {"line 6", "line 7", "34.71"}, error
    # Rows malformed on their own: a bad code, a kab/kota whose code does not start with its parent's.
    path = _bad_file(
        tmp_path,
        [
            {
                "code": "39.3",
                "name": "Z",
                "level": "kabkota",
                "parent": "39",
                "predecessors": [],
                "change": "new",
            },
            {
                "code": "39.05",
                "name": "W",
                "level": "kabkota",
                "parent": "34",
                "predecessors": [],
                "change": "new",
            },
        ],
    )
    code, out, _ = _run(str(path), "--json")
    assert code == 2
    assert {d["location"] for d in json.loads(out)["error"]["details"]} == {"line 6", "line 7"}
    assert _state() == before


def test_it_refuses_a_different_file_under_a_number_already_applied(tmp_path: Path) -> None:
    apply_instrument(actor=SYSTEM, parsed=_parsed())
    changed = SPLIT_JSON.read_text("utf-8").replace("Provinsi Contoh Merapi", "Provinsi Lain")
    path = tmp_path / "changed.json"
    path.write_text(changed, "utf-8")
    with pytest.raises(KerjasamaError) as exc:
        plan_instrument(parse_instrument(path.read_bytes(), filename=path.name))
    assert exc.value.code == "regions.instrument_conflict"


def test_it_applies_only_when_confirmed(monkeypatch: Any) -> None:
    before = _state()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _out, err = _run(str(SPLIT_JSON), "--apply")
    assert code == 2 and "regions.instrument_not_confirmed" in err
    assert _state() == before


def test_only_the_ministry_or_an_administrator_applies_an_instrument(persona: Any) -> None:
    with pytest.raises(PermissionDenied):
        apply_instrument(actor=persona("kabkota"), parsed=_parsed())
    assert not RegionCodeInstrument.objects.filter(is_seed=False).exists()
