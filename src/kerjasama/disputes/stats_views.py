"""The dispute statistics pages (issue 12 item 7), the lesson form, and their exports.

* ``/perselisihan/statistik/``: national figures, for every logged-in user (aggregate counts only; issue 13
  publishes aggregate dispute statistics on the public register); filter ``?tahun=``; a province chosen in
  the filter goes to the provincial page;
* ``/perselisihan/statistik/provinsi/<code>/``: one province's figures (cases with a party or the resolver in
  it), for the governor's office of that province and the ministry (national scope); counts 1-2 suppressed
  for the governor's office (``statistics.suppress``);
* ``…/unduh.xlsx`` on each: every table (or ``?tabel=<key>``: one chart's table), exactly the page's figures;
* ``/perselisihan/statistik/<year>.pdf``: the annual summary for the ministry (tables, charts as SVG, the
  year's lessons anonymised);
* ``/perselisihan/<id>/pelajaran/``: the lessons of a closed case and the form to record one.

Every page reads the cases in a constant number of queries (``stats_data.case_facts``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.accounts.predicates import works_for_region
from kerjasama.core.charts import Chart, bar_chart
from kerjasama.core.errors import KerjasamaError, NotFound, PermissionDenied
from kerjasama.core.pages import error_text
from kerjasama.disputes import lessons as lesson_services
from kerjasama.disputes.choices import CLOSED_STAGES
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.selectors import visible_dispute
from kerjasama.disputes.statistics import Summary, filter_cases, summarise, suppress
from kerjasama.disputes.stats_data import (
    TABLE_TITLES,
    case_facts,
    cell,
    headers,
    lessons_of_year,
    summary_xlsx,
    table_rows,
)
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

#: The tables drawn as charts (the duration table is a table only: three figures per row).
CHARTED = ("outcome", "sector", "cause", "pairing", "resolver", "stage", "year", "age")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: HttpRequest) -> int | None:
    raw = str(request.GET.get("tahun", "")).strip()
    return int(raw) if raw.isdigit() and 1900 < int(raw) < 3000 else None


def _province(code: str) -> Region:
    region = Region.objects.filter(code=code, level=Level.PROVINSI).first()
    if region is None:
        raise Http404(code)
    return region


def sees_province(user: Any, province: Region) -> bool:
    """The ministry (national scope) or the governor's office of that province (UU 23/2014 Pasal 91: the
    governor supervises the kab/kota of the province as central government's representative)."""
    if jurisdiction_of(user).national:
        return True
    return bool(user.role == Role.GOVERNOR_OFFICE and works_for_region(user, province))


def _summary(*, year: int | None, province: str | None, hide_small: bool) -> Summary:
    summary = summarise(filter_cases(case_facts(), year=year, province=province), today=timezone.localdate())
    return suppress(summary) if hide_small else summary


def _charts(summary: Summary, xlsx_url: str, query: dict[str, Any]) -> list[Chart]:
    charts = []
    for key in CHARTED:
        table = summary.tables[key]
        link = f"{xlsx_url}?{urlencode({**query, 'tabel': key})}"
        charts.append(
            bar_chart(
                key=key,
                title=str(TABLE_TITLES[key]),
                rows=[(label, values[0]) for label, values in table_rows(table)],
                label_header=headers(table)[0],
                value_header=headers(table)[1],
                xlsx_url=link,
            )
        )
    return charts


def _context(summary: Summary, *, xlsx_url: str, query: dict[str, Any], **extra: Any) -> dict[str, Any]:
    duration = summary.tables["duration"]
    return {
        "summary": summary,
        "charts": _charts(summary, xlsx_url, query),
        "duration_headers": headers(duration),
        "duration_rows": [
            (label, [cell(values[0]), *("-" if v is None else v for v in values[1:])])
            for label, values in table_rows(duration)
        ],
        "duration_title": TABLE_TITLES["duration"],
        "total": cell(summary.total),
        "as_of": timezone.localtime(),
        "xlsx_url": f"{xlsx_url}?{urlencode(query)}" if query else xlsx_url,
        "years": range(timezone.localdate().year, timezone.localdate().year - 11, -1),
        **extra,
    }


@login_required
def national(request: HttpRequest) -> HttpResponse:
    province = str(request.GET.get("provinsi", "")).strip()
    year = _year(request)
    if province:
        target = reverse("disputes:stats_province", args=[_province(province).code])
        return redirect(f"{target}?{urlencode({'tahun': year})}" if year else target)
    summary = _summary(year=year, province=None, hide_small=False)
    query = {"tahun": year} if year else {}
    context = _context(
        summary, xlsx_url=reverse("disputes:stats_xlsx"), query=query, year=year, scope="national"
    )
    context["provinces"] = Region.objects.filter(level=Level.PROVINSI).order_by("name").only("code", "name")
    context["pdf_year"] = year or timezone.localdate().year
    context["may_print"] = jurisdiction_of(request.user).national
    return render(request, "disputes/stats_dashboard.html", context)


@login_required
def provincial(request: HttpRequest, code: str) -> HttpResponse:
    region = _province(code)
    if not sees_province(request.user, region):
        raise DjangoPermissionDenied(_("Only the governor's office of this province and the ministry."))
    year = _year(request)
    hide = not jurisdiction_of(request.user).national
    summary = _summary(year=year, province=region.code, hide_small=hide)
    query = {"tahun": year} if year else {}
    context = _context(
        summary,
        xlsx_url=reverse("disputes:stats_province_xlsx", args=[region.code]),
        query=query,
        year=year,
        province=region,
        scope="province",
    )
    return render(request, "disputes/stats_dashboard.html", context)


def _heading(title: str, year: int | None) -> list[str]:
    period = str(year) if year else _("all years")
    stamp = timezone.localtime().strftime("%d-%m-%Y %H:%M")
    return [title, f"{_('Period')}: {period}", f"{_('Data as of')}: {stamp}"]


def _xlsx(summary: Summary, request: HttpRequest, title: str, name: str) -> HttpResponse:
    key = str(request.GET.get("tabel", "")).strip()
    if key and key not in summary.tables:
        raise Http404(key)
    body = summary_xlsx(summary, heading=_heading(title, _year(request)), keys=[key] if key else None)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}{"-" + key if key else ""}.xlsx"'
    return response


@login_required
def national_xlsx(request: HttpRequest) -> HttpResponse:
    summary = _summary(year=_year(request), province=None, hide_small=False)
    return _xlsx(summary, request, _("Dispute statistics, national"), "statistik-perselisihan")


@login_required
def provincial_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    region = _province(code)
    if not sees_province(request.user, region):
        raise DjangoPermissionDenied(_("Only the governor's office of this province and the ministry."))
    hide = not jurisdiction_of(request.user).national
    summary = _summary(year=_year(request), province=region.code, hide_small=hide)
    title = _("Dispute statistics, %(province)s") % {"province": region.name}
    return _xlsx(summary, request, title, f"statistik-perselisihan-{region.code}")


def annual_html(year: int) -> str:
    """The annual summary in Indonesian (the official language of the ministry's documents)."""
    with translation.override("id"):
        summary = _summary(year=year, province=None, hide_small=False)
        context = _context(summary, xlsx_url="", query={}, year=year)
        context["lessons"] = lessons_of_year(year)
        context["tables"] = [
            (TABLE_TITLES[key], headers(table), table_rows(table))
            for key, table in summary.tables.items()
            if key != "duration"
        ]
        return render_to_string("disputes/stats_annual_pdf.html", context)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resource refused in PDF export: {url}")


@login_required
def annual_pdf(request: HttpRequest, year: int) -> HttpResponse:
    """The ministry's annual summary (issue 12 item 7): national scope only, since it carries the year's
    lessons (anonymised, yet written by the parties)."""
    if not jurisdiction_of(request.user).national:
        raise DjangoPermissionDenied(_("Only the ministry prints the annual summary."))
    if not 1900 < year < 3000:
        raise Http404(str(year))
    import weasyprint

    pdf = weasyprint.HTML(string=annual_html(year), base_url=None, url_fetcher=_no_fetch).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ringkasan-perselisihan-{year}.pdf"'
    return response


@login_required
def lessons_page(request: HttpRequest, dispute_id: int) -> HttpResponse:
    """The lessons of a case; on a closed case, the form to record one (the parties, the resolver, the
    ministry)."""
    try:
        case: Dispute = visible_dispute(request.user, dispute_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    status = 200
    text = ""
    if request.method == "POST":
        text = str(request.POST.get("text", ""))
        try:
            lesson_services.record_lesson(actor=request.user, dispute=case, text=text)
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc) from exc
        except KerjasamaError as exc:
            messages.error(request, error_text(exc, details=3))
            status = 422 if exc.code != "disputes.not_closed" else 409
        else:
            messages.success(request, _("Lesson recorded."))
            return redirect(reverse("disputes:lessons", args=[case.pk]))
    context = {
        "case": case,
        "lessons": list(case.lessons.select_related("recorded_by").order_by("recorded_at", "id")),
        "closed": case.stage in CLOSED_STAGES,
        "may_record": can(request.user, "disputes.record_lesson", case),
        "text": text,
    }
    return render(request, "disputes/stats_lessons.html", context, status=status)
