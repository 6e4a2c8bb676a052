"""The periodic report's due date as a deadline of each region (``kerjasama remind``, "my deadlines", the feed).

A region owes its report for each period (``KERJASAMA_REPORT_PERIOD``) by ``KERJASAMA_REPORT_DUE_DAYS`` after the
period ends (PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24: the bupati/wali kota reports to the governor, the
governor to the Minister; neither sets a date [U], hence the settings). Until the report is submitted it is a
deadline of the region's cooperation unit, reminded ``KERJASAMA_REPORT_REMINDER_LEADS`` days ahead and, when
missed, the day after and again later (``KERJASAMA_REPORT_OVERDUE_DAYS``: no regulation sets them either). A
submitted or accepted report ends it; a returned one is a draft again, so its deadline comes back. Only the
current period (once started) and the one before it are deadlines: a report owed for an older period (say,
from before the installation existed) is shown as "not reported" on the report pages, not reminded for ever.

Registered from ``ReportsConfig.ready``: the deadlines app knows nothing of reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.conf import settings

from kerjasama.deadlines.conf import parse_days
from kerjasama.deadlines.registry import DeadlineItem, DeadlineWindow, register_source
from kerjasama.reports.conf import report_settings
from kerjasama.reports.domain.periods import TAHUNAN, Period, period_containing

REPORTS = "reports"
BASIS = "PP 28/2018 Pasal 44(5); PP 12/2017 Pasal 24 (tenggat: setelan KERJASAMA_REPORT_DUE_DAYS)"


def reminder_leads() -> tuple[int, ...]:
    """Days before the due date on which the unit is reminded (default 14 and 3)."""
    return parse_days(getattr(settings, "KERJASAMA_REPORT_REMINDER_LEADS", None), (14, 3))


def overdue_days() -> tuple[int, ...]:
    """Days after a missed due date on which it is reminded again (default 1 and 14; the later an escalation)."""
    return tuple(sorted(parse_days(getattr(settings, "KERJASAMA_REPORT_OVERDUE_DAYS", None), (1, 14))))


def periods_due_between(start: date, end: date, kind: str, due_days: int) -> Iterator[Period]:
    """The reporting periods whose report falls due in ``[start, end]``, oldest first."""
    if start > end:
        return
    period = period_containing(start - timedelta(days=due_days), kind)
    while period.due(due_days) <= end:
        if period.due(due_days) >= start:
            yield period
        period = period_containing(period.end + timedelta(days=1), kind)


def _label_en(period: Period) -> str:
    """ "semester I 2026" or "year 2026"."""
    return f"year {period.start.year}" if period.kind == TAHUNAN else period.label.replace("Semester", "semester")


def report_items(window: DeadlineWindow) -> list[DeadlineItem]:
    """One item per region and period whose report is not submitted yet and falls due inside the window.

    These belong to no agreement: asked only about agreements (no ``regions`` hint but ``agreement_ids``), the
    source has nothing to say. Asked by the planner, it yields only what may be reminded today.
    """
    from kerjasama.regions.choices import Level
    from kerjasama.regions.models import Region
    from kerjasama.reports.choices import ReportStatus
    from kerjasama.reports.models import PeriodicReport

    if window.regions is None and window.agreement_ids is not None:
        return []
    leads, overdue = reminder_leads(), overdue_days()
    start, end = window.start, window.end
    if window.planning:
        start = max(start, window.today - timedelta(days=max(overdue, default=0)))
        end = min(end, window.today + timedelta(days=max(leads, default=0)))
    chosen = report_settings()
    oldest = period_containing(window.today, chosen.period).previous().start
    periods = [
        p
        for p in periods_due_between(start, end, chosen.period, chosen.due_days)
        if oldest <= p.start <= window.today
    ]
    if not periods:
        return []
    regions = Region.objects.order_by("code").filter(level__in=(Level.PROVINSI, Level.KABKOTA))
    if window.regions is not None:
        regions = regions.filter(code__in=list(window.regions))
    codes = list(regions.values_list("code", flat=True))
    if not codes:
        return []
    done = set(
        PeriodicReport.objects.filter(
            period_start__in=[p.start for p in periods], region_id__in=codes
        )
        .exclude(status=ReportStatus.DRAFT)
        .values_list("region_id", "period_start")
    )
    items = []
    for period in periods:
        due = period.due(chosen.due_days)
        for code in codes:
            if (code, period.start) in done:
                continue
            items.append(
                DeadlineItem(
                    key=f"report:{code}:{period.start.isoformat()}",
                    title_id=f"Laporan Pelaksanaan Kerja Sama Daerah {period.subject_label}",
                    title_en=f"Report on regional cooperation, {_label_en(period)}",
                    due=due,
                    source=REPORTS,
                    owner_regions=(code,),
                    lead_days=leads,
                    overdue_days=overdue,
                    url="/laporan/",
                    basis=BASIS,
                )
            )
    return items


def register() -> None:
    register_source(REPORTS, report_items, own_areas=("reports",))
