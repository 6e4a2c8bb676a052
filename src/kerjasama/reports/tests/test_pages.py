"""The reports pages: the list (with the drafting form, the province's and the ministry's views), a report's
page with its steps, the downloads (XLSX with the figures, PDF with a text layer carrying the number)."""

from __future__ import annotations

import io
import shutil
import subprocess
from typing import Any

import pytest

from kerjasama.reports.choices import ReportStatus
from kerjasama.reports.models import PeriodicReport

pytestmark = pytest.mark.django_db


def test_it_shows_the_drafting_form_to_the_cooperation_unit(client_as: Any) -> None:
    page = client_as("kabkota").get("/laporan/").content.decode()
    assert 'data-testid="generate-form"' in page
    assert 'data-testid="nav-reports"' in page
    assert 'data-testid="generate-form"' not in client_as("ministry").get("/laporan/").content.decode()


def test_it_drafts_and_submits_through_the_pages(client_as: Any, waste: Any) -> None:
    client = client_as("kabkota")
    answer = client.post("/laporan/susun/", {"period": "2026-01-01"})
    assert answer.status_code == 302
    report = PeriodicReport.objects.get(region_id="34.71")
    page = client.get(answer["Location"]).content.decode()
    assert "Pengelolaan sampah regional" in page and 'data-testid="submit-form"' in page
    bad = client.post(f"/laporan/{report.pk}/submit/", {"number": ""})
    assert bad.status_code == 422
    answer = client.post(
        f"/laporan/{report.pk}/submit/",
        {
            "number": "000.7/9/KSD",
            "report_date": "2026-07-20",
            "signatory_name": "Contoh",
            "signatory_title": "Sekretaris Daerah",
            "signatory_nip": "",
        },
    )
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.number == "000.7/9/KSD"


def test_the_governor_returns_with_a_reason_through_the_page(
    client_as: Any, submitted: PeriodicReport
) -> None:
    client = client_as("province")
    page = client.get(f"/laporan/{submitted.pk}/").content.decode()
    assert 'data-testid="return-form"' in page
    assert client.post(f"/laporan/{submitted.pk}/return/", {"reason": ""}).status_code == 422
    assert client.post(f"/laporan/{submitted.pk}/return/", {"reason": "Lengkapi."}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.DRAFT
    page = client_as("kabkota").get(f"/laporan/{submitted.pk}/").content.decode()
    assert "Lengkapi." in page


def test_the_ministry_sees_who_has_not_reported(client_as: Any, submitted: PeriodicReport) -> None:
    client = client_as("ministry")
    page = client.get("/laporan/?periode=2026-01-01").content.decode()
    assert 'data-testid="national"' in page and 'data-testid="province-34"' in page
    drill = client.get("/laporan/provinsi/34/?periode=2026-01-01").content.decode()
    assert 'data-testid="kabkota-34.71" data-status="submitted"' in drill
    assert 'data-testid="kabkota-34.04" data-status="none"' in drill
    assert client_as("other_province").get("/laporan/provinsi/34/").status_code == 404


def test_the_xlsx_holds_the_figures(client_as: Any, submitted: PeriodicReport) -> None:
    import openpyxl

    answer = client_as("province").get(f"/laporan/{submitted.pk}/laporan.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    values = [c for row in book["Laporan"].iter_rows(values_only=True) for c in row if c is not None]
    assert "PEMERINTAH KOTA YOGYAKARTA" in values
    assert "000.7/123/KSD" in values
    assert "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman" in values
    assert 9000000 in values  # the six monthly fees due in the semester


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_has_a_text_layer_with_the_number(
    client_as: Any, submitted: PeriodicReport, tmp_path: Any
) -> None:
    answer = client_as("kabkota").get(f"/laporan/{submitted.pk}/laporan.pdf")
    assert answer["Content-Type"] == "application/pdf"
    path = tmp_path / "laporan.pdf"
    path.write_bytes(answer.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "PEMERINTAH KOTA YOGYAKARTA" in text
    assert "000.7/123/KSD" in text
    assert "Laporan Pelaksanaan Kerja Sama Daerah Semester I Tahun 2026" in text
    assert "Gubernur" in text and "197001011990031001" in text


def test_the_report_page_speaks_english_when_chosen(client_as: Any, draft: PeriodicReport) -> None:
    client = client_as("kabkota")
    client.post("/i18n/setlang/", {"language": "en", "next": "/laporan/"})
    page = client.get(f"/laporan/{draft.pk}/").content.decode()
    assert "Agreements in the period" in page and "Check and submit" in page
    client.post("/i18n/setlang/", {"language": "id", "next": "/laporan/"})
    assert "Kerja sama dalam periode" in client.get(f"/laporan/{draft.pk}/").content.decode()


def test_the_pages_say_when_the_report_is_due(client_as: Any, settings: Any) -> None:
    """``KERJASAMA_REPORT_DUE_DAYS`` (no regulation sets it): Semester I 2026 ends on 30 June, so with the
    default 30 days the report is due on 30 July; with 15 days on 15 July."""
    page = client_as("kabkota").get("/laporan/?periode=2026-01-01").content.decode()
    assert "paling lambat 30 Juli 2026" in page
    settings.KERJASAMA_REPORT_DUE_DAYS = 15
    drill = client_as("ministry").get("/laporan/provinsi/34/?periode=2026-01-01").content.decode()
    assert "paling lambat 15 Juli 2026" in drill
