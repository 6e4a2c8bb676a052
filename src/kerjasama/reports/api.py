"""API v1: the periodic reports upward (PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24).

The same permissions as the pages (``reports.rules``): a report is read within its region's jurisdiction (404
otherwise); the region's cooperation unit (for a province also the governor's office) drafts and submits it;
the governor's office of the province reviews a kab/kota report, the ministry a province's. Errors: 403
refused, 404 not visible, 409 changed meanwhile or already submitted, 422 bad input.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from ninja import P, PathEx, Router

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.agreements.schemas import ErrorOut
from kerjasama.core.errors import NotFound, PermissionDenied
from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.regions.models import Region
from kerjasama.reports import exports, selectors, services
from kerjasama.reports.models import PeriodicReport
from kerjasama.reports.schemas import GenerateIn, ReportDetailOut, ReportOut, ReturnIn, SubmitIn

router = Router(tags=["reports"])

_Id = PathEx[int, P(ge=1, le=MAX_OFFSET)]
_WRITE_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
_WRITES = (
    " Answers 403 when the caller may not act (policy), 404 outside the caller's visibility, 409 when the "
    "report changed meanwhile or was already submitted, 422 on bad input."
)
LIST_LIMIT = 500


def _report(request: HttpRequest, report_id: int) -> PeriodicReport:
    found = selectors.visible_reports(request.user).filter(pk=report_id).first()
    if found is None:
        raise services.not_found()
    return found


def _out(r: PeriodicReport, *, content: bool = False) -> dict[str, Any]:
    out = {
        "id": r.pk,
        "region": r.region_id,
        "region_name": r.region.name,
        "level": r.level,
        "period_kind": r.period_kind,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "period_label": r.period_label,
        "title": r.title,
        "status": r.status,
        "number": r.number,
        "report_date": r.report_date,
        "signatory_name": r.signatory_name,
        "signatory_title": r.signatory_title,
        "signatory_nip": r.signatory_nip,
        "unit_notes": r.unit_notes,
        "generated_at": r.generated_at,
        "submitted_at": r.submitted_at,
        "reviewed_at": r.reviewed_at,
        "return_reason": r.return_reason,
        "is_example": r.is_example,
        "consolidated": sorted(c.pk for c in r.consolidated.all()),
    }
    if content:
        out["content"] = r.content
    return out


@router.get(
    "/reports",
    response=list[ReportOut],
    summary="The reports the caller may see, newest period first",
    description="A region's own; a province's officials also its kab/kota's; the ministry every report "
    f"(at most {LIST_LIMIT}).",
)
def report_list(request: HttpRequest) -> list[dict[str, Any]]:
    # The consolidated reports of every listed report in one query, not one per report (issue 14 item 3).
    rows = selectors.visible_reports(request.user).prefetch_related(
        Prefetch("consolidated", queryset=PeriodicReport.objects.only("pk"))
    )
    return [_out(r) for r in rows[:LIST_LIMIT]]


@router.get(
    "/national/{period_start}",
    response={200: dict[str, Any], 403: ErrorOut},
    summary="The national consolidation of one period (the ministry)",
    description="Per province: its report's status, how many of its kab/kota reported, who has not. A "
    "province's officials get their own province only.",
)
def national(request: HttpRequest, period_start: date) -> dict[str, Any]:
    scope = jurisdiction_of(request.user)
    if scope.national:
        return selectors.national(period_start)
    if scope.province_code:
        return selectors.national(period_start, [scope.province_code])
    raise PermissionDenied("reports.review")


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, 404: ErrorOut},
    summary="One report with its generated content",
)
def report_detail(request: HttpRequest, report_id: _Id) -> dict[str, Any]:
    return _out(_report(request, report_id), content=True)


@router.post(
    "/reports",
    response={201: ReportDetailOut, **_WRITE_ERRORS},
    summary="Draft (or refresh the draft of) a region's report for a period",
    description="Generated from the data; a province's consolidates the kab/kota reports sent to it."
    + _WRITES,
)
def report_generate(request: HttpRequest, payload: GenerateIn) -> tuple[int, dict[str, Any]]:
    region = Region.objects.filter(code=payload.region).first()
    if region is None:
        raise NotFound("reports.region_not_found", "Daerah tidak ditemukan.", "The region was not found.")
    report = services.generate_report(actor=request.user, region=region, period_start=payload.period_start)
    return 201, _out(report, content=True)


@router.post(
    "/reports/{report_id}/refresh",
    response={200: ReportDetailOut, **_WRITE_ERRORS},
    summary="Regenerate a draft from the current data",
    description="409 once submitted (the content is frozen)." + _WRITES,
)
def report_refresh(request: HttpRequest, report_id: _Id) -> dict[str, Any]:
    report = services.refresh_report(actor=request.user, report=_report(request, report_id))
    return _out(report, content=True)


@router.post(
    "/reports/{report_id}/submit",
    response={200: ReportOut, **_WRITE_ERRORS},
    summary="Submit the draft upward (kab/kota → governor, province → Minister)",
    description="The letter number, date and signatory; only after the period ended." + _WRITES,
)
def report_submit(request: HttpRequest, report_id: _Id, payload: SubmitIn) -> dict[str, Any]:
    report = services.submit_report(actor=request.user, report=_report(request, report_id), **payload.dict())
    return _out(report)


@router.post(
    "/reports/{report_id}/accept",
    response={200: ReportOut, **_WRITE_ERRORS},
    summary="Accept a submitted report (its recipient)",
    description=_WRITES.strip(),
)
def report_accept(request: HttpRequest, report_id: _Id) -> dict[str, Any]:
    return _out(services.accept_report(actor=request.user, report=_report(request, report_id)))


@router.post(
    "/reports/{report_id}/return",
    response={200: ReportOut, **_WRITE_ERRORS},
    summary="Return a submitted report to its unit with a reason (back to draft)",
    description=_WRITES.strip(),
)
def report_return(request: HttpRequest, report_id: _Id, payload: ReturnIn) -> dict[str, Any]:
    report = services.return_report(
        actor=request.user, report=_report(request, report_id), reason=payload.reason
    )
    return _out(report)


@router.get(
    "/reports/{report_id}/export.xlsx",
    response={200: None, 404: ErrorOut},
    summary="The report as XLSX (letter header, agreements, totals, consolidation)",
)
def report_xlsx(request: HttpRequest, report_id: _Id) -> HttpResponse:
    report = _report(request, report_id)
    response = HttpResponse(
        exports.report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="laporan-{report.pk}.xlsx"'
    return response


@router.get(
    "/reports/{report_id}/export.pdf",
    response={200: None, 404: ErrorOut},
    summary="The report as a PDF letter in the official layout",
)
def report_pdf(request: HttpRequest, report_id: _Id) -> HttpResponse:
    report = _report(request, report_id)
    response = HttpResponse(exports.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-{report.pk}.pdf"'
    return response
