"""The deadlines of the apps of agreements in force, plugged into the registry (issue 11 items 1, 2, 3, 5).

- ``obligations``: each open occurrence of a party's obligation (``obligations.ObligationDue``, pending or late)
  is a deadline of the obligated party, reminded ``KERJASAMA_DEADLINE_OBLIGATION_LEADS`` days ahead; once late,
  the obligations app's own escalation ladder takes over (``escalate_late``, run as a step of
  ``kerjasama remind`` after ``extend_horizons`` generated the occurrences ahead).
- ``monev``: each party's self-assessment not yet submitted for a started monitoring period, due at the
  period's due date (``monev.selectors.monev_deadlines``). A missed one stays a deadline ("terlambat") and is
  reminded as overdue, like a late obligation (issue 11 item 2): to the party's owners the day after the due
  date, then as an escalation (``KERJASAMA_DEADLINE_MONEV_OVERDUE_DAYS``, default 1/14 days late; no
  regulation sets them: PP 28/2018 Pasal 44(5) and PP 12/2017 Pasal 24 require the reports, not the
  ladder); the reminders stop (cancelled) once the self-assessment is submitted.
- ``lifecycle``: an agreement continued by a successor in force is superseded, so its expiry reminders are not
  planned and pending ones are cancelled (``lifecycle.selectors.superseded_agreement_ids``).

The apps stay unaware of the deadlines app: this module, registered from ``DeadlinesConfig.ready``, reads them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from kerjasama.deadlines import conf
from kerjasama.deadlines.registry import (
    DeadlineItem,
    DeadlineWindow,
    register_source,
    register_step,
    set_superseded_hook,
)

OBLIGATIONS = "obligations"
MONEV = "monev"


def _ids(value: Any) -> Any:
    """The window's agreement ids: a queryset stays a subquery, other collections become a list."""
    return value if value is None or hasattr(value, "query") else list(value)


def obligation_items(window: DeadlineWindow) -> list[DeadlineItem]:
    """Open occurrences of obligations of agreements in force due inside the window (late ones included up to
    its end: they stay deadlines of their owner until fulfilled or waived). One query. For the planner only
    those due within the largest lead (``DeadlineWindow.planning``): ten years of monthly occurrences are not
    turned into reminders a year ahead, each is planned the day its first reminder is due."""
    from kerjasama.agreements.choices import AgreementStage
    from kerjasama.obligations.choices import DueStatus
    from kerjasama.obligations.models import ObligationDue

    leads = conf.obligation_leads()
    end, open_ = (
        window.end,
        Q(status=DueStatus.PENDING, due_date__gte=window.start) | Q(status=DueStatus.LATE),
    )
    if window.planning:  # lateness is the escalation ladder's (escalate_late), not the planner's
        end = min(end, window.today + timedelta(days=max(leads, default=0)))
        open_ = Q(status=DueStatus.PENDING, due_date__gte=max(window.start, window.today))
    rows = ObligationDue.objects.filter(
        open_,
        due_date__lte=end,
        obligation__agreement__stage=AgreementStage.PELAKSANAAN,
    )
    if window.agreement_ids is not None:
        rows = rows.filter(obligation__agreement_id__in=_ids(window.agreement_ids))
    if window.regions is not None or window.organisations is not None:
        rows = rows.filter(
            Q(obligation__party__region_id__in=list(window.regions or ()))
            | Q(obligation__party__organisation_id__in=list(window.organisations or ()))
        )
    items = []
    for pk, due, agreement_id, title, agreement_title, region, organisation in rows.order_by(
        "due_date", "pk"
    ).values_list(
        "pk",
        "due_date",
        "obligation__agreement_id",
        "obligation__title",
        "obligation__agreement__title",
        "obligation__party__region_id",
        "obligation__party__organisation_id",
    ):
        items.append(
            DeadlineItem(
                key=f"obligation:{pk}",
                title_id=f"Kewajiban jatuh tempo: {title} ({agreement_title})",
                title_en=f"Obligation due: {title} ({agreement_title})",
                due=due,
                source=OBLIGATIONS,
                agreement_id=agreement_id,
                owner_regions=(region,) if region else (),
                owner_organisations=(organisation,) if organisation else (),
                lead_days=leads,
                url=f"/kerja-sama/{agreement_id}/kewajiban/#due-{pk}",
                basis="PKS (hak dan kewajiban); UU 23/2014 Pasal 366(2) huruf a",
            )
        )
    return items


def monev_items(window: DeadlineWindow) -> list[DeadlineItem]:
    """Each party's self-assessment not yet submitted for a started period, due inside the window (an overdue
    one too when the window starts before today: it has ``overdue_days``)."""
    from kerjasama.monev.selectors import monev_deadlines

    agreement_ids = _ids(window.agreement_ids)
    leads = conf.monev_leads()
    overdue = conf.monev_overdue_days()
    start, end = window.start, window.end
    if window.planning:  # planned the day its first reminder is due, until its last overdue step
        start = max(start, window.today - timedelta(days=max(overdue, default=0)))
        end = min(end, window.today + timedelta(days=max(leads, default=0)))
    items = []
    owners = None
    if window.regions is not None or window.organisations is not None:
        owners = (tuple(window.regions or ()), tuple(window.organisations or ()))
    titles: dict[int, tuple[str, str]] = {}  # per period: its parties share the titles (strftime is not free)
    for d in monev_deadlines(
        window.today, agreement_ids=agreement_ids, due_from=start, due_until=end, owners=owners
    ):
        title = titles.get(d.period_id)
        if title is None:
            span = f"{d.period_start:%d-%m-%Y}", f"{d.period_end:%d-%m-%Y}"
            title = titles[d.period_id] = (
                f"Monev periode {span[0]} s.d. {span[1]}: {d.agreement_label}",
                f"Monitoring for {span[0]} to {span[1]}: {d.agreement_label}",
            )
        items.append(
            DeadlineItem(
                key=f"monev:{d.period_id}:{d.party_id}",
                title_id=title[0],
                title_en=title[1],
                due=d.due,
                source=MONEV,
                agreement_id=d.agreement_id,
                owner_regions=(d.region_code,) if d.region_code else (),
                owner_organisations=(d.organisation_id,) if d.organisation_id else (),
                lead_days=leads,
                overdue_days=overdue,
                url=f"/kerja-sama/{d.agreement_id}/monev/",
                basis="PP 28/2018 Pasal 44(5); PP 12/2017 Pasal 24 (periode: setelan daerah)",
            )
        )
    return items


def obligation_step(today: date) -> dict[str, Any]:
    """Occurrences generated ahead, then the late ones marked and escalated once per step of the ladder."""
    from kerjasama.obligations.services import escalate_late, extend_horizons

    created = extend_horizons(today=today)
    result = dict(escalate_late(today))
    result["occurrences_created"] = created
    return result


def superseded(agreement_ids: Collection[int]) -> Collection[int]:
    from kerjasama.agreements.models import Agreement
    from kerjasama.lifecycle.selectors import superseded_agreement_ids

    return superseded_agreement_ids(Agreement.objects.filter(pk__in=list(agreement_ids)))


def register() -> None:
    register_source(OBLIGATIONS, obligation_items, own_areas=("obligation",))
    register_source(MONEV, monev_items, own_areas=("monev",))
    register_step("escalations", obligation_step)
    set_superseded_hook(superseded)
