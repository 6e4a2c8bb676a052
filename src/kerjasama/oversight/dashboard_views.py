"""The oversight dashboards (issue 13 item 1): ``/pengawasan/`` leads each official to the dashboard of their
jurisdiction: Kemendagri to the national figures (drillable to each province and each kab/kota), the governor's
office to its province (with what waits for its action and which kab/kota have not reported), the cooperation
unit to its own region (its agreements, deadlines, risks and mapping status).

Each page reads its stored snapshot (``dashboard_services.snapshot``: one row) plus a fixed number of small
queries, whatever the data size. Every chart (``core.charts``) has its table view and an XLSX of exactly the
same figures (``dashboard_xlsx``). Dispute counts of 1-2 are shown "<3" to viewers without national scope
(``disputes.statistics.suppress``, docs/disputes.md "Statistics").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.affairs.models import Affair
from kerjasama.agreements.choices import AgreementCategory, AgreementStage, AgreementType
from kerjasama.agreements.models import Agreement
from kerjasama.core import charts, xlsx
from kerjasama.core.pages import page_denied
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.domain.risk import BAND_LABELS
from kerjasama.disputes.models import Dispute, RiskAssessment
from kerjasama.disputes.statistics import SMALL_CELL_MAX
from kerjasama.disputes.stats_data import row_label
from kerjasama.oversight import dashboard_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.dashboard import AT_RISK_BAND, NATIONAL
from kerjasama.oversight.dashboard_services import snapshot
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region
from kerjasama.reports.choices import ReportLevel, ReportStatus
from kerjasama.reports.models import PeriodicReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The roles whose home is a dashboard (and who see the "Oversight" menu item).
DASHBOARD_ROLES = (
    Role.MINISTRY,
    Role.GOVERNOR_OFFICE,
    Role.COOPERATION_OPERATOR,
    Role.AUDITOR,
    Role.SYSTEM_ADMIN,
)
#: Every chart of a dashboard, in page order (the key of its table in the snapshot).
CHART_KEYS = (
    "type",
    "category",
    "affair",
    "pairing",
    "stage",
    "new",
    "ending",
    "mapping",
    "tkksd",
    "reports",
    "risk",
    "dispute_sector",
    "dispute_cause",
    "dispute_stage",
)
DISPUTE_KEYS = ("dispute_sector", "dispute_cause", "dispute_stage")
#: How many of a region's agreements and risks its page lists.
LIST_LIMIT = 20


def dashboard_url(user: Any) -> str | None:
    """The dashboard of the user's jurisdiction, or ``None`` (a role without one, a third party, no
    jurisdiction)."""
    if not getattr(user, "is_authenticated", False) or user.role not in DASHBOARD_ROLES:
        return None
    scope = jurisdiction_of(user)
    if scope.third_party:
        return None
    if scope.national:
        return reverse("oversight:dashboard_national")
    if scope.province_code:
        return reverse("oversight:dashboard_province", kwargs={"code": scope.province_code})
    if scope.region_code:
        return reverse("oversight:dashboard_region", kwargs={"code": scope.region_code})
    return None


def dashboard_home(request: HttpRequest) -> HttpResponse:
    """``/pengawasan/``: each official to the dashboard of their own jurisdiction (the home after login,
    ``LOGIN_REDIRECT_URL``); anyone without one to the portal's home page."""
    url = dashboard_url(request.user)
    return redirect(url or "portal:home")


def _visible_region(request: HttpRequest, code: str, action: str, **filters: Any) -> Region:
    """The region, or 404 outside the viewer's jurisdiction (nothing tells whether it exists), or 403 when the
    viewer's role may not see it there."""
    region = Region.objects.filter(code=code, is_autonomous=True, **filters).first()
    if region is None:
        raise Http404
    if not can(request.user, action, region):
        scope = jurisdiction_of(request.user)
        if scope.third_party or not scope.covers_region(code):
            raise Http404
        raise page_denied(action)
    return region


# --- labels -----------------------------------------------------------------------------------------------


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _duty_label(code: str) -> str:
    return {
        "regions": _("Autonomous regions"),
        "reported": _("Reported their mapping"),
        "verified": _("Mapping verified"),
        "decree": _("With a TKKSD decree in force"),
        "received": _("Semester report received"),
    }[code]


def _labeller(key: str, affairs: dict[str, str]) -> Any:
    if key == "type":
        return lambda c: str(AgreementType(c).label)
    if key == "category":
        return lambda c: _("Not applicable") if c == "-" else str(AgreementCategory(c).label)
    if key == "affair":
        return lambda c: f"{c} {affairs.get(c, '')}".strip()
    if key == "pairing":
        return lambda c: row_label("pairing", c)
    if key == "stage":
        return lambda c: str(AgreementStage(c).label)
    if key in ("new", "ending"):
        return str
    if key in ("mapping", "tkksd", "reports"):
        return _duty_label
    if key == "risk":
        index = 1 if _english() else 0
        return lambda c: f"{c} — {BAND_LABELS[int(c)][index]}"
    if key in DISPUTE_KEYS:
        name = key.removeprefix("dispute_")
        return lambda c: row_label(name, c)
    raise KeyError(key)  # pragma: no cover - every key of CHART_KEYS is handled


def _title(key: str, report_period: str) -> str:
    return {
        "type": _("Agreements by type"),
        "category": _("Agreements between regions by category"),
        "affair": _("Agreements by government affair"),
        "pairing": _("Agreements by kind of parties"),
        "stage": _("Agreements by stage"),
        "new": _("Agreements starting per year"),
        "ending": _("Agreements ending per year"),
        "mapping": _("Mapping of cooperable affairs"),
        "tkksd": _("Regions with a TKKSD decree in force"),
        "reports": _("Semester reports received: %(period)s") % {"period": report_period or "-"},
        "risk": _("Agreements by early-warning band"),
        "dispute_sector": _("Disputes by sector"),
        "dispute_cause": _("Disputes by cause (a case counts once under each of its causes)"),
        "dispute_stage": _("Disputes by stage reached"),
    }[key]


def chart_title(key: str, report_period: str) -> str:
    """The title of one chart (also the annual report's table titles, ``annual_report``)."""
    return _title(key, report_period)


def affair_names(figures: dict[str, Any]) -> dict[str, str]:
    """The names of the affairs the figures count (one query)."""
    return _affair_names(figures)


def _hide(value: int | None) -> int | None:
    return None if value is not None and 1 <= value <= SMALL_CELL_MAX else value


def chart_rows(
    figures: dict[str, Any], key: str, *, suppressed: bool, affairs: dict[str, str]
) -> list[tuple[str, int | None]]:
    """The (label, value) rows of one chart: exactly what the chart, its table view and its XLSX show."""
    label = _labeller(key, affairs)
    rows = figures.get("tables", {}).get(key, [])
    hide = suppressed and key in DISPUTE_KEYS
    return [(label(code), _hide(value) if hide else value) for code, value in rows]


def _affair_names(figures: dict[str, Any]) -> dict[str, str]:
    """The names of the affairs the figures count (one query)."""
    codes = [code for code, _n in figures.get("tables", {}).get("affair", [])]
    field = "name_en" if _english() else "name_id"
    return dict(Affair.objects.filter(code__in=codes).values_list("code", field)) if codes else {}


def _charts(figures: dict[str, Any], scope: str, *, suppressed: bool) -> list[charts.Chart]:
    affairs = _affair_names(figures)
    url = reverse("oversight:dashboard_xlsx", kwargs={"scope": scope})
    out = []
    for key in CHART_KEYS:
        out.append(
            charts.bar_chart(
                key=key.replace("_", "-"),
                title=_title(key, figures.get("report_period", "")),
                rows=chart_rows(figures, key, suppressed=suppressed, affairs=affairs),
                label_header=_("Category"),
                value_header=_("Count"),
                xlsx_url=f"{url}?tabel={key}",
            )
        )
    return out


def _as_of(figures: dict[str, Any], fallback: datetime) -> datetime:
    parsed = parse_datetime(figures.get("computed_at", "")) if figures.get("computed_at") else None
    return timezone.localtime(parsed or fallback)


def _context(request: HttpRequest, scope: str) -> dict[str, Any]:
    figures, computed_at = snapshot(scope)
    suppressed = not jurisdiction_of(request.user).national
    return {
        "figures": figures,
        "totals": figures.get("totals", {}),
        "children": figures.get("children", []),
        "charts": _charts(figures, scope, suppressed=suppressed),
        "suppressed": suppressed,
        "as_of": _as_of(figures, computed_at),
        "scope": scope,
        "at_risk_band": AT_RISK_BAND,
    }


# --- pages ------------------------------------------------------------------------------------------------


def dashboard_national(request: HttpRequest) -> HttpResponse:
    """The national figures, each province drillable (Kemendagri, UU 23/2014 Pasal 373)."""
    if not can(request.user, "oversight.view_dashboard_national"):
        raise page_denied("oversight.view_dashboard_national")
    return render(request, "oversight/dashboard_national.html", _context(request, NATIONAL))


def _waiting(request: HttpRequest, province: Region) -> list[dict[str, Any]]:
    """What waits for the governor's office's action (three counts, each with the page to act on): facilitation
    requests and decisions of disputes it resolves (UU 23/2014 Pasal 370(1)), kab/kota reports to review
    (Permendagri 22/2020 Pasal 29)."""
    user = request.user
    disputes = Dispute.objects.restrict(user, "view").filter(resolver_region_id=province.code)
    return [
        {
            "key": "facilitation",
            "label": _("Facilitation requests"),
            "count": disputes.filter(stage=DisputeStage.FACILITATION).count(),
            "url": reverse("disputes:list"),
        },
        {
            "key": "reports",
            "label": _("Kab/kota reports to review"),
            "count": PeriodicReport.objects.filter(
                region__province_id=province.code,
                level=ReportLevel.KABKOTA,
                status=ReportStatus.SUBMITTED,
            ).count(),
            "url": reverse("reports:province", kwargs={"code": province.code}),
        },
        {
            "key": "decisions",
            "label": _("Disputes to settle"),
            "count": disputes.filter(stage=DisputeStage.DECISION).count(),
            "url": reverse("disputes:list"),
        },
    ]


def dashboard_province(request: HttpRequest, code: str) -> HttpResponse:
    """A province's figures, each of its kab/kota drillable; for its governor's office also what waits for its
    action and which kab/kota have not reported (PP 12/2017 Pasal 24)."""
    province = _visible_region(request, code, "oversight.view_dashboard_province", level=Level.PROVINSI)
    context = _context(request, province.code)
    scope = jurisdiction_of(request.user)
    own = scope.province_code == province.code
    kabkota = [c for c in context["children"] if c["code"] != province.code]
    context.update(
        {
            "province": province,
            "national": can(request.user, "oversight.view_dashboard_national"),
            "own": own,
            "waiting": _waiting(request, province) if own or scope.national else [],
            "not_reported": [c for c in kabkota if not c["report_received"]],
            "not_mapped": [c for c in kabkota if not c["mapping_reported"]],
        }
    )
    return render(request, "oversight/dashboard_province.html", context)


def dashboard_region(request: HttpRequest, code: str) -> HttpResponse:
    """A region's figures with its agreements, deadlines, risks and mapping status (its cooperation unit; the
    governor's office and Kemendagri drilling down)."""
    region = _visible_region(request, code, "oversight.view_dashboard_region")
    if region.level == Level.PROVINSI and can(request.user, "oversight.view_dashboard_province", region):
        return redirect("oversight:dashboard_province", code=region.code)
    context = _context(request, region.code)
    user = request.user
    scope = jurisdiction_of(user)
    agreements = list(
        Agreement.objects.restrict(user, "view")
        .filter(parties__region_id=region.code)
        .exclude(stage=AgreementStage.DIBATALKAN)
        .distinct()
        .order_by("-updated_at", "-pk")
        .values("pk", "title", "number", "stage", "term_end")[:LIST_LIMIT]
    )
    for a in agreements:
        a["stage_label"] = AgreementStage(a["stage"]).label
    risks = list(
        RiskAssessment.objects.restrict(user, "view")
        .filter(agreement__parties__region_id=region.code, band__gte=AT_RISK_BAND)
        .distinct()
        .order_by("-band", "-score", "agreement_id")
        .values("agreement_id", "agreement__title", "band", "score", "label_id", "label_en")[:LIST_LIMIT]
    )
    deadlines: list[Any] = []
    own = scope.region_code == region.code
    if own:
        from kerjasama.deadlines.selectors import my_deadlines

        deadlines = my_deadlines(user, today=timezone.localdate(), limit=LIST_LIMIT)
    province = region.province
    context.update(
        {
            "region": region,
            "province": province,
            "own": own,
            "can_province": province is not None and can(user, "oversight.view_dashboard_province", province),
            "national": can(user, "oversight.view_dashboard_national"),
            "agreements": agreements,
            "risks": risks,
            "english": _english(),
            "deadlines": deadlines,
        }
    )
    return render(request, "oversight/dashboard_region.html", context)


# --- XLSX ---------------------------------------------------------------------------------------------------


def _check_scope(request: HttpRequest, scope: str) -> str:
    """The scope's label, after the same check as its page."""
    if scope == NATIONAL:
        if not can(request.user, "oversight.view_dashboard_national"):
            raise page_denied("oversight.view_dashboard_national")
        return _("National")
    if "." in scope:
        region = _visible_region(request, scope, "oversight.view_dashboard_region")
    else:
        region = _visible_region(request, scope, "oversight.view_dashboard_province", level=Level.PROVINSI)
    return f"{region.name} ({region.code})"


def dashboard_xlsx(request: HttpRequest, scope: str) -> HttpResponse:
    """The figures of one chart (``?tabel=KEY``) or of all of them, as XLSX: one sheet per chart, the same
    rows and values as the chart and its table view ("<3" where the page shows it)."""
    label = _check_scope(request, scope)
    wanted = request.GET.get("tabel", "")
    keys = [wanted] if wanted in CHART_KEYS else list(CHART_KEYS)
    figures, computed_at = snapshot(scope)
    suppressed = not jurisdiction_of(request.user).national
    affairs = _affair_names(figures)
    book = xlsx.new_workbook()
    book.remove(book.active)
    for key in keys:
        sheet = book.create_sheet(key[:31])
        xlsx.append_row(sheet, [f"{_title(key, figures.get('report_period', ''))} — {label}"])
        xlsx.append_row(sheet, [f"{_('Data as of')} {_as_of(figures, computed_at):%Y-%m-%d %H:%M}"])
        xlsx.append_row(sheet, [])
        xlsx.append_row(sheet, [_("Category"), _("Count")])
        for row_label_text, value in chart_rows(figures, key, suppressed=suppressed, affairs=affairs):
            xlsx.append_row(sheet, [row_label_text, charts.shown(value) if value is None else value])
    response = HttpResponse(xlsx.to_bytes(book), content_type=XLSX)
    name = f"dasbor-{scope}-{wanted if wanted in CHART_KEYS else 'semua'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
