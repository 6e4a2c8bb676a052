"""Issue 15's acceptance in a browser: Kota Yogyakarta's cooperation unit drafts the offer letter for the demo's
Yogyakarta-Sleman waste agreement (DATA CONTOH), finalises it (number from ``KERJASAMA_LETTER_NUMBER_PATTERN``),
signs it through the fake signer (a demo CA, NOT BSrE), opens the public verification page by the URL the QR code
carries (read from the signed PDF's text and link; no pure-Python QR decoder is available, so the service test
``letters/tests/test_signing.py`` asserts the QR is regenerated from that same URL), sees a valid signature
without logging in, and exports the SRIKANDI bundle. The signed PDF's pages are rendered to PNG (pdftoppm) into
test-artifacts; the signing and verification pages pass axe-core at 1366 and 390 px."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import DEFAULT_DEMO_PASSWORD, log_in
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
WASTE = "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman"
DEMO_NIK = "3471010101800001"  # example NIK for the demo signer, not a real person's


def _check_page(page: Any, name: str) -> list[str]:
    problems = describe(page.url, audit(page))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"signing-{name}.png"), full_page=True)
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems.append(f"{page.url} scrolls sideways at {inner} px ({scroll} px)")
    return problems


def _link_uris(data: bytes) -> list[str]:
    """The URIs of the PDF's link annotations (read with pyHanko's reader)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    uris = []
    for page in reader.root["/Pages"]["/Kids"]:
        for annot in page.get_object().get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def test_it_signs_verifies_by_qr_and_exports_an_offer_letter(sessions: Any, server: str) -> None:
    session = sessions(viewport=LAPTOP)
    page = session.page
    log_in(page, "operator.yogya", DEFAULT_DEMO_PASSWORD)
    page.goto("/kerja-sama/")
    page.get_by_role("link", name=re.compile(WASTE)).first.click()
    agreement = re.search(r"/kerja-sama/(\d+)/", page.url)
    assert agreement is not None, page.url
    base = f"/kerja-sama/{agreement.group(1)}/surat/"
    page.goto(base)
    page.get_by_label("Jenis surat").select_option("offer")
    page.get_by_role("button", name="Susun konsep surat").click()
    page.get_by_label("Nama penanda tangan").fill("Drs. Budi Santoso, M.Si.")
    page.get_by_label("Pangkat penanda tangan").fill("Pembina Utama Muda")
    page.get_by_label("NIP penanda tangan").fill("197001011990031001")
    page.get_by_test_id("save").click()
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("letter-status")).to_have_attribute("data-status", "final")
    number = page.get_by_test_id("letter-number").inner_text().strip()
    assert re.fullmatch(r"000\.8\.3\.3/\d+/KS/20\d\d", number), number
    letter_url = page.url
    problems = _check_page(page, "sign-form-1366")

    page.get_by_label("NIK penanda tangan").fill(DEMO_NIK)
    page.get_by_label("Passphrase").fill("passphrase-contoh-demo")
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("signed")).to_be_visible()
    expect(page.get_by_test_id("sign-attempts")).to_contain_text("ditandatangani")
    problems += _check_page(page, "signed-1366")

    response = page.request.get(page.get_by_test_id("pdf").get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = ARTIFACTS / "signing-offer-signed.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert number in text and "BSrE" in text and "UU Nomor 11 Tahun 2008" in text.replace("\n", " ")
    found = re.search(r"https?://\S+/verifikasi/[\w-]+/", text)
    assert found is not None, text
    qr_url = found.group(0)
    assert qr_url in _link_uris(pdf.read_bytes())  # the footer's link annotation carries the same URL
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "signing-offer-page")], check=True
    )
    assert list(ARTIFACTS.glob("signing-offer-page*.png"))

    # The QR's link, opened by anyone (a fresh session, not logged in) on this server.
    public = sessions(viewport=PHONE)
    public.page.goto(urlsplit(qr_url).path)
    expect(public.page.get_by_test_id("verify-match")).to_have_attribute("data-match", "yes")
    expect(public.page.get_by_test_id("verify-number")).to_have_text(number)
    expect(public.page.get_by_test_id("verify-status").first).to_have_attribute("data-status", "sah")
    assert "197001011990031001" not in public.page.content() and DEMO_NIK not in public.page.content()
    problems += _check_page(public.page, "verify-390")
    public.page.set_viewport_size(LAPTOP)
    public.page.get_by_label("Berkas PDF").set_input_files(str(pdf))
    public.page.get_by_test_id("verify-submit").click()
    expect(public.page.get_by_test_id("verify-match")).to_have_attribute("data-match", "yes")
    problems += _check_page(public.page, "verify-upload-1366")

    page.goto(letter_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Ekspor untuk SRIKANDI (ZIP)").click()
    bundle = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    assert {"registrasi.csv", "README.txt"} <= set(bundle.namelist())
    assert number in bundle.read("registrasi.csv").decode("utf-8-sig")
    pdfs = [n for n in bundle.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == 1 and bundle.read(pdfs[0]) == pdf.read_bytes()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
