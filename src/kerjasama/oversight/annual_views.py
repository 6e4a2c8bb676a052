"""Pages of the annual reports of regional cooperation (issue 13 item 6): ``/pengawasan/laporan-tahunan/`` lists
the reports the user may read (the national one for Kemendagri, the province's for its governor's office and
Kemendagri), with the form to request one, the progress of those being generated (a small script polls the
status; without it, reloading shows it) and the permission-checked downloads of the PDF and XLSX."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.pages import page_denied, show_error
from kerjasama.oversight import annual_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.annual_services import (
    report_years,
    request_annual_report,
    stored_file,
)
from kerjasama.oversight.choices import AnnualReportStatus
from kerjasama.oversight.dashboard import NATIONAL
from kerjasama.oversight.forms import AnnualReportRequestForm
from kerjasama.oversight.models import AnnualReport
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scopes(user: Any) -> list[tuple[str, str]]:
    """The scopes the user may request: national first, then the provinces."""
    out = []
    if can(user, "oversight.request_annual_report", None):
        out.append((NATIONAL, _("National")))
    j = jurisdiction_of(user)
    provinces = Region.objects.filter(level=Level.PROVINSI).order_by("code")
    if not j.national:
        provinces = provinces.filter(code=j.province_code or "-")
    for province in provinces:
        if can(user, "oversight.request_annual_report", province):
            out.append((province.code, f"{province.name} ({province.code})"))
    return out


def annual_reports(request: HttpRequest) -> HttpResponse:
    """The list, the request form (POST) and the progress of the user's annual reports."""
    user = request.user
    if not can(user, "oversight.view_annual_reports"):
        raise page_denied("oversight.view_annual_reports")
    scopes = _scopes(user)
    years = report_years()
    form = AnnualReportRequestForm(request.POST or None, scopes=scopes, years=years)
    if request.method == "POST":
        if not scopes:
            raise page_denied("oversight.request_annual_report")
        if form.is_valid():
            try:
                request_annual_report(
                    actor=user, scope=form.cleaned_data["scope"], year=form.cleaned_data["year"]
                )
            except KerjasamaError as exc:
                show_error(request, exc)
            else:
                messages.success(request, _("The annual report was requested; it is being generated."))
            return redirect("oversight:annual_reports")
    reports = list(
        AnnualReport.objects.restrict(user, "view")
        .select_related("region", "requested_by")
        .order_by("-year", "scope")
    )
    busy = [r.pk for r in reports if r.status in (AnnualReportStatus.QUEUED, AnnualReportStatus.RUNNING)]
    return render(
        request,
        "oversight/annual_reports.html",
        {"reports": reports, "form": form, "can_request": bool(scopes), "busy": busy, "national": NATIONAL},
    )


def _readable(request: HttpRequest, pk: int) -> AnnualReport:
    """The report, or 404 when the user may not read it (nothing tells whether it exists)."""
    report = (
        AnnualReport.objects.restrict(request.user, "view").select_related("region").filter(pk=pk).first()
    )
    if report is None or not can(request.user, "oversight.view_annual_report", report.region):
        raise Http404
    return report


@require_GET
def annual_report_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The progress of one report, for the page's poll."""
    report = _readable(request, pk)
    return JsonResponse(
        {
            "id": report.pk,
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "steps_done": report.steps_done,
            "steps_total": report.steps_total,
            "percent": report.progress_percent,
        }
    )


@require_GET
def annual_report_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The PDF or XLSX of a finished report (the same check as the list)."""
    report = _readable(request, pk)
    if report.status != AnnualReportStatus.DONE or kind not in ("pdf", "xlsx"):
        raise Http404
    content = stored_file(report, kind)
    response = HttpResponse(content, content_type="application/pdf" if kind == "pdf" else XLSX)
    name = f"laporan-tahunan-kerja-sama-{report.scope}-{report.year}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def status_url(pk: int) -> str:
    return reverse("oversight:annual_report_status", kwargs={"pk": pk})
