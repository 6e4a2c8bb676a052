"""Loading affairs and editing the authority matrix through services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.affairs.selectors import affair_with_authority, affairs_with_authority
from kerjasama.affairs.services import load_affairs, read_package, read_source_dir, update_authority_entry
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db
SHARED_DOMAIN = Path(__file__).resolve().parents[4].parent / "shared" / "domain"


def test_it_loads_32_affairs_with_codes_and_categories() -> None:
    assert Affair.objects.count() == 32
    assert Affair.objects.get(code="1.03").name_id == "Pekerjaan Umum dan Penataan Ruang"
    assert Affair.objects.filter(category="wajib_pelayanan_dasar").count() == 6
    assert Affair.objects.filter(category="wajib_non_pelayanan_dasar").count() == 18
    assert Affair.objects.filter(category="pilihan").count() == 8


def test_it_shows_authority_by_level_and_never_guesses_uncovered_affairs() -> None:
    education = affair_with_authority(None, "1.01")
    assert education is not None and education.covered
    assert education.statuses == {"pusat": "held", "provinsi": "held", "kabkota": "held"}
    archives = affair_with_authority(None, "2.24")  # left uncovered, with the reason (not_covered.csv)
    assert archives is not None and not archives.covered
    assert set(archives.statuses.values()) == {"unknown"}
    assert archives.not_covered_reason.startswith("Belum ditranskripsi dari Lampiran huruf X")
    covered = {i.affair.code for i in affairs_with_authority(None) if i.covered}
    assert "2.24" not in covered and "1.03" in covered
    # every affair of cooperation practice is covered (issue 9 section 3), the rest say why not
    practice = {"1.01", "1.02", "1.03", "1.05", "2.11", "2.15", "2.16", "2.18", "3.26", "3.27"}
    assert practice <= covered
    for item in affairs_with_authority(None):
        assert item.covered or item.not_covered_reason, item.affair.code


def test_it_keeps_admin_edits_when_setup_runs_again(persona: Any) -> None:
    entry = AuthorityEntry.objects.filter(affair_id="1.03").first()
    assert entry is not None
    update_authority_entry(
        actor=persona("ministry"), entry=entry, confidence="V", source="Lampiran resmi (uji)"
    )
    report = load_affairs(actor=SYSTEM, data=read_package(), update_existing=False)
    assert not report.changed and report.entries_kept == 1
    entry.refresh_from_db()
    assert entry.confidence == "V"
    event = AuditEvent.objects.get(action="affairs.authority_updated")
    assert event.old is not None and event.new is not None
    assert event.old["source"] != event.new["source"]


def test_it_refuses_an_edit_without_the_right_or_with_a_bad_value(persona: Any) -> None:
    entry = AuthorityEntry.objects.first()
    assert entry is not None
    with pytest.raises(KerjasamaError) as err:
        update_authority_entry(actor=persona("kabkota"), entry=entry, confidence="V")
    assert err.value.code == "permission_denied"
    with pytest.raises(KerjasamaError) as err:
        update_authority_entry(actor=persona("admin"), entry=entry, confidence="X")
    assert err.value.code == "affairs.bad_confidence"
    with pytest.raises(KerjasamaError) as err:
        update_authority_entry(actor=persona("admin"), entry=entry, source="  ")
    assert err.value.code == "affairs.source_required"


@pytest.mark.skipif(not SHARED_DOMAIN.exists(), reason="../shared/domain is not beside the repo")
def test_it_ships_exactly_what_the_importer_reads_from_the_sources() -> None:
    source = read_source_dir(SHARED_DOMAIN)
    shipped = read_package()
    assert source["affairs"] == shipped["affairs"]
    assert source["authority"] == shipped["authority"]


def test_it_refuses_a_directory_with_a_bad_csv_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "urusan.csv").write_text("code,name_id,name_en,category\n1.01,Pendidikan,Education,pilihan\n")
    (tmp_path / "authority_matrix.csv").write_text("affair_code\n")
    before = (Affair.objects.count(), AuthorityEntry.objects.count(), AuditEvent.objects.count())
    with pytest.raises(KerjasamaError) as err:
        read_source_dir(tmp_path)
    assert err.value.code == "affairs.bad_rows"
    assert (Affair.objects.count(), AuthorityEntry.objects.count(), AuditEvent.objects.count()) == before
    with pytest.raises(KerjasamaError) as err:
        read_source_dir(tmp_path / "nowhere")
    assert err.value.code == "affairs.unreadable"


def test_it_keeps_sub_affair_identifiers_across_reloads_and_adds_nothing_the_second_time(
    persona: Any,
) -> None:
    before = dict(AuthorityEntry.objects.values_list("id", "code"))
    assert AuthorityEntry.objects.get(affair_id="3.28", sub_affair="Pengelolaan Hutan").code == "3.28.02"
    assert AuthorityEntry.objects.get(affair_id="3.27", sub_affair="Karantina Pertanian").code == "3.27.06"
    report = load_affairs(actor=SYSTEM, data=read_package(), update_existing=False)
    assert not report.changed and report.entries_created == 0
    report = load_affairs(actor=SYSTEM, data=read_package(), update_existing=True)
    assert not report.changed
    assert dict(AuthorityEntry.objects.values_list("id", "code")) == before


def test_it_gives_a_new_row_the_next_free_identifier_when_its_number_is_taken(persona: Any) -> None:
    data = read_package()
    row = {**data["authority"][0], "sub_affair": "Sub-urusan baru", "code": "1.01.01", "position": 7}
    report = load_affairs(actor=SYSTEM, data={**data, "authority": [row]}, update_existing=False)
    assert report.entries_created == 1
    assert AuthorityEntry.objects.get(sub_affair="Sub-urusan baru").code == "1.01.07"
