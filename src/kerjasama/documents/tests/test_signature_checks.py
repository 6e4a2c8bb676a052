"""Signature checks on upload (the service step): one row per signature, audit, trust roots from the setting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.checks import Error
from django.db import IntegrityError, transaction

from kerjasama.core.env import env_paths
from kerjasama.core.errors import PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.documents import services
from kerjasama.documents.checks import check_document_settings
from kerjasama.documents.choices import DocumentKind, SignatureStatus
from kerjasama.documents.models import DocumentVersion, SignatureCheck
from kerjasama.documents.tests.samples import YOGYA, pdf_bytes, upload, xlsx_bytes
from kerjasama.documents.tests.signing import (
    TestPki,
    TestSigner,
    change_page_after_signing,
    garbage_signature_pdf,
    sign_pdf,
    simple_pdf,
    tamper,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki.create()


@pytest.fixture(scope="module")
def yogya_signer(pki: TestPki) -> TestSigner:
    return pki.signer("Hasto Wardoyo", "Pemerintah Kota Yogyakarta")


@pytest.fixture(scope="module")
def sleman_signer(pki: TestPki) -> TestSigner:
    return pki.signer("Harda Kiswaya", "Pemerintah Kabupaten Sleman")


@pytest.fixture
def trusted(pki: TestPki, tmp_path: Path, settings: Any) -> Path:
    """The test root configured as the only trust root (as BSrE's root is in production)."""
    path = pki.write_root(tmp_path)
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = [str(path)]
    return path


def _upload(actor: Any, content: bytes, name: str = "KB Sampah.pdf") -> DocumentVersion:
    return services.upload_document(
        actor=actor,
        region=Region.objects.get(code=YOGYA),
        kind=DocumentKind.KB,
        title="KB Pengelolaan Sampah",
        upload=upload(name, content),
    )


def test_it_records_a_good_signature_as_valid(persona: Any, trusted: Path, yogya_signer: TestSigner) -> None:
    version = _upload(persona("kabkota"), sign_pdf(simple_pdf(), yogya_signer, field_name="Walikota"))
    [check] = version.signature_checks.all()
    assert check.status == SignatureStatus.VALID
    assert check.position == 1
    assert check.field_name == "Walikota"
    assert check.signer_name == "Hasto Wardoyo"
    assert check.signer_serial == yogya_signer.serial_hex
    assert check.issuer == "Root CA Uji Kerjasama, BSrE Uji"
    assert check.signing_time is not None
    assert (check.intact, check.valid, check.trusted, check.modified_after_signing) == (
        True,
        True,
        True,
        False,
    )
    assert check.detail and check.detail_en
    assert check.checked_at is not None


def test_it_cannot_verify_without_a_configured_root(
    persona: Any, settings: Any, yogya_signer: TestSigner
) -> None:
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = []
    version = _upload(persona("kabkota"), sign_pdf(simple_pdf(), yogya_signer))
    [check] = version.signature_checks.all()
    assert check.status == SignatureStatus.UNVERIFIABLE
    assert (check.intact, check.valid, check.trusted) == (True, True, False)


def test_it_ignores_an_unreadable_root_file_and_cannot_verify(
    persona: Any, settings: Any, tmp_path: Path, yogya_signer: TestSigner
) -> None:
    bad = tmp_path / "rusak.pem"
    bad.write_bytes(b"bukan sertifikat")
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = [str(bad), str(tmp_path / "tidak-ada.pem")]
    version = _upload(persona("kabkota"), sign_pdf(simple_pdf(), yogya_signer))
    assert version.signature_checks.get().status == SignatureStatus.UNVERIFIABLE
    problems = check_document_settings()
    assert [p.id for p in problems] == ["documents.E003", "documents.E003"]
    assert all(isinstance(p, Error) for p in problems)


def test_it_passes_the_system_check_with_a_readable_root(trusted: Path) -> None:
    assert check_document_settings() == []


def test_it_reads_the_trust_root_paths_separated_by_colons_or_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERJASAMA_SIGNATURE_TRUST_ROOTS", "/etc/a.pem: /etc/b.cer,/etc/c.pem,,")
    assert env_paths("KERJASAMA_SIGNATURE_TRUST_ROOTS", []) == ["/etc/a.pem", "/etc/b.cer", "/etc/c.pem"]
    monkeypatch.delenv("KERJASAMA_SIGNATURE_TRUST_ROOTS")
    assert env_paths("KERJASAMA_SIGNATURE_TRUST_ROOTS", []) == []


def test_it_records_a_tampered_pdf_as_not_valid(
    persona: Any, trusted: Path, yogya_signer: TestSigner
) -> None:
    signed = sign_pdf(simple_pdf("Nilai 100 juta"), yogya_signer)
    version = _upload(persona("kabkota"), tamper(signed, b"100 juta", b"999 juta"))
    [check] = version.signature_checks.all()
    assert check.status == SignatureStatus.INVALID
    assert check.intact is False
    assert "Integritas rusak" in check.detail


def test_it_records_a_page_changed_after_signing(
    persona: Any, trusted: Path, yogya_signer: TestSigner
) -> None:
    changed = change_page_after_signing(sign_pdf(simple_pdf(), yogya_signer))
    [check] = _upload(persona("kabkota"), changed).signature_checks.all()
    assert check.modified_after_signing is True
    assert check.intact is True
    assert check.status == SignatureStatus.INVALID
    assert "changed after signing" in check.detail_en


def test_it_records_two_parties_in_signing_order(
    persona: Any, trusted: Path, yogya_signer: TestSigner, sleman_signer: TestSigner
) -> None:
    both = sign_pdf(
        sign_pdf(simple_pdf(), yogya_signer, field_name="Yogyakarta"), sleman_signer, field_name="Sleman"
    )
    version = _upload(persona("kabkota"), both)
    rows = list(
        version.signature_checks.order_by("position").values_list("position", "signer_name", "status")
    )
    assert rows == [(1, "Hasto Wardoyo", "sah"), (2, "Harda Kiswaya", "sah")]


def test_it_records_nothing_for_an_unsigned_pdf_or_an_xlsx(persona: Any, trusted: Path) -> None:
    assert not _upload(persona("kabkota"), simple_pdf()).signature_checks.exists()
    assert not _upload(persona("kabkota"), pdf_bytes("bukan PDF lengkap")).signature_checks.exists()
    assert not _upload(persona("kabkota"), xlsx_bytes(), name="rekap.xlsx").signature_checks.exists()
    assert SignatureCheck.objects.count() == 0


def test_it_records_a_garbage_signature_without_failing_the_upload(persona: Any, trusted: Path) -> None:
    version = _upload(persona("kabkota"), garbage_signature_pdf())
    [check] = version.signature_checks.all()
    assert check.status == SignatureStatus.INVALID
    assert check.field_name == "Tanda_Tangan_Rusak"
    assert check.detail.startswith("Tanda tangan rusak")


def test_it_checks_every_new_version_on_its_own(
    persona: Any, trusted: Path, yogya_signer: TestSigner, sleman_signer: TestSigner
) -> None:
    first = _upload(persona("kabkota"), simple_pdf("draf"))
    signed = sign_pdf(simple_pdf("final"), yogya_signer)
    second = services.add_version(
        actor=persona("kabkota"), document=first.document, upload=upload("KB.pdf", signed)
    )
    third = services.add_version(
        actor=persona("kabkota"),
        document=first.document,
        upload=upload("KB.pdf", sign_pdf(signed, sleman_signer, field_name="Sleman")),
    )
    assert [v.signature_checks.count() for v in (first, second, third)] == [0, 1, 2]


def test_it_writes_the_signatures_into_the_upload_audit_event(
    persona: Any, trusted: Path, yogya_signer: TestSigner
) -> None:
    version = _upload(persona("kabkota"), sign_pdf(simple_pdf(), yogya_signer, field_name="Walikota"))
    event = AuditEvent.objects.filter(action="document.uploaded").latest("pk")
    assert event.new["signatures"] == [{"field": "Walikota", "signer": "Hasto Wardoyo", "status": "sah"}]
    assert event.new["version"] == version.number


def test_it_writes_nothing_when_the_upload_is_refused_after_checking(
    persona: Any, trusted: Path, yogya_signer: TestSigner
) -> None:
    with pytest.raises(PermissionDenied):
        services.upload_document(
            actor=persona("neighbour"),
            region=Region.objects.get(code=YOGYA),
            kind=DocumentKind.KB,
            title="KB",
            upload=upload("KB.pdf", sign_pdf(simple_pdf(), yogya_signer)),
        )
    assert SignatureCheck.objects.count() == 0


def test_it_never_stores_a_valid_verdict_that_contradicts_its_findings(persona: Any, trusted: Path) -> None:
    version = _upload(persona("kabkota"), simple_pdf())
    with pytest.raises(IntegrityError), transaction.atomic():
        SignatureCheck.objects.create(
            version=version,
            position=1,
            intact=False,
            valid=True,
            trusted=True,
            modified_after_signing=False,
            status=SignatureStatus.VALID,
            detail="x",
            detail_en="x",
        )
