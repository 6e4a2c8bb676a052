"""Every change to the annual reports of regional cooperation (issue 13 item 6; ``annual_report``).

``request_annual_report`` records the request (one row per scope and year, regenerated on request) and enqueues
the task; ``generate_annual_report`` is the task's body: it builds the report step by step (figures, map, charts,
PDF, XLSX, storage), writing its progress after each step in its own short transaction so the list page shows
it while the work goes on. Both write an audit event; the row keeps its history.

Legal basis: PP 12/2017 Pasal 24 (the governor as central government's representative reports upward),
PP 28/2018 Pasal 37 (Kemendagri's guidance and supervision of regional cooperation).
"""

from __future__ import annotations

import logging
import secrets
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.agreements.models import Agreement
from kerjasama.core import audit
from kerjasama.core.actors import Actor, is_system
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.oversight import annual_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.annual_report import (
    STEPS,
    build_charts,
    collect_figures,
    map_svg,
    report_html,
    report_pdf,
    report_xlsx,
)
from kerjasama.oversight.choices import AnnualReportStatus
from kerjasama.oversight.dashboard import NATIONAL, YEARS
from kerjasama.oversight.models import AnnualReport
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

logger = logging.getLogger(__name__)
#: Where the files live in the documents storage (``STORAGES["documents"]``).
STORE_PREFIX = "annualreports"
_BUSY = (AnnualReportStatus.QUEUED, AnnualReportStatus.RUNNING)


def report_years(today: date | None = None) -> list[int]:
    """The years a report may cover: those the dashboards' yearly tables hold (``dashboard.YEARS``), newest
    first."""
    today = today or timezone.localdate()
    return list(range(today.year, today.year - YEARS, -1))


def province_of_scope(scope: str) -> Region | None:
    """The province of a province scope (``None`` for the national one); refuses anything else."""
    if scope == NATIONAL:
        return None
    province = Region.objects.filter(code=scope, level=Level.PROVINSI).first()
    if province is None:
        raise KerjasamaError(
            code="annual_report.bad_scope",
            message_id=f"Cakupan laporan tahunan tidak dikenal: {scope!r} (nasional atau kode provinsi).",
            message_en=f"Unknown annual report scope: {scope!r} (national or a province code).",
        )
    return province


@transaction.atomic
def request_annual_report(*, actor: Actor, scope: str, year: int, enqueue: bool = True) -> AnnualReport:
    """Request (or regenerate) the annual report of ``scope`` (``"nasional"`` or a province code) for ``year``;
    the task builds it once this transaction commits (``enqueue=False``: the caller builds it itself with
    :func:`generate_annual_report`, as ``kerjasama annual-report`` does). Refused while the same report is
    being generated."""
    province = province_of_scope(scope)
    require(actor, "oversight.request_annual_report", province)
    if year not in report_years():
        raise KerjasamaError(
            code="annual_report.bad_year",
            message_id=f"Tahun {year} di luar {YEARS} tahun terakhir yang dicakup dasbor.",
            message_en=f"Year {year} is outside the last {YEARS} years the dashboards cover.",
        )
    now = timezone.now()
    user = None if is_system(actor) else actor
    report = AnnualReport.objects.select_for_update().filter(scope=scope, year=year).first()
    if report is not None and report.status in _BUSY:
        raise Conflict(
            code="annual_report.in_progress",
            message_id="Laporan tahunan ini sedang disusun; tunggu sampai selesai.",
            message_en="This annual report is being generated; wait until it is done.",
        )
    old = None
    if report is None:
        report = AnnualReport(scope=scope, region=province, year=year)
    else:
        old = {
            "status": report.status,
            "data_as_of": report.data_as_of.isoformat() if report.data_as_of else "",
        }
    report.status = AnnualReportStatus.QUEUED
    report.steps_done, report.steps_total = 0, len(STEPS)
    report.error = ""
    report.requested_by = user
    report.requested_at = now
    report.started_at = report.finished_at = None
    report.save()
    audit.record(
        actor=actor,
        action=AuditAction.ANNUAL_REPORT_REQUESTED,
        obj=report,
        object_label=f"Laporan tahunan {scope} {year} / annual report",
        old=old,
        new={"scope": scope, "year": year, "status": report.status},
    )
    if enqueue:
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from kerjasama.oversight.annual_tasks import build_annual_report

    build_annual_report.enqueue(report_id)


def _progress(report: AnnualReport, done: int, **fields: Any) -> None:
    report.steps_done = done
    for name, value in fields.items():
        setattr(report, name, value)
    with transaction.atomic():
        AnnualReport.objects.filter(pk=report.pk).update(steps_done=done, **fields)


def _storage() -> Any:
    from django.core.files.storage import storages

    return storages["documents"]


def generate_annual_report(*, actor: Actor, report_id: int) -> AnnualReport:
    """Build the report's figures, map, charts, PDF and XLSX, store the files and mark it done (progress after
    each step); on an error mark it failed with the error's text. Returns the row."""
    report = AnnualReport.objects.get(pk=report_id)
    require(actor, "oversight.request_annual_report", report.region)
    if report.status == AnnualReportStatus.DONE:
        return report
    total = len(STEPS)
    _progress(report, 0, status=AnnualReportStatus.RUNNING, steps_total=total, started_at=timezone.now())
    try:
        example = Agreement.objects.filter(is_example=True).exists()
        figures = collect_figures(report.scope, report.year, example=example)
        _progress(report, 1)
        svg, legend = map_svg(figures)
        _progress(report, 2)
        built = build_charts(figures)
        _progress(report, 3)
        pdf = report_pdf(report_html(figures, svg, legend, built))
        _progress(report, 4)
        book = report_xlsx(figures)
        _progress(report, 5)
        storage = _storage()
        token = secrets.token_hex(6)
        base = f"{STORE_PREFIX}/{report.scope}-{report.year}-{token}"
        pdf_name = storage.save(f"{base}.pdf", ContentFile(pdf))
        xlsx_name = storage.save(f"{base}.xlsx", ContentFile(book))
        old_files = [n for n in (report.pdf_name, report.xlsx_name) if n]
        with transaction.atomic():
            AnnualReport.objects.filter(pk=report.pk).update(
                status=AnnualReportStatus.DONE,
                steps_done=total,
                pdf_name=pdf_name,
                xlsx_name=xlsx_name,
                data_as_of=figures.as_of,
                is_example=example,
                finished_at=timezone.now(),
            )
            report.refresh_from_db()
            audit.record(
                actor=actor,
                action=AuditAction.ANNUAL_REPORT_GENERATED,
                obj=report,
                object_label=f"Laporan tahunan {report.scope} {report.year} / annual report",
                new={"data_as_of": figures.as_of.isoformat(), "pdf": pdf_name, "xlsx": xlsx_name},
            )
        for name in old_files:
            if storage.exists(name):
                storage.delete(name)
    except Exception as exc:
        logger.exception("annual report %s failed", report.pk)
        with transaction.atomic():
            AnnualReport.objects.filter(pk=report.pk).update(
                status=AnnualReportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
            report.refresh_from_db()
            audit.record(
                actor=actor,
                action=AuditAction.ANNUAL_REPORT_FAILED,
                obj=report,
                object_label=f"Laporan tahunan {report.scope} {report.year} / annual report",
                new={"error": report.error[:200]},
            )
    return report


def stored_file(report: AnnualReport, kind: str) -> bytes:
    """The stored PDF or XLSX of a finished report."""
    name = report.pdf_name if kind == "pdf" else report.xlsx_name
    with _storage().open(name, "rb") as handle:
        content: bytes = handle.read()
    return content
