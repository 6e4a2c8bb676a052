"""Issue 15's offline letters in a browser: Kota Yogyakarta's cooperation unit drafts the offer letter for the
demo's Yogyakarta-Sleman waste agreement (agreement 1, DATA CONTOH), fills the signature block, finalises it
(the number from ``KERJASAMA_LETTER_NUMBER_PATTERN``) and downloads the PDF; the PDF's pages are rendered to PNG
(pdftoppm) into test-artifacts and its text read back (pdftotext). The letter's pages pass axe-core at 1366 and
390 px and never scroll sideways on the phone. Signing (BSrE), the QR verification and the SRIKANDI bundle are
later work (docs/letters.md)."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import DEFAULT_DEMO_PASSWORD, log_in
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
#: The demo's Kota Yogyakarta - Kabupaten Sleman waste proposal (agreements/demo.py), found by its title.
WASTE = "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman"


def _check_page(page: Any, name: str) -> list[str]:
    problems = describe(page.url, audit(page))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"letters-{name}.png"), full_page=True)
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems.append(f"{page.url} scrolls sideways at {inner} px ({scroll} px)")
    return problems


def test_it_drafts_finalises_and_prints_an_offer_letter(sessions: Any, server: str) -> None:
    session = sessions(viewport=LAPTOP)
    page = session.page
    log_in(page, "operator.yogya", DEFAULT_DEMO_PASSWORD)
    page.goto("/kerja-sama/")
    page.get_by_role("link", name=re.compile(WASTE)).first.click()
    agreement = re.search(r"/kerja-sama/(\d+)/", page.url)
    assert agreement is not None, page.url
    base = f"/kerja-sama/{agreement.group(1)}/surat/"
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Surat dinas (naskah dinas)")
    page.get_by_label("Jenis surat").select_option("offer")
    page.get_by_role("button", name="Susun konsep surat").click()
    expect(page.get_by_test_id("letter-status")).to_have_attribute("data-status", "draft")
    expect(page.get_by_test_id("kka-unconfirmed")).to_be_visible()
    problems = _check_page(page, "draft-1366")

    page.get_by_label("Nama penanda tangan").fill("Drs. Budi Santoso, M.Si.")
    page.get_by_label("Pangkat penanda tangan").fill("Pembina Utama Muda")
    page.get_by_label("NIP penanda tangan").fill("197001011990031001")
    page.get_by_label("Lampiran").fill("1 (satu) berkas")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("outcome")).to_contain_text("Konsep telah disimpan")
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("letter-status")).to_have_attribute("data-status", "final")
    number = page.get_by_test_id("letter-number").inner_text().strip()
    assert re.fullmatch(r"000\.8\.3\.3/\d+/KS/20\d\d", number), number
    problems += _check_page(page, "final-1366")

    phone = sessions(viewport=PHONE)
    log_in(phone.page, "operator.yogya", DEFAULT_DEMO_PASSWORD)
    phone.page.goto(page.url)
    problems += _check_page(phone.page, "final-390")
    phone.page.goto(base)
    problems += _check_page(phone.page, "list-390")

    response = page.request.get(page.get_by_test_id("pdf").get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = ARTIFACTS / "letters-offer.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        number,
        "Sifat",
        "Lampiran",
        "1 (satu) berkas",
        "Hal",
        "Penawaran Kerja Sama",
        "PEMERINTAH KOTA YOGYAKARTA",
        "Bupati Sleman",
        "NIP. 197001011990031001",
    ):
        assert expected in text, expected
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "letters-offer-page")], check=True
    )
    assert list(ARTIFACTS.glob("letters-offer-page*.png"))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_it_drafts_a_tkksd_invitation_from_the_meeting_page_with_the_emblem(
    sessions: Any, server: str
) -> None:
    """The cooperation unit sets the emblem on /surat/kop/, schedules a TKKSD meeting, drafts its invitation
    from the meeting's page ("Buat surat"), finalises it and prints it; the letter's page and the region's list
    pass axe-core at 1366 and 390 px (the list and the letterhead page are also in the page audit)."""
    session = sessions(viewport=LAPTOP)
    page = session.page
    log_in(page, "operator.yogya", DEFAULT_DEMO_PASSWORD)
    page.goto("/surat/kop/")
    emblem = ARTIFACTS / "letters-emblem-example.svg"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    emblem.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 48"><path d="M2 2h36v26c0 10-9 16-18 18C11 44 2 38'
        ' 2 28z" fill="#1d4f91"/><circle cx="20" cy="20" r="8" fill="#f2c500"/></svg>'
    )
    page.get_by_test_id("emblem-form").locator("input[type=file]").set_input_files(str(emblem))
    page.get_by_role("button", name="Simpan lambang").click()
    expect(page.get_by_test_id("emblem-state")).to_contain_text("image/svg+xml")
    problems = _check_page(page, "letterhead-1366")

    page.goto("/tkksd/34.71/rapat/baru/")
    page.get_by_label("Tanggal rapat").fill("2026-12-21")
    page.get_by_label("Tempat").fill("Ruang Rapat Bagian Kerja Sama (DATA CONTOH)")
    page.get_by_label("Agenda").fill("Kajian usulan kerja sama persampahan (DATA CONTOH)")
    page.get_by_role("button", name="Jadwalkan rapat").click()
    page.get_by_label("Waktu rapat").fill("09.00 WIB s.d. selesai")
    page.get_by_role("button", name="Buat surat undangan").click()
    expect(page.get_by_test_id("letter-status")).to_have_attribute("data-status", "draft")
    page.get_by_label("Nama penanda tangan").fill("Drs. Budi Santoso, M.Si.")
    page.get_by_label("Pangkat penanda tangan").fill("Pembina Utama Muda")
    page.get_by_label("NIP penanda tangan").fill("197001011990031001")
    page.get_by_test_id("save").click()
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("letter-status")).to_have_attribute("data-status", "final")
    problems += _check_page(page, "invitation-final-1366")
    phone = sessions(viewport=PHONE)
    log_in(phone.page, "operator.yogya", DEFAULT_DEMO_PASSWORD)
    phone.page.goto(page.url)
    problems += _check_page(phone.page, "invitation-final-390")
    phone.page.goto("/surat/")
    problems += _check_page(phone.page, "region-list-390")

    response = page.request.get(page.get_by_test_id("pdf").get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = ARTIFACTS / "letters-invitation.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "Undangan Rapat",
        "Hari/tanggal",
        "Senin, 21 Desember 2026",
        "09.00 WIB",
        "NIP. 197001011990031001",
    ):
        assert expected in text, expected
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "letters-invitation-page")], check=True
    )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
