"""The SLA of a dispute case as deadlines of ``kerjasama remind`` (issue 12 item 3; registered from
``DisputesConfig.ready`` with ``deadlines.registry.register_source``).

Each open step with a due date is a deadline of whoever must act: the deliberation the parties' (and a KSDPK
clause case's outcome), facilitation and the decision the resolver's, an order its party's, a clarification
request the party asked. Its owners are reminded ``KERJASAMA_DISPUTE_REMINDER_LEADS`` days ahead and, the day
after it passes, told it is late (``overdue_days``). An overdue step ESCALATES: the day after the due date to
the resolver (the authority: the governor's office of the resolver's province, or the ministry), and
``KERJASAMA_DISPUTE_ESCALATION_DAYS`` later to the next level, the governor's office to the ministry (UU
23/2014 Pasal 370(3) and Pasal 92: the Minister handles what the governor does not settle). No regulation sets
any of these days [U]. Once the step is done the source stops yielding it and pending reminders are cancelled.

The titles name the case by its number and the step only (a case is confidential: its claims are not sent).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from kerjasama.deadlines.registry import DeadlineItem, DeadlineWindow
from kerjasama.disputes import conf
from kerjasama.disputes.choices import DisputeStage, Resolver

SOURCE = "disputes"
BASIS = "UU 23/2014 Pasal 370, 91(3) huruf c, 92; PP 28/2018 Pasal 8, 21 (tenggat: setelan sistem [U])"

#: The step of a stage with a due-date field: (field, Indonesian, English).
STEPS = {
    DisputeStage.DELIBERATION: ("deliberation_deadline", "musyawarah", "deliberation"),
    DisputeStage.FACILITATION: ("facilitation_deadline", "fasilitasi", "facilitation"),
    DisputeStage.DECISION: ("decision_deadline", "keputusan", "decision"),
}


def _people_index() -> dict[tuple[str, str | None], tuple[int, ...]]:
    """Who acts for each resolver, in ONE query whatever the number of cases (issue 14 item 3: the deadlines
    of a case must not cost a query each): the active governor's-office users of the governments by region
    (``(Resolver.GOVERNOR, region)``) and the ministry's (``(Resolver.MINISTER, None)``), by primary key."""
    from kerjasama.accounts.choices import GOVERNMENT_KINDS, OrganisationKind, Role
    from kerjasama.accounts.models import User

    rows = (
        User.objects.filter(
            Q(organisation__kind__in=GOVERNMENT_KINDS, role=Role.GOVERNOR_OFFICE)
            | Q(organisation__kind=OrganisationKind.KEMENDAGRI, role=Role.MINISTRY),
            is_active=True,
            organisation__is_active=True,
        )
        .order_by("pk")
        .values_list("pk", "role", "organisation__region_id")
    )
    index: dict[tuple[str, str | None], list[int]] = {}
    for pk, role, region in rows:
        key = (str(Resolver.MINISTER), None) if role == Role.MINISTRY else (str(Resolver.GOVERNOR), region)
        index.setdefault(key, []).append(pk)
    return {key: tuple(pks) for key, pks in index.items()}


def _people(
    resolver: str, region: str | None, index: dict[tuple[str, str | None], tuple[int, ...]]
) -> tuple[int, ...]:
    """The users who act for ``resolver`` (the governor's office of ``region``, else the ministry)."""
    if resolver == Resolver.GOVERNOR and region:
        return index.get((str(Resolver.GOVERNOR), region), ())
    return index.get((str(Resolver.MINISTER), None), ())


def _escalations(
    *,
    key: str,
    due: date,
    number: str,
    what_id: str,
    what_en: str,
    resolver: str,
    region: str | None,
    agreement_id: int | None,
    url: str,
    owners_are_resolver: bool,
    people: dict[tuple[str, str | None], tuple[int, ...]],
) -> list[DeadlineItem]:
    """The escalation items of a step: to the resolver the day after ``due`` (unless it owns the step), then
    to the ministry ``KERJASAMA_DISPUTE_ESCALATION_DAYS`` later when the governor resolves."""

    def users(resolver_: str, region_: str | None) -> tuple[int, ...]:
        return _people(resolver_, region_, people)

    items = []
    if not owners_are_resolver:
        items.append(
            DeadlineItem(
                key=f"{key}:eskalasi-1",
                title_id=f"ESKALASI — {what_id} perselisihan {number} terlambat (sejak {due:%d-%m-%Y})",
                title_en=f"ESCALATION — {what_en} of dispute {number} overdue (since {due:%Y-%m-%d})",
                due=due + timedelta(days=1),
                source=SOURCE,
                agreement_id=agreement_id,
                owner_users=users(resolver, region),
                lead_days=(0,),
                url=url,
                basis=BASIS,
            )
        )
    if resolver == Resolver.GOVERNOR:
        items.append(
            DeadlineItem(
                key=f"{key}:eskalasi-2",
                title_id=f"ESKALASI ke Kementerian — {what_id} perselisihan {number} terlambat sejak {due:%d-%m-%Y}",
                title_en=f"ESCALATION to the ministry — {what_en} of dispute {number} overdue since {due:%Y-%m-%d}",
                due=due + timedelta(days=1 + conf.escalation_days()),
                source=SOURCE,
                agreement_id=agreement_id,
                owner_users=users(Resolver.MINISTER, None),
                lead_days=(0,),
                url=url,
                basis=BASIS,
            )
        )
    return items


def _owned_cases(window: DeadlineWindow, people: Any) -> Q:
    """The cases whose items may belong to the owners the window names (a user's own deadlines): those with
    a party of the window's regions or organisations, and those the window's users act on as resolver (a
    governor's office: the cases its governor resolves; the ministry: every case, since it receives the
    second escalation of the governors' cases). A superset: the caller still keeps only the items it owns.
    Without it every open case of the country was read for each cooperation unit's home page."""
    from kerjasama.disputes.models import DisputeParty

    wanted = Q(
        pk__in=DisputeParty.objects.filter(
            Q(region_id__in=list(window.regions or ())) | Q(organisation_id__in=list(window.organisations or ()))
        ).values("dispute_id")
    )
    users = set(window.user_ids or ())
    if users:
        for (resolver, region), pks in people().items():
            if not users.intersection(pks):
                continue
            if resolver != Resolver.GOVERNOR or region is None:
                return Q()  # the ministry: every case (see above)
            wanted |= Q(resolver=Resolver.GOVERNOR, resolver_region_id=region)
    return wanted


def dispute_items(window: DeadlineWindow) -> list[DeadlineItem]:
    """The open steps, orders and clarification requests of open cases (and their escalations) due in the
    window. A few queries whatever the number of cases."""
    from kerjasama.disputes.models import ClarificationRequest, Dispute, DisputeOrder

    leads = conf.reminder_leads()
    start = window.start - timedelta(days=1 + conf.escalation_days())  # escalations fall after the due date
    loaded: list[dict[tuple[str, str | None], tuple[int, ...]]] = []
    items: list[DeadlineItem] = []

    def people() -> dict[tuple[str, str | None], tuple[int, ...]]:
        """Who acts for each resolver, read once, at the first case that needs it."""
        if not loaded:
            loaded.append(_people_index())
        return loaded[0]

    def add(item: DeadlineItem) -> None:
        if window.start <= item.due <= window.end:
            items.append(item)

    # Only the cases whose open step falls due (or was due: escalations come after) inside the window, as the
    # loop below checks again: the ministry sees every case of the country, most of them long past.
    in_window = Q()
    for stage, (field, _id, _en) in STEPS.items():
        in_window |= Q(stage=stage, **{f"{field}__gte": start, f"{field}__lte": window.end})
    cases = Dispute.objects.filter(in_window)
    if window.agreement_ids is not None and not (window.regions or window.organisations or window.user_ids):
        cases = cases.filter(agreement_id__in=window.agreement_ids)
    elif window.regions is not None or window.organisations is not None or window.user_ids is not None:
        cases = cases.filter(_owned_cases(window, people))
    # The parties of those cases by a subquery, not a prefetch: one query whether or not a case falls in the
    # window (a prefetch is skipped when there are none, and the query budgets count the same on any data).
    from kerjasama.disputes.models import DisputeParty

    parties_of: dict[int, list[Any]] = {}
    for party in DisputeParty.objects.filter(dispute_id__in=cases.values("pk")).order_by(
        "dispute_id", "position", "id"
    ):
        parties_of.setdefault(party.dispute_id, []).append(party)
    for case in cases:
        field, what_id, what_en = STEPS[DisputeStage(case.stage)]
        due = getattr(case, field)
        if due is None or not (start <= due <= window.end):
            continue
        key = f"dispute:{case.pk}:{what_id}"
        url = f"/perselisihan/{case.pk}/"
        parties_own = case.stage == DisputeStage.DELIBERATION or case.resolver == Resolver.AGREEMENT
        parties = [p for p in parties_of.get(case.pk, []) if p.took_part]
        owners = {
            "owner_regions": tuple(str(p.region_id) for p in parties if p.region_id) if parties_own else (),
            "owner_organisations": tuple(int(p.organisation_id) for p in parties if p.organisation_id)
            if parties_own
            else (),
            "owner_users": (),
        }
        if not parties_own:
            owners["owner_users"] = _people(case.resolver, case.resolver_region_id, people())
        add(
            DeadlineItem(
                key=key,
                title_id=f"Tahap {what_id} perselisihan {case.number}",
                title_en=f"The {what_en} of dispute {case.number}",
                due=due,
                source=SOURCE,
                agreement_id=case.agreement_id,
                lead_days=leads,
                overdue_days=(1,),
                url=url,
                basis=BASIS,
                **owners,  # type: ignore[arg-type]
            )
        )
        for item in _escalations(
            key=key,
            due=due,
            number=case.number,
            what_id=f"tahap {what_id}",
            what_en=f"the {what_en}",
            resolver=case.resolver,
            region=case.resolver_region_id,
            agreement_id=case.agreement_id,
            url=url,
            owners_are_resolver=not parties_own,
            people=people(),
        ):
            add(item)
    orders = DisputeOrder.objects.filter(
        status=DisputeOrder.Status.OPEN,
        dispute__stage=DisputeStage.IMPLEMENTATION,
        due_date__gte=start,
        due_date__lte=window.end,
    ).select_related("dispute", "party")
    clarifications = ClarificationRequest.objects.filter(
        answered_at__isnull=True,
        dispute__stage=DisputeStage.FACILITATION,
        due_date__gte=start,
        due_date__lte=window.end,
    ).select_related("dispute", "party")
    rows: Iterable[tuple[str, str, str, object]] = [
        *((f"dispute-order:{o.pk}", "perintah keputusan", "an order of the decision", o) for o in orders),
        *((f"dispute-clarification:{c.pk}", "klarifikasi", "a clarification", c) for c in clarifications),
    ]
    for key, what_id, what_en, row in rows:
        case = row.dispute  # type: ignore[attr-defined]
        party = row.party  # type: ignore[attr-defined]
        due = row.due_date  # type: ignore[attr-defined]
        url = f"/perselisihan/{case.pk}/"
        add(
            DeadlineItem(
                key=key,
                title_id=f"Tenggat {what_id}: perselisihan {case.number}",
                title_en=f"Due: {what_en} in dispute {case.number}",
                due=due,
                source=SOURCE,
                agreement_id=case.agreement_id,
                owner_regions=(str(party.region_id),) if party.region_id else (),
                owner_organisations=(int(party.organisation_id),) if party.organisation_id else (),
                lead_days=leads,
                overdue_days=(1,),
                url=url,
                basis=BASIS,
            )
        )
        for item in _escalations(
            key=key,
            due=due,
            number=case.number,
            what_id=what_id,
            what_en=what_en,
            resolver=case.resolver,
            region=case.resolver_region_id,
            agreement_id=case.agreement_id,
            url=url,
            owners_are_resolver=False,
            people=people(),
        ):
            add(item)
    return items
