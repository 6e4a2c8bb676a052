"""The annual report of regional cooperation (issue 13 item 6): who may request which scope, the task's progress,
the PDF's text and the XLSX's cells equal to the dashboard snapshot's figures, the example-data mark on every
page, the list page and the permission-checked downloads, the subcommand, and no agreement title in the report."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from kerjasama.accounts.models import User
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.oversight.annual_report import SHADES, STEPS, legend_of, shade_class
from kerjasama.oversight.annual_services import generate_annual_report, request_annual_report, stored_file
from kerjasama.oversight.choices import AnnualReportStatus
from kerjasama.oversight.dashboard import NATIONAL
from kerjasama.oversight.dashboard_services import recompute_dashboards, snapshot
from kerjasama.oversight.models import AnnualReport

pytestmark = pytest.mark.django_db

DIY, JABAR = "34", "32"
LIST = "/pengawasan/laporan-tahunan/"
#: An unpublished agreement of another province: its title must never reach a report.
PLANTED = "RAHASIA-TERTANAM Kerja sama belum terbit Semarang"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"


def _year() -> int:
    return timezone.localdate().year


def _agreements() -> None:
    for title, codes, start in (
        ("Persampahan Yogyakarta Sleman", ("34.71", "34.04"), date(_year(), 2, 1)),
        ("Transportasi Bantul Sleman", ("34.02", "34.04"), date(_year() - 1, 5, 1)),
        (PLANTED, ("33.74", "33.22"), date(_year(), 3, 1)),
    ):
        register_existing_agreement(
            actor=SYSTEM,
            type="KSDD",
            category="sukarela",
            title=title,
            region_codes=list(codes),
            affairs=["2.11"],
            number=f"PKS/{title[:12]}/{start.year}",
            term_start=start,
            term_end=date(start.year + 5, 1, 31),
            apbd_budgeted=True,
        )
    recompute_dashboards(actor=SYSTEM)


def _built(actor: Any, scope: str, capture: Any) -> AnnualReport:
    with capture(execute=True):
        report = request_annual_report(actor=actor, scope=scope, year=_year())
    report.refresh_from_db()
    return report


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _total(text: str, label: str) -> int:
    match = re.search(rf"{re.escape(label)}\s+(\d+)", text)
    assert match, f"{label!r} not in the PDF"
    return int(match.group(1))


def test_who_may_request_which_scope(persona: Any) -> None:
    year = _year()
    jabar = User.objects.get(username="gubernur.jawabarat")
    for who, scope in (("ministry", NATIONAL), ("ministry", DIY), ("province", DIY)):
        report = request_annual_report(actor=persona(who), scope=scope, year=year, enqueue=False)
        assert report.status == AnnualReportStatus.QUEUED
        AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReportStatus.FAILED)
    refused = (
        (persona("province"), NATIONAL),
        (persona("province"), JABAR),
        (jabar, DIY),
        (persona("kabkota"), DIY),
        (persona("auditor"), DIY),
        (persona("third_party"), DIY),
    )
    for actor, scope in refused:
        with pytest.raises(PermissionDenied):
            request_annual_report(actor=actor, scope=scope, year=year, enqueue=False)
    with pytest.raises(KerjasamaError) as bad:
        request_annual_report(actor=persona("ministry"), scope="34.71", year=year, enqueue=False)
    assert bad.value.code == "annual_report.bad_scope"
    with pytest.raises(KerjasamaError) as old:
        request_annual_report(actor=persona("ministry"), scope=NATIONAL, year=year - 10, enqueue=False)
    assert old.value.code == "annual_report.bad_year"
    events = AuditEvent.objects.filter(action="oversight.annual_report_requested")
    assert events.count() == 3


def test_a_report_being_generated_is_not_requested_twice(persona: Any) -> None:
    request_annual_report(actor=persona("province"), scope=DIY, year=_year(), enqueue=False)
    with pytest.raises(Conflict):
        request_annual_report(actor=persona("ministry"), scope=DIY, year=_year(), enqueue=False)


def test_the_national_report_holds_the_dashboard_figures(
    persona: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    _agreements()
    figures, _at = snapshot(NATIONAL)
    report = _built(persona("ministry"), NATIONAL, django_capture_on_commit_callbacks)
    assert report.status == AnnualReportStatus.DONE, report.error
    assert report.steps_done == report.steps_total == len(STEPS)
    assert AuditEvent.objects.filter(
        action="oversight.annual_report_generated", object_id=str(report.pk)
    ).exists()

    text = _pdf_text(stored_file(report, "pdf"), tmp_path)
    totals = figures["totals"]
    assert "KEMENTERIAN DALAM NEGERI" in text and "BINA ADMINISTRASI KEWILAYAHAN" in text
    assert "Pasal 24 Peraturan Pemerintah Nomor 12 Tahun 2017" in text.replace("\n", " ")
    assert "Data per tanggal" in text and re.search(r"Halaman 1 dari \d+", text), text[:400]
    assert _total(text, "Kerja sama (tidak termasuk yang dibatalkan)") == totals["agreements"]
    new = dict(figures["tables"]["new"])[str(_year())]
    assert new >= 2 and _total(text, f"Kerja sama yang mulai berlaku pada tahun {_year()}") == new
    assert _total(text, "Daerah otonom") == totals["regions"]
    assert PLANTED not in text and "RAHASIA" not in text

    book = openpyxl.load_workbook(io.BytesIO(stored_file(report, "xlsx")))
    summary = {row[0]: row[1] for row in book["ringkasan"].iter_rows(values_only=True) if len(row) > 1}
    assert summary["Kerja sama (tidak termasuk yang dibatalkan)"] == totals["agreements"]
    assert summary["Daerah dengan keputusan TKKSD yang berlaku"] == totals["decree"]
    types = {row[0]: row[1] for row in book["type"].iter_rows(min_row=6, values_only=True)}
    assert sum(types.values()) == sum(n for _c, n in figures["tables"]["type"])
    provinces = {row[0]: row[2] for row in book["wilayah"].iter_rows(min_row=6, values_only=True)}
    assert provinces["34"] == {c["code"]: c["agreements"] for c in figures["children"]}["34"] == 2
    cells = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)
    assert "RAHASIA" not in cells


def test_the_province_report_is_the_governors_with_the_example_mark_on_every_page(
    persona: Any, django_capture_on_commit_callbacks: Any, tmp_path: Path
) -> None:
    _agreements()
    from kerjasama.agreements.models import Agreement

    Agreement.objects.filter(title__startswith="Persampahan").update(is_example=True)
    report = _built(persona("province"), DIY, django_capture_on_commit_callbacks)
    assert report.status == AnnualReportStatus.DONE, report.error
    assert report.is_example
    pdf = stored_file(report, "pdf")
    text = _pdf_text(pdf, tmp_path)
    assert "GUBERNUR" in text and "WAKIL PEMERINTAH PUSAT" in text
    figures, _at = snapshot(DIY)
    assert _total(text, "Kerja sama (tidak termasuk yang dibatalkan)") == figures["totals"]["agreements"] == 2
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2 and all("DATA CONTOH" in p for p in pages)
    assert "RAHASIA" not in text and "Persampahan" not in text
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "annual-report-34.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(ARTIFACTS / "annual-report-34.pdf"),
         str(ARTIFACTS / "annual-report-34")],
        check=True,
    )  # fmt: skip


def test_the_page_lists_requests_and_downloads(
    client_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_as("province")
    page = client.get(LIST)
    assert page.status_code == 200
    assert 'value="nasional"' not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(LIST, {"scope": DIY, "year": str(_year())})
    assert posted.status_code == 302
    report = AnnualReport.objects.get(scope=DIY, year=_year())
    assert report.status == AnnualReportStatus.DONE, report.error
    html = client.get(LIST).content.decode()
    assert f"annual-pdf-{DIY}-{_year()}" in html
    pdf = client.get(f"{LIST}{report.pk}/unduh.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    assert client.get(f"{LIST}{report.pk}/unduh.xlsx").status_code == 200
    assert client.get(f"{LIST}{report.pk}/status.json").json()["percent"] == 100
    # The ministry reads it; another province's governor and a cooperation unit do not.
    assert client_as("ministry").get(f"{LIST}{report.pk}/unduh.pdf").status_code == 200
    client.force_login(User.objects.get(username="gubernur.jawabarat"))
    assert client.get(f"{LIST}{report.pk}/unduh.pdf").status_code == 404
    assert f"annual-report-{DIY}" not in client.get(LIST).content.decode()
    assert client_as("kabkota").get(LIST).status_code == 403
    assert client_as("kabkota").get(f"{LIST}{report.pk}/unduh.pdf").status_code == 404
    assert client_as(None).get(f"{LIST}{report.pk}/unduh.pdf").status_code in (302, 404)


def test_the_dashboards_link_to_the_annual_reports(client_as: Any) -> None:
    assert (
        'data-testid="dashboard-annual-reports"'
        in client_as("ministry").get("/pengawasan/nasional/").content.decode()
    )


def test_the_subcommand_writes_the_pdf_and_xlsx(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "annual_report", year=_year(), province=DIY, out=str(tmp_path / "out"), json=True, stdout=out
    )
    assert '"status": "done"' in out.getvalue()
    pdf = tmp_path / "out" / f"laporan-tahunan-kerja-sama-{DIY}-{_year()}.pdf"
    assert pdf.read_bytes()[:4] == b"%PDF"
    assert (tmp_path / "out" / f"laporan-tahunan-kerja-sama-{DIY}-{_year()}.xlsx").exists()


def test_a_failure_is_recorded_on_the_report(persona: Any, monkeypatch: Any) -> None:
    report = request_annual_report(actor=persona("ministry"), scope=DIY, year=_year(), enqueue=False)

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("printer on fire")

    monkeypatch.setattr("kerjasama.oversight.annual_services.report_pdf", broken)
    report = generate_annual_report(actor=SYSTEM, report_id=report.pk)
    assert report.status == AnnualReportStatus.FAILED and "printer on fire" in report.error
    assert report.steps_done == 3


def test_the_map_legend_names_the_shades_the_map_draws() -> None:
    assert legend_of(0) == [(SHADES[0], "0")]
    assert legend_of(2) == [(SHADES[0], "0"), (SHADES[1], "1"), (SHADES[3], "2")]
    for top in (1, 7, 40):
        legend = dict(legend_of(top))
        for value in range(1, top + 1):
            low, _sep, high = legend[SHADES[shade_class(value, top)]].partition("–")
            assert int(low) <= value <= int(high or low)
