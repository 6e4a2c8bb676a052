"""The register of existing agreements: ``register_existing_agreement`` and the XLSX import (all-or-nothing,
row report naming row and column, dry run, template round-trip), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from kerjasama.accounts.models import Organisation
from kerjasama.agreements import services
from kerjasama.agreements.choices import AgreementStage, OriginKind, PartyStatus
from kerjasama.agreements.imports import HEADER, import_register_xlsx, register_template_xlsx
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.register import PartnerOrganisation
from kerjasama.agreements.selectors import agreements_in_force
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent

WASTE = "2.11"


def filled(rows: list[dict[str, Any]]) -> bytes:
    """The downloaded template with ``rows`` typed into the register sheet (column code -> value)."""
    book = load_workbook(io.BytesIO(register_template_xlsx()))
    sheet = book["register"]
    for values in rows:
        sheet.append([values.get(code) for code in HEADER])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def waste_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "jenis": "KSDD",
        "kategori": "wajib",
        "judul": "Pengelolaan sampah regional Yogyakarta-Sleman",
        "nomor": "PKS/001/2023",
        "kode_daerah": "34.71; 34.04",
        "kode_urusan": WASTE,
        "tanggal_mulai": "2023-01-01",
        "tanggal_berakhir": "2099-12-31",
        "nilai": "1.500.000.000",
        "dianggarkan_apbd": "ya",
        "eksternalitas": "Sampah kota diangkut ke TPA di wilayah Sleman.",
    }
    row.update(overrides)
    return row


def ksdpk_row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "jenis": "KSDPK",
        "judul": "Pengolahan sampah menjadi energi",
        "nomor": "PKS/002/2022",
        "kode_daerah": "34.71",
        "pihak_ketiga": "PT Energi Bersih Contoh",
        "jenis_pihak_ketiga": "badan_usaha",
        "nib": "9120001234567",
        "kode_urusan": WASTE,
        "tanggal_mulai": date(2022, 3, 1),
        "tanggal_berakhir": date(2032, 2, 28),
        "dianggarkan_apbd": "tidak",
    }
    row.update(overrides)
    return row


def test_it_registers_an_existing_agreement_in_force_with_history_and_audit(persona: Any) -> None:
    agreement = services.register_existing_agreement(
        actor=persona("kabkota"),
        type="KSDD",
        category="wajib",
        title="Pengelolaan sampah regional",
        region_codes=["34.71", "34.04"],
        affairs=[WASTE],
        number="PKS/010/2021",
        term_start=date(2021, 1, 1),
        term_end=date(2099, 1, 1),
        apbd_budgeted=True,
        value="250000000",
        justification_externality="Sampah kota diangkut ke TPA di wilayah Sleman.",
    )
    assert agreement.stage == AgreementStage.PELAKSANAAN
    assert agreement.origin_kind == OriginKind.MANUAL
    assert [(p.region_id, p.status) for p in agreement.parties.order_by("position")] == [
        ("34.71", PartyStatus.SIGNED),
        ("34.04", PartyStatus.SIGNED),
    ]
    assert [h.stage for h in agreement.history.order_by("history_id")] == ["persiapan", "pelaksanaan"]
    actions = set(AuditEvent.objects.filter(object_id=str(agreement.pk)).values_list("action", flat=True))
    assert {AuditAction.AGREEMENT_REGISTERED, AuditAction.AGREEMENT_STAGE_CHANGED} <= actions
    assert any(item.label == "PKS/010/2021" for item in agreements_in_force({"34.71"}))


def test_the_parties_are_told_once_the_registration_commits(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from kerjasama.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.register_existing_agreement(
            actor=persona("ministry"),
            type="KSDD",
            category="sukarela",
            title="Angkutan umum aglomerasi",
            region_codes=["34.71", "34.04"],
            affairs=["2.15"],
            term_start=date(2021, 1, 1),
        )
    told = set(
        Notification.objects.filter(object_id=str(agreement.pk)).values_list("recipient__username", flat=True)
    )
    assert {"operator.yogya", "operator.sleman"} <= told


def test_it_creates_a_missing_third_party_through_the_accounts_services(persona: Any) -> None:
    agreement = services.register_existing_agreement(
        actor=persona("ministry"),
        type="KSDPK",
        title="Pengolahan sampah menjadi energi",
        region_codes=["34.71"],
        partner=PartnerOrganisation("PT Energi Bersih Contoh", "badan_usaha", "9120001234567"),
        affairs=[WASTE],
        term_start=date(2022, 1, 1),
        term_end=date(2030, 1, 1),
    )
    org = Organisation.objects.get(registration_number="9120001234567")
    assert org.kind == "badan_usaha"
    assert agreement.parties.filter(organisation=org, status=PartyStatus.SIGNED).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ORGANISATION_CREATED, object_id=str(org.pk)).exists()


@pytest.mark.parametrize(
    ("name", "changes", "code"),
    [
        ("uninvolved region", {"actor": "other_province"}, "permission_denied"),
        ("governor's office", {"actor": "province"}, "permission_denied"),
        ("end before start", {"term_end": date(2020, 1, 1)}, "agreements.term_order"),
        ("unknown region", {"region_codes": ["34.71", "99.99"]}, "agreements.unknown_region"),
        ("unknown affair", {"affairs": ["9.99"]}, "agreements.unknown_affair"),
        ("KSDD without category", {"category": ""}, "agreements.category_required"),
        ("title too long", {"title": "x" * 301}, "agreements.text_too_long"),
        ("no start", {"term_start": None}, "agreements.term_start_required"),
    ],
)
def test_it_refuses_a_bad_registration_and_writes_nothing(
    persona: Any, name: str, changes: dict[str, Any], code: str
) -> None:
    values: dict[str, Any] = {
        "actor": persona("kabkota"),
        "type": "KSDD",
        "category": "wajib",
        "title": "Pengelolaan sampah",
        "region_codes": ["34.71", "34.04"],
        "affairs": [WASTE],
        "term_start": date(2021, 1, 1),
        "term_end": date(2026, 1, 1),
        "justification_externality": "Sampah lintas batas.",
    }
    values.update(changes)
    if isinstance(values["actor"], str):
        values["actor"] = persona(values["actor"])
    before = Agreement.objects.count()
    with pytest.raises(KerjasamaError) as caught:
        services.register_existing_agreement(**values)
    assert caught.value.code == code, name
    assert Agreement.objects.count() == before


def test_it_refuses_a_duplicate_of_the_register(persona: Any) -> None:
    values: dict[str, Any] = {
        "actor": persona("kabkota"),
        "type": "KSDD",
        "category": "wajib",
        "title": "Pengelolaan sampah",
        "region_codes": ["34.71", "34.04"],
        "affairs": [WASTE],
        "term_start": date(2021, 1, 1),
        "number": "PKS/1/2021",
        "justification_externality": "Sampah lintas batas.",
    }
    services.register_existing_agreement(**values)
    with pytest.raises(KerjasamaError, match="duplicate_agreement"):
        services.register_existing_agreement(
            **{**values, "number": "pks/1/2021", "term_start": date(2022, 1, 1)}
        )
    with pytest.raises(KerjasamaError, match="duplicate_agreement"):
        services.register_existing_agreement(**{**values, "number": "", "region_codes": ["34.71", "34.04"]})


def test_it_imports_a_good_file_and_the_engine_reads_it(db: Any) -> None:
    report = import_register_xlsx(actor=SYSTEM, content=filled([waste_row(), ksdpk_row()]))
    assert report.rows == 2 and len(report.created) == 2
    waste = Agreement.objects.get(number="PKS/001/2023")
    assert waste.stage == AgreementStage.PELAKSANAAN and waste.origin_kind == OriginKind.IMPORT
    assert waste.value == 1_500_000_000 and waste.apbd_budgeted is True
    assert {p.region_id for p in waste.parties.all()} == {"34.71", "34.04"}
    third = Agreement.objects.get(number="PKS/002/2022")
    assert third.parties.filter(organisation__registration_number="9120001234567").exists()
    assert AuditEvent.objects.filter(action=AuditAction.AGREEMENTS_IMPORTED).count() == 1
    pairs = {item.parties for item in agreements_in_force({"34.71"}) if item.affair_code == WASTE}
    assert frozenset({"34.71", "34.04"}) in pairs


def test_it_rejects_the_whole_file_for_one_bad_row_and_names_row_and_column(db: Any) -> None:
    content = filled([waste_row(), ksdpk_row(tanggal_berakhir="2023-02-30")])
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=SYSTEM, content=content)
    error = caught.value
    assert error.code == "agreements.import_rejected" and error.exit_code == 1
    assert [d.location for d in error.details] == ["baris/row 3, kolom/column tanggal_berakhir"]
    assert "2023-02-30" in error.details[0].message_id
    assert (
        Agreement.objects.count() == 0 and not Organisation.objects.filter(name__contains="Energi").exists()
    )


def test_it_reports_every_kind_of_bad_row(db: Any) -> None:
    content = filled(
        [
            waste_row(),
            waste_row(nomor="PKS/001/2023", judul="lagi"),  # same number as row 2
            waste_row(nomor="X/3", kode_daerah="34.71; 99.99"),
            waste_row(nomor="X/4", kode_urusan="9.99"),
            waste_row(nomor="X/5", tanggal_mulai="2024-01-01", tanggal_berakhir="2023-01-01"),
            waste_row(nomor="X/6", tanggal_mulai="31/13/2020"),
            waste_row(nomor="", tanggal_mulai="2023-01-01"),  # same parties, affair and start as row 2
        ]
    )
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=SYSTEM, content=content)
    locations = {d.location for d in caught.value.details}
    assert "baris/row 3, kolom/column nomor" in locations
    assert "baris/row 8, kolom/column kode_daerah" in locations
    assert "baris/row 7, kolom/column tanggal_mulai" in locations
    # checked by the service: reported only when the file itself is otherwise clean
    content = filled([waste_row(nomor="X/3", kode_daerah="34.71; 99.99")])
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=SYSTEM, content=content)
    assert [d.location for d in caught.value.details] == ["baris/row 2, kolom/column kode_daerah"]
    for row, column in (
        (waste_row(kode_urusan="9.99"), "kode_urusan"),
        (waste_row(tanggal_mulai="2024-01-01", tanggal_berakhir="2023-01-01"), "tanggal_berakhir"),
    ):
        with pytest.raises(KerjasamaError) as caught:
            import_register_xlsx(actor=SYSTEM, content=filled([row]))
        assert [d.location for d in caught.value.details] == [f"baris/row 2, kolom/column {column}"]
    assert Agreement.objects.count() == 0


def test_it_refuses_a_row_already_in_the_register(db: Any) -> None:
    import_register_xlsx(actor=SYSTEM, content=filled([waste_row()]))
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=SYSTEM, content=filled([ksdpk_row(), waste_row(nomor="")]))
    assert [d.location for d in caught.value.details] == ["baris/row 3, kolom/column nomor"]
    assert "register" in caught.value.details[0].message_en
    assert Agreement.objects.count() == 1


def test_it_checks_the_policy_row_by_row(persona: Any) -> None:
    content = filled([waste_row(), waste_row(nomor="X/2", kode_daerah="33.74; 33.22")])
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=persona("kabkota"), content=content)
    assert [d.location.split(",")[0] for d in caught.value.details] == ["baris/row 3"]
    assert Agreement.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.register_existing_agreement(
            actor=persona("third_party"),
            type="KSDD",
            category="wajib",
            title="x",
            region_codes=["34.71", "34.04"],
            affairs=[WASTE],
            term_start=date(2021, 1, 1),
            justification_externality="x",
        )


def test_a_dry_run_checks_everything_and_writes_nothing(db: Any) -> None:
    report = import_register_xlsx(actor=SYSTEM, content=filled([waste_row(), ksdpk_row()]), dry_run=True)
    assert report.dry_run and report.rows == report.checked == 2 and report.created == []
    assert Agreement.objects.count() == 0
    assert not Organisation.objects.filter(registration_number="9120001234567").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.AGREEMENTS_IMPORTED).exists()


def test_a_blank_template_is_an_error(db: Any) -> None:
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=SYSTEM, content=register_template_xlsx())
    assert caught.value.code == "agreements.empty_import" and caught.value.exit_code == 1


def test_the_template_round_trips_with_its_instructions(db: Any) -> None:
    book = load_workbook(io.BytesIO(register_template_xlsx()))
    assert book.sheetnames == ["register", "petunjuk"]
    header = [cell.value for cell in book["register"][1]]
    assert [str(h).split()[0] for h in header] == HEADER
    assert "Kode daerah pihak" in header[HEADER.index("kode_daerah")]
    guide = " ".join(str(c.value) for row in book["petunjuk"].iter_rows() for c in row if c.value)
    assert "Satu baris salah membuat seluruh berkas ditolak" in guide
    # codes typed as numbers by a spreadsheet (34.1 for "34.10") are read back
    report = import_register_xlsx(
        actor=SYSTEM, content=filled([waste_row(kode_daerah="34.71; 34.04", kode_urusan=2.11)]), dry_run=True
    )
    assert report.rows == 1


def test_it_refuses_a_file_that_is_not_a_workbook_before_parsing(db: Any) -> None:
    for content in (b"not a zip", b"PK\x03\x04 broken", b"PK" + b"0" * (2 * 1024 * 1024)):
        with pytest.raises(KerjasamaError) as caught:
            import_register_xlsx(actor=SYSTEM, content=content)
        assert caught.value.code == "agreements.bad_upload" and caught.value.exit_code == 2


def test_a_synergy_names_a_recorded_ministry_and_never_creates_one(persona: Any) -> None:
    ministry = persona("ministry").organisation
    values: dict[str, Any] = {
        "actor": persona("kabkota"),
        "type": "SINERGI",
        "title": "Sinergi administrasi kependudukan",
        "region_codes": ["34.71"],
        "affairs": ["2.12"],
        "term_start": date(2022, 1, 1),
    }
    agreement = services.register_existing_agreement(
        **values, partner=PartnerOrganisation(ministry.name, "kemendagri")
    )
    assert agreement.parties.filter(organisation=ministry).exists()
    before = Organisation.objects.count()
    with pytest.raises(KerjasamaError) as caught:
        services.register_existing_agreement(
            **values, number="NK/2", partner=PartnerOrganisation("Kementerian Rekaan", "kemendagri")
        )
    assert caught.value.code == "agreements.unknown_ministry"
    assert Organisation.objects.count() == before


def test_a_rule_refusal_names_the_column_the_rule_reads(db: Any) -> None:
    with pytest.raises(KerjasamaError) as caught:
        import_register_xlsx(actor=SYSTEM, content=filled([waste_row(eksternalitas="")]))
    assert [d.location for d in caught.value.details] == ["baris/row 2, kolom/column eksternalitas"]
    assert "R9" in caught.value.details[0].message_en


def test_an_entry_written_meanwhile_is_refused_at_write_time(persona: Any) -> None:
    from kerjasama.agreements.register import check_registration, write_registration

    values: dict[str, Any] = {
        "type": "KSDD",
        "category": "sukarela",
        "title": "Angkutan umum aglomerasi",
        "region_codes": ["34.71", "34.04"],
        "affairs": ["2.15"],
        "term_start": date(2021, 1, 1),
        "number": "PKS/RACE/1",
    }
    entry = check_registration(actor=persona("kabkota"), **values)
    services.register_existing_agreement(actor=persona("neighbour"), **values)
    with pytest.raises(KerjasamaError, match="duplicate_agreement"):
        write_registration(entry, actor=persona("kabkota"))
    assert Agreement.objects.filter(number="PKS/RACE/1").count() == 1


def test_an_import_marks_the_party_regions_for_one_mapping_refresh(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # An agreement in force is "sudah bekerja sama" on the mapping pages: the stored recommendations of its
    # parties are recomputed after the commit, by one refresh task for the whole file.
    from kerjasama.mapping.models import StaleRegion
    from kerjasama.mapping.tasks import refresh_recommendations

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_register_xlsx(actor=SYSTEM, content=filled([waste_row(), ksdpk_row()]))
    assert {"34.71", "34.04"} <= set(StaleRegion.objects.values_list("region_id", flat=True))
    assert sum(1 for callback in callbacks if callback == refresh_recommendations.enqueue) == 1


def test_an_agreement_entering_implementation_marks_its_parties_for_the_mapping(people: dict[str, Any]) -> None:
    from kerjasama.agreements.tests.conftest import to_kb_drafting
    from kerjasama.mapping.models import StaleRegion

    agreement = to_kb_drafting(people)
    StaleRegion.objects.all().delete()
    assert agreement.stage == AgreementStage.PENYUSUNAN_KB
    services.cancel_agreement(actor=people["yogya"], agreement=agreement, reason="Tidak jadi")
    assert not StaleRegion.objects.exists()  # a proposal that never was in force changes no recommendation
