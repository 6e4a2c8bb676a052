"""The letters pages of an agreement: draft, edit, finalise, new version and the PDF (its text layer carries the
Nomor/Sifat/Lampiran/Hal block, read back with pdftotext)."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.letters.models import Letter


def _pdf_text(data: bytes, tmp_path: Any) -> str:
    path = tmp_path / "surat.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_it_drafts_edits_finalises_and_renders_an_offer_letter(
    agreement: Agreement, client_as: Any, tmp_path: Any
) -> None:
    client = client_as("kabkota")
    base = f"/kerja-sama/{agreement.pk}/surat/"
    page = client.get(base)
    assert page.status_code == 200 and "Surat dinas" in page.content.decode()
    response = client.post(base, {"kind": "offer"})
    assert response.status_code == 302
    letter = Letter.objects.get(agreement=agreement)
    detail = response["Location"]
    form = client.get(detail)
    assert 'data-testid="edit-form"' in form.content.decode()
    fields = {
        "nature": "segera",
        "attachments": "1 (satu) berkas",
        "subject": letter.subject,
        "addressee": letter.addressee,
        "body": letter.body,
        "place": "Yogyakarta",
        "signer_capacity": "plt",
        "signer_title": "Wali Kota Yogyakarta",
        "signer_name": "Sri Rahayu",
        "signer_rank": "",
        "signer_nip": "",
        "copies": "Gubernur Daerah Istimewa Yogyakarta\nKetua DPRD Kota Yogyakarta",
    }
    assert client.post(detail, fields).status_code == 302
    assert client.post(f"{detail}tetapkan/").status_code == 302
    letter.refresh_from_db()
    assert letter.status == "final" and letter.number.startswith("000.8.3.3/1/")
    shown = client.get(detail).content.decode()
    assert letter.number in shown and 'data-testid="edit-form"' not in shown and "new-version-form" in shown

    pdf = client.get(f"{detail}surat.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content, tmp_path)
    for expected in (
        letter.number,
        "Sifat",
        "Segera",
        "Lampiran",
        "1 (satu) berkas",
        "Hal",
        "Penawaran Kerja Sama",
        "PEMERINTAH KOTA YOGYAKARTA",
        "Plt. Wali Kota Yogyakarta",
        "Sri Rahayu",
        "Tembusan",
    ):
        assert expected in text, expected
    assert "NIP" not in text  # an acting head writes no NIP (Pasal 44)

    # A change after finalising is refused on the page, and made as a new version.
    assert client.post(detail, fields).status_code == 409
    new = client.post(f"{detail}versi-baru/")
    assert new.status_code == 302 and new["Location"] != detail
    assert Letter.objects.filter(agreement=agreement).count() == 2


@pytest.mark.parametrize(("name", "status"), [("neighbour", 404), ("other_province", 404), ("province", 200)])
def test_it_shows_a_regions_letter_only_within_its_jurisdiction(
    agreement: Agreement, client_as: Any, name: str, status: int
) -> None:
    client_as("kabkota").post(f"/kerja-sama/{agreement.pk}/surat/", {"kind": "offer"})
    letter = Letter.objects.get(agreement=agreement)
    client = client_as(name)
    assert client.get(f"/kerja-sama/{agreement.pk}/surat/{letter.pk}/").status_code == status
    assert client.get(f"/kerja-sama/{agreement.pk}/surat/{letter.pk}/surat.pdf").status_code == status
    listing = client.get(f"/kerja-sama/{agreement.pk}/surat/")
    if listing.status_code == 200:
        assert (letter.subject in listing.content.decode()) is (status == 200)


def test_it_refuses_a_draft_from_someone_who_is_not_a_party_unit(
    agreement: Agreement, client_as: Any
) -> None:
    response = client_as("province").post(f"/kerja-sama/{agreement.pk}/surat/", {"kind": "offer"})
    assert response.status_code == 403
    assert not Letter.objects.filter(agreement=agreement).exists()
