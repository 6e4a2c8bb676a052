"""The reports pages (``/laporan/``): the reports a user may see, drafting one for a period, the report with its
content, status, history and the steps (refresh, submit, accept, return), the XLSX and PDF downloads; for the
ministry the national consolidation with who has not reported, drillable to a province. Every change goes
through ``services``; every read is scoped (``selectors.visible_reports``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.pages import form_error_text, show_error
from kerjasama.monev.rules import governor_province
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region
from kerjasama.reports import exports, selectors, services
from kerjasama.reports.choices import ReportStatus
from kerjasama.reports.conf import report_settings
from kerjasama.reports.domain.periods import Period, period_starting, recent_periods
from kerjasama.reports.forms import ReportGenerateForm, ReportReturnForm, ReportSubmitForm
from kerjasama.reports.models import PeriodicReport

#: How many reports the list shows (newest first).
LIST_LIMIT = 200


def _periods() -> list[Period]:
    return recent_periods(timezone.localdate(), report_settings().period)


def _chosen_period(request: HttpRequest) -> Period:
    """The period of ``?periode=YYYY-MM-DD``, else the last period that has ended."""
    periods = _periods()
    raw = request.GET.get("periode", "")
    try:
        chosen = period_starting(date.fromisoformat(raw), report_settings().period) if raw else None
    except ValueError:
        chosen = None
    return chosen or periods[1]


def _writing_region(user: Any) -> Region | None:
    """The region the user writes reports for (own Pemda's; a governor's office: its province), if any."""
    code = governor_province(user)
    org = getattr(user, "organisation", None)
    if code is None and org is not None:
        code = org.region_id
    region = Region.objects.filter(code=code).first() if code else None
    return region if region is not None and can(user, "reports.write_region", region) else None


def _province_of_user(user: Any) -> Region | None:
    scope = jurisdiction_of(user)
    return Region.objects.filter(code=scope.province_code).first() if scope.province_code else None


def reports_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    period = _chosen_period(request)
    region = _writing_region(user)
    scope = jurisdiction_of(user)
    province = _province_of_user(user)
    context: dict[str, Any] = {
        "reports": list(selectors.visible_reports(user)[:LIST_LIMIT]),
        "region": region,
        "form": ReportGenerateForm(periods=_periods(), initial={"period": period.start.isoformat()})
        if region
        else None,
        "period": period,
        "due": period.due(report_settings().due_days),
        "periods": _periods(),
        "national": selectors.national(period.start) if scope.national else None,
        "province": province,
        "province_view": selectors.national(period.start, [province.code]) if province else None,
    }
    return render(request, "reports/list.html", context)


@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    region = _writing_region(request.user)
    if region is None:
        raise Http404
    form = ReportGenerateForm(request.POST, periods=_periods())
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("reports:list")
    try:
        report = services.generate_report(
            actor=request.user, region=region, period_start=date.fromisoformat(form.cleaned_data["period"])
        )
    except KerjasamaError as exc:
        show_error(request, exc, details=1)
        return redirect("reports:list")
    messages.success(request, _("The report was drafted from the data. Check it, then submit it."))
    return redirect("reports:detail", report_id=report.pk)


def province_page(request: HttpRequest, code: str) -> HttpResponse:
    """One province's kab/kota for a period: who reported and who has not (the ministry's drill-down; the
    province's own officials see it too)."""
    province = get_object_or_404(Region, code=code, level=Level.PROVINSI)
    if not jurisdiction_of(request.user).covers_region(province.code):
        raise Http404
    period = _chosen_period(request)
    summary = selectors.national(period.start, [province.code])
    reports = {
        r.region_id: r
        for r in selectors.visible_reports(request.user).filter(
            period_start=period.start, region__province_id=province.code
        )
    }
    own = selectors.visible_reports(request.user).filter(period_start=period.start, region=province).first()
    rows = [{"code": c, "name": n, "report": reports.get(c)} for c, n in selectors.kabkota_of(province.code)]
    context = {
        "province": province,
        "period": period,
        "due": period.due(report_settings().due_days),
        "periods": _periods(),
        "summary": summary,
        "rows": rows,
        "own": own,
    }
    return render(request, "reports/province.html", context)


def _report(request: HttpRequest, report_id: int) -> PeriodicReport:
    report: PeriodicReport = get_object_or_404(
        selectors.visible_reports(request.user).select_related(
            "region__province", "submitted_by", "reviewed_by", "created_by"
        ),
        pk=report_id,
    )
    return report


def detail(
    request: HttpRequest,
    report_id: int,
    submit_form: ReportSubmitForm | None = None,
    return_form: ReportReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    report = _report(request, report_id)
    user = request.user
    draft = report.status == ReportStatus.DRAFT
    may_write = draft and can(user, "reports.write", report)
    may_review = report.status == ReportStatus.SUBMITTED and can(user, "reports.review", report)
    initial = {
        "number": report.number,
        "report_date": report.report_date or timezone.localdate(),
        "signatory_name": report.signatory_name,
        "signatory_title": report.signatory_title,
        "signatory_nip": report.signatory_nip,
        "unit_notes": report.unit_notes,
    }
    history = list(
        report.history.select_related("history_user")
        .order_by("history_date")
        .values("history_date", "status", "history_change_reason", "history_user__username", "return_reason")
    )
    labels = dict(ReportStatus.choices)
    for h in history:
        h["status_label"] = labels.get(h["status"], h["status"])
    letter = exports.letter(report)
    context = {
        "r": report,
        "letter": letter,
        "may_write": may_write,
        "may_review": may_review,
        "submit_form": (submit_form or ReportSubmitForm(initial=initial)) if may_write else None,
        "return_form": (return_form or ReportReturnForm()) if may_review else None,
        "history": history,
        "consolidated": list(report.consolidated.select_related("region")),
    }
    return render(request, "reports/detail.html", context, status=status)


@require_POST
def act(request: HttpRequest, report_id: int, action: str) -> HttpResponse:
    report = _report(request, report_id)
    try:
        if action == "refresh":
            services.refresh_report(actor=request.user, report=report)
            messages.success(request, _("The report was regenerated from the current data."))
        elif action == "submit":
            form = ReportSubmitForm(request.POST)
            if not form.is_valid():
                messages.error(request, form_error_text(form))
                return detail(request, report_id, submit_form=form, status=422)
            services.submit_report(actor=request.user, report=report, **form.cleaned_data)
            messages.success(request, _("The report was submitted; its content is now frozen."))
        elif action == "accept":
            services.accept_report(actor=request.user, report=report)
            messages.success(request, _("The report was accepted."))
        elif action == "return":
            rform = ReportReturnForm(request.POST)
            if not rform.is_valid():
                messages.error(request, form_error_text(rform))
                return detail(request, report_id, return_form=rform, status=422)
            services.return_report(actor=request.user, report=report, reason=rform.cleaned_data["reason"])
            messages.success(request, _("The report was returned to its unit with the reason."))
        else:
            raise Http404
    except KerjasamaError as exc:
        show_error(request, exc, details=1)
        if exc.http_status == 403:
            return detail(request, report_id, status=403)
    return redirect("reports:detail", report_id=report.pk)


def _filename(report: PeriodicReport, ext: str) -> str:
    return f"laporan-{report.region_id}-{report.period_start:%Y-%m}.{ext}"


def export_xlsx(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    response = HttpResponse(
        exports.report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response


def export_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    response = HttpResponse(exports.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response
