"""Signing a final letter through the fake signer, the public verification page (by QR token and by upload), the
signing attempts (audited; unknown outcomes; the secret never stored) and the SRIKANDI bundle."""

from __future__ import annotations

import csv
import io
import logging
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from kerjasama.agreements.models import Agreement
from kerjasama.core.audit import AuditEvent
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.letters import services, signing
from kerjasama.letters.models import Letter
from kerjasama.signing.models import SignedDocument, SigningAttempt
from kerjasama.signing.signers import UNKNOWN, SignerFailure

NIK = "3471010101800001"
PLANTED = "Planted-Passphrase-7731"


@pytest.fixture(autouse=True)
def signing_dirs(tmp_path: Path, settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
    }
    settings.KERJASAMA_SIGNER = "fake"
    settings.KERJASAMA_FAKE_SIGNER_DIR = str(tmp_path / "fake-signer")
    settings.KERJASAMA_SITE_URL = "http://127.0.0.1:8000"


def final_letter(agreement: Agreement, kabkota: Any, **changes: Any) -> Letter:
    letter = services.draft_letter(actor=kabkota, agreement=agreement, kind="offer")
    fields = {"signer_title": "Wali Kota Yogyakarta", "signer_name": "Sri Rahayu", "signer_capacity": "plt"}
    fields.update(changes)
    services.update_letter(actor=kabkota, letter=letter, changes=fields)
    return services.finalise_letter(actor=kabkota, letter=letter)


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _link_uris(data: bytes) -> list[str]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.root["/Pages"]["/Kids"]
        for annot in page.get_object().get("/Annots", [])
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]


def test_it_signs_a_final_letter_which_becomes_its_verifiable_download(
    agreement: Agreement, people: dict[str, Any], client_as: Any, tmp_path: Path
) -> None:
    letter = final_letter(agreement, people["kabkota"])
    client = client_as("kabkota")
    detail = f"/kerja-sama/{agreement.pk}/surat/{letter.pk}/"
    assert 'data-testid="sign-form"' in client.get(detail).content.decode()
    response = client.post(f"{detail}tandatangani/", {"nik": NIK, "passphrase": PLANTED})
    assert response.status_code == 302
    record = SignedDocument.objects.get()
    shown = client.get(detail).content.decode()
    assert 'data-testid="signed"' in shown and 'data-testid="sign-form"' not in shown
    pdf = client.get(f"{detail}surat.pdf").content
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == record.sha256
    text = _pdf_text(pdf, tmp_path)
    url = f"http://127.0.0.1:8000/verifikasi/{record.token}/"
    assert letter.number in text and "BSrE" in text and url in text
    assert url in _link_uris(pdf)  # the footer's link annotation
    # The QR drawn beside that URL encodes the same URL (regenerated from it, as no QR decoder is available).
    assert signing.qr_svg(url) in signing.html_for_signing(letter, url)
    assert signing.qr_svg(url) != signing.qr_svg(url + "x")
    # The QR's URL is the public page: anyone, not logged in, sees the number and a valid signature.
    public = client_as(None).get(f"/verifikasi/{record.token}/")
    page = public.content.decode()
    assert public.status_code == 200 and letter.number in page and 'data-status="sah"' in page
    assert "bukan BSrE" in page or "NOT BSrE" in page
    for secret in (NIK, letter.body[:40], letter.addressee_lines()[0]):
        assert secret not in page
    # Upload: the same file matches; another PDF does not.
    from django.core.files.uploadedfile import SimpleUploadedFile

    anon = client_as(None)
    same = anon.post("/verifikasi/", {"berkas": SimpleUploadedFile("s.pdf", pdf, "application/pdf")})
    assert 'data-match="yes"' in same.content.decode()
    other = anon.post(
        "/verifikasi/", {"berkas": SimpleUploadedFile("o.pdf", pdf + b"\n%x\n", "application/pdf")}
    )
    assert 'data-match="no"' in other.content.decode()
    # A signed letter is signed once.
    with pytest.raises(KerjasamaError) as again:
        signing.sign_letter(actor=people["kabkota"], letter=letter, nik=NIK, passphrase=PLANTED)
    assert again.value.code == "signing.already_signed"


def test_it_never_stores_or_logs_the_passphrase_and_audits_every_attempt(
    agreement: Agreement, people: dict[str, Any], client_as: Any, caplog: Any, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    letter = final_letter(agreement, people["kabkota"])
    client = client_as("kabkota")
    detail = f"/kerja-sama/{agreement.pk}/surat/{letter.pk}/"
    client.post(f"{detail}tandatangani/", {"nik": NIK, "passphrase": "salah-" + PLANTED})  # refused
    client.post(f"{detail}tandatangani/", {"nik": NIK, "passphrase": PLANTED})  # signed
    attempts = list(SigningAttempt.objects.order_by("id").values_list("result", "error_code"))
    assert attempts == [("refused", "wrong_passphrase"), ("ok", "")]
    events = AuditEvent.objects.filter(action="signing.attempted", object_id=str(letter.pk))
    assert sorted(e.new["result"] for e in events) == ["ok", "refused"]
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert PLANTED not in dump.getvalue()
    assert PLANTED not in caplog.text
    stored = b"".join(p.read_bytes() for p in (tmp_path / "documents").rglob("*") if p.is_file())
    assert PLANTED.encode() not in stored


def test_it_records_an_unknown_outcome_and_asks_to_check_before_signing_again(
    agreement: Agreement, people: dict[str, Any], monkeypatch: Any
) -> None:
    letter = final_letter(agreement, people["kabkota"])

    def timed_out(*args: Any, **kwargs: Any) -> bytes:
        raise SignerFailure(UNKNOWN, "timeout", "no answer in time")

    from kerjasama.signing.signers import FakeSigner

    monkeypatch.setattr(FakeSigner, "sign_pdf", timed_out)
    with pytest.raises(KerjasamaError) as unknown:
        signing.sign_letter(actor=people["kabkota"], letter=letter, nik=NIK, passphrase=PLANTED)
    assert unknown.value.code == "signing.unknown" and "BSrE" in unknown.value.message_en
    assert SigningAttempt.objects.get().result == "unknown"
    monkeypatch.undo()
    with pytest.raises(KerjasamaError) as check:
        signing.sign_letter(actor=people["kabkota"], letter=letter, nik=NIK, passphrase=PLANTED)
    assert check.value.code == "signing.check_unknown"
    signing.sign_letter(
        actor=people["kabkota"], letter=letter, nik=NIK, passphrase=PLANTED, checked_unknown=True
    )
    assert SignedDocument.objects.count() == 1


def test_it_refuses_to_sign_a_draft_or_for_another_region(
    agreement: Agreement, people: dict[str, Any]
) -> None:
    draft = services.draft_letter(actor=people["kabkota"], agreement=agreement, kind="offer")
    with pytest.raises(KerjasamaError) as not_final:
        signing.sign_letter(actor=people["kabkota"], letter=draft, nik=NIK, passphrase=PLANTED)
    assert not_final.value.code == "letters.sign_not_final"
    letter = final_letter(agreement, people["kabkota"])
    for name in ("neighbour", "province"):
        with pytest.raises(PermissionDenied):
            signing.sign_letter(actor=people[name], letter=letter, nik=NIK, passphrase=PLANTED)
    assert not SigningAttempt.objects.exists()


def test_it_hides_a_confidential_letters_facts_on_the_public_page(
    agreement: Agreement, people: dict[str, Any], client_as: Any
) -> None:
    letter = final_letter(agreement, people["kabkota"], nature="rahasia")
    record = signing.sign_letter(actor=people["kabkota"], letter=letter, nik=NIK, passphrase=PLANTED)
    page = client_as(None).get(f"/verifikasi/{record.token}/").content.decode()
    assert 'data-testid="verify-confidential"' in page and letter.number not in page
    assert letter.subject not in page and 'data-status="sah"' in page


def test_it_caps_uploads_and_rate_limits_the_public_page(client_as: Any, settings: Any, db: Any) -> None:
    from django.core.cache import cache
    from django.core.files.uploadedfile import SimpleUploadedFile

    cache.clear()
    settings.KERJASAMA_VERIFY_MAX_BYTES = 100
    anon = client_as(None)
    big = anon.post(
        "/verifikasi/", {"berkas": SimpleUploadedFile("b.pdf", b"%PDF" + b"0" * 200, "application/pdf")}
    )
    assert big.status_code == 413
    assert anon.get("/verifikasi/tidak-ada/").status_code == 404
    settings.KERJASAMA_VERIFY_RATE_PER_MINUTE = 2
    cache.clear()
    statuses = [anon.get("/verifikasi/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    cache.clear()


def test_it_exports_a_srikandi_bundle_of_final_letters(
    agreement: Agreement, people: dict[str, Any], client_as: Any
) -> None:
    first = final_letter(agreement, people["kabkota"], attachments="2 (dua) berkas")
    second = final_letter(agreement, people["kabkota"])
    signing.sign_letter(actor=people["kabkota"], letter=second, nik=NIK, passphrase=PLANTED)
    client = client_as("kabkota")
    assert 'data-testid="srikandi-form"' in client.get(f"/kerja-sama/{agreement.pk}/surat/").content.decode()
    response = client.post(
        f"/kerja-sama/{agreement.pk}/surat/srikandi.zip", {"letter": [first.pk, second.pk]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(bundle.namelist())
    assert {"registrasi.csv", "README.txt", signing.file_name(first), signing.file_name(second)} <= names
    raw = bundle.read("registrasi.csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_number = {r["nomor"]: r for r in rows}
    assert (
        by_number[first.number]["jumlah_lampiran"] == "2"
        and by_number[first.number]["ditandatangani_elektronik"] == "tidak"
    )
    assert by_number[second.number]["ditandatangani_elektronik"] == "ya"
    assert (
        by_number[first.number]["klasifikasi_kka"] == first.kka_code
        and by_number[first.number]["hal"] == first.subject
    )
    signed = SignedDocument.objects.get()
    import hashlib

    assert hashlib.sha256(bundle.read(signing.file_name(second))).hexdigest() == signed.sha256
    assert AuditEvent.objects.filter(action="letter.srikandi_exported").count() == 2
    # Another region's unit may not export.
    neighbour = client_as("province")
    refused = neighbour.post(f"/kerja-sama/{agreement.pk}/surat/{first.pk}/srikandi.zip")
    assert (
        refused.status_code == 302
        and AuditEvent.objects.filter(action="letter.srikandi_exported").count() == 2
    )


def test_it_signs_and_exports_a_letter_of_a_tkksd_meeting_under_its_own_page(
    meeting: Any, people: dict[str, Any], client_as: Any
) -> None:
    """A letter whose subject is not an agreement (here the TKKSD invitation) is signed and exported from its
    page under /surat/, and its PDF becomes the signed one."""
    from kerjasama.letters import subject_services

    kabkota = people["kabkota"]
    letter = subject_services.draft_meeting_invitation(actor=kabkota, meeting=meeting, meeting_time="09.00 WIB")
    services.update_letter(
        actor=kabkota,
        letter=letter,
        changes={"signer_title": "Sekretaris Daerah", "signer_name": "Sekda Contoh", "signer_capacity": "plh"},
    )
    letter = services.finalise_letter(actor=kabkota, letter=letter)
    client = client_as("kabkota")
    page = f"/surat/{letter.pk}/"
    assert f'action="{page}tandatangani/"' in client.get(page).content.decode()
    assert client.post(f"{page}tandatangani/", {"nik": NIK, "passphrase": PLANTED})["Location"] == page
    record = SignedDocument.objects.get()
    import hashlib

    assert hashlib.sha256(client.get(f"{page}surat.pdf").content).hexdigest() == record.sha256
    bundle = client.post(f"{page}srikandi.zip")
    assert bundle.status_code == 200 and signing.file_name(letter) in zipfile.ZipFile(
        io.BytesIO(bundle.content)
    ).namelist()
    # Another region's cooperation unit cannot sign it (the letter is not even visible to it).
    assert client_as("other_province").post(f"{page}tandatangani/", {"nik": NIK, "passphrase": "x"}).status_code == 404


def test_it_signs_a_letter_whose_letterhead_has_the_regions_emblem(
    agreement: Agreement, people: dict[str, Any]
) -> None:
    """The copy that is signed is rendered as the letter is, with the emblem read inline (found by the full
    run: the signing path refused the emblem's data: URI and answered 500)."""
    from kerjasama.letters import subject_services
    from kerjasama.letters.tests.test_kind_pages import SVG
    from kerjasama.regions.models import Region

    subject_services.set_emblem(actor=people["kabkota"], region=Region.objects.get(code="34.71"), data=SVG)
    letter = final_letter(agreement, people["kabkota"])
    signing.sign_letter(actor=people["kabkota"], letter=letter, nik=NIK, passphrase=PLANTED)
    assert SignedDocument.objects.filter(object_id=str(letter.pk)).exists()
