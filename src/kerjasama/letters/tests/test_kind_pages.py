"""The region's letters pages (``/surat/``): drafting from a TKKSD meeting's page, a letter's page, the list,
the scoping of dispute letters, and the letterhead and classification page with the emblem upload."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from kerjasama.disputes.models import Dispute
from kerjasama.letters import subject_services
from kerjasama.letters.models import Letter, LetterClassification, LetterheadProfile
from kerjasama.letters.pdf import letter_html, letter_pdf
from kerjasama.letters.tests.test_kinds import pdf_text
from kerjasama.tkksd.models import Meeting

#: The smallest valid PNG: a 1x1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005"
    "0001ff8f3a1b5c0000000049454e44ae426082"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0a0"/></svg>'


def test_it_drafts_an_invitation_from_the_meeting_page_and_finalises_it(
    meeting: Meeting, client_as: Any, tmp_path: Path
) -> None:
    client = client_as("kabkota")
    page = client.get(f"/tkksd/34.71/rapat/{meeting.pk}/").content.decode()
    assert 'data-testid="draft-letter-from"' in page and f"/surat/buat/rapat-tkksd/{meeting.pk}/" in page
    response = client.post(f"/surat/buat/rapat-tkksd/{meeting.pk}/", {"meeting_time": "09.00 WIB"})
    assert response.status_code == 302
    letter = Letter.objects.get(tkksd_meeting=meeting)
    assert response["Location"] == f"/surat/{letter.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert 'data-testid="edit-form"' in detail and "Rapat TKKSD" in detail
    fields = {
        "nature": "biasa",
        "attachments": "",
        "subject": letter.subject,
        "addressee": letter.addressee,
        "body": letter.body,
        "place": "Yogyakarta",
        "signer_capacity": "plh",
        "signer_title": "Sekretaris Daerah Kota Yogyakarta",
        "signer_name": "Contoh Pejabat",
        "signer_rank": "",
        "signer_nip": "",
        "copies": "",
        "annex": "",
    }
    assert client.post(response["Location"], fields).status_code == 302
    assert client.post(f"/surat/{letter.pk}/tetapkan/").status_code == 302
    letter.refresh_from_db()
    assert letter.is_final and letter.number
    pdf = client.get(f"/surat/{letter.pk}/surat.pdf")
    assert pdf.status_code == 200
    assert "Plh. Sekretaris Daerah Kota Yogyakarta" in pdf_text(pdf.content, tmp_path)
    listing = client.get("/surat/").content.decode()
    assert letter.number in listing and f"/tkksd/34.71/rapat/{meeting.pk}/" in listing


def test_the_meeting_page_offers_no_letter_to_who_may_not_draft_it(meeting: Meeting, client_as: Any) -> None:
    page = client_as("province").get(f"/tkksd/34.71/rapat/{meeting.pk}/")
    assert page.status_code == 200 and 'data-testid="draft-letter-from"' not in page.content.decode()
    assert (
        client_as("neighbour")
        .post(f"/surat/buat/rapat-tkksd/{meeting.pk}/", {"meeting_time": "9"})
        .status_code
        == 404
    )
    assert not Letter.objects.exists()


def test_a_dispute_letter_page_is_hidden_from_who_does_not_see_the_case(
    dispute: Dispute, client_as: Any, persona: Any
) -> None:
    page = client_as("kabkota").get(f"/perselisihan/{dispute.pk}/").content.decode()
    assert 'data-testid="draft-letter-from"' in page
    response = client_as("kabkota").post(f"/surat/buat/perselisihan/{dispute.pk}/", {"purpose": "notice"})
    assert response.status_code == 302
    letter = Letter.objects.get(dispute=dispute)
    # The case moves to the Minister: the governor's office of DIY no longer sees it, nor its letter.
    Dispute.objects.filter(pk=dispute.pk).update(
        resolver="menteri", resolver_region=None, proposed_region=None
    )
    for name, status in (("kabkota", 200), ("province", 404), ("neighbour", 404), ("other_province", 404)):
        assert client_as(name).get(f"/surat/{letter.pk}/").status_code == status, name
        assert client_as(name).get(f"/surat/{letter.pk}/surat.pdf").status_code == status, name
    assert letter.subject not in client_as("province").get("/surat/").content.decode()
    assert (
        client_as("other_province")
        .post(f"/surat/buat/perselisihan/{dispute.pk}/", {"purpose": "notice"})
        .status_code
        == 404
    )


def test_the_letterhead_page_saves_the_letterhead_and_confirms_a_classification(client_as: Any) -> None:
    client = client_as("kabkota")
    page = client.get("/surat/kop/").content.decode()
    assert 'data-testid="unconfirmed-tkksd_invitation"' in page
    saved = client.post(
        "/surat/kop/",
        {
            "which": "letterhead",
            "government_name": "PEMERINTAH KOTA YOGYAKARTA",
            "address": "Jl. Kenari No. 56 (contoh)",
            "contact": "",
            "unit_code": "KSD",
            "number_pattern": "{kka}/{seq}/{unit}/{month_roman}/{year}",
        },
    )
    assert saved.status_code == 302
    assert LetterheadProfile.objects.get(region_id="34.71").unit_code == "KSD"
    bad = client.post("/surat/kop/", {"which": "letterhead", "number_pattern": "{kka}/{unit}"})
    assert bad.status_code == 422 and "letters.bad_number_pattern" in bad.content.decode()
    confirmed = client.post(
        "/surat/kop/",
        {
            "which": "class-tkksd_invitation",
            "class-tkksd_invitation-kind": "tkksd_invitation",
            "class-tkksd_invitation-kka_code": "000.1.6",
            "class-tkksd_invitation-retention_class": "2 tahun aktif, 1 tahun inaktif (contoh)",
        },
    )
    assert confirmed.status_code == 302
    row = LetterClassification.objects.get(region_id="34.71", kind="tkksd_invitation")
    assert row.kka_code == "000.1.6" and row.confirmed_at is not None
    assert 'data-testid="unconfirmed-tkksd_invitation"' not in client.get("/surat/kop/").content.decode()


@pytest.mark.parametrize("name", ["neighbour", "province", "ministry"])
def test_only_the_regions_cooperation_unit_reaches_its_letterhead_page(client_as: Any, name: str) -> None:
    # Each reaches its own region's page at most; none reaches Kota Yogyakarta's.
    client_as(name).post("/surat/kop/", {"which": "letterhead", "unit_code": "X"})
    assert not LetterheadProfile.objects.filter(region_id="34.71").exists()


@override_settings(KERJASAMA_LETTER_EMBLEM_MAX_BYTES=2048)
def test_the_emblem_upload_takes_a_png_or_a_clean_svg_and_refuses_the_rest(
    client_as: Any, persona: Any
) -> None:
    client = client_as("kabkota")

    def upload(data: bytes, name: str = "lambang.png") -> Any:
        return client.post("/surat/kop/", {"which": "emblem", "emblem": SimpleUploadedFile(name, data)})

    assert upload(PNG).status_code == 302
    assert LetterheadProfile.objects.get(region_id="34.71").emblem_type == "image/png"
    assert upload(SVG, "lambang.svg").status_code == 302
    assert LetterheadProfile.objects.get(region_id="34.71").emblem_type == "image/svg+xml"
    refusals = {
        "letters.emblem_too_large": PNG + b"\0" * 4096,
        "letters.bad_emblem": b"%PDF-1.7 not an image",
    }
    for code, data in refusals.items():
        answer = upload(data, "lambang.png")
        assert answer.status_code in (400, 413, 422) and code in answer.content.decode(), code
    for svg in (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><image x:href="http://127.0.0.1/a.png"/></svg>',
        b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://127.0.0.1/x)"/></svg>',
        b"<html xmlns='http://www.w3.org/1999/xhtml'/>",
    ):
        assert "letters.bad_emblem" in upload(svg, "lambang.svg").content.decode(), svg
    # The refusals left the accepted SVG in place; it is printed in the letterhead.
    assert LetterheadProfile.objects.get(region_id="34.71").emblem_type == "image/svg+xml"
    assert client.post("/surat/kop/", {"which": "emblem", "remove": "on"}).status_code == 302
    assert LetterheadProfile.objects.get(region_id="34.71").emblem_type == ""


def test_the_pdf_letterhead_prints_the_emblem(meeting: Meeting, persona: Any, tmp_path: Path) -> None:
    kabkota = persona("kabkota")
    yogya = meeting.region
    subject_services.set_emblem(actor=kabkota, region=yogya, data=SVG)
    from kerjasama.letters.tests.test_kinds import ARTIFACTS

    example = subject_services.draft_meeting_invitation(
        actor=kabkota, meeting=meeting, meeting_time="09.00 WIB"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "letter-emblem-svg.pdf").write_bytes(letter_pdf(example))
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(ARTIFACTS / "letter-emblem-svg.pdf"),
            str(ARTIFACTS / "letter-emblem-svg"),
        ],
        check=True,
    )
    subject_services.set_emblem(actor=kabkota, region=yogya, data=PNG)
    letter = subject_services.draft_meeting_invitation(
        actor=kabkota, meeting=meeting, meeting_time="09.00 WIB"
    )
    assert 'class="emblem" src="data:image/png;base64,' in letter_html(letter)
    path = tmp_path / "kop.pdf"
    path.write_bytes(letter_pdf(letter))
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert [line.split()[2] for line in images.strip().splitlines()[2:]][:1] == ["image"]  # the emblem
