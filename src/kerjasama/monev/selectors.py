"""Every read of monev that leaves the system (pages, API, exports, the reminder registry, early warning).

Overdue (issue 11 item 2): a party has not submitted its self-assessment for a period whose due date
(period end + ``due_days``, a setting [U]) has passed. Stagnation (issue 11 item 6): an agreement in force
that missed monev twice (a party overdue for two periods) or has no recorded event (its row history, its audit
events, monev entries) for ``stagnation_months`` months (a setting, default 12).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone

from kerjasama.accounts.policy import can
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core.errors import PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.monev.choices import AssessmentStatus, Flag, PartyMonevStatus
from kerjasama.monev.conf import monev_settings
from kerjasama.monev.models import GovernorEvaluation, MonevPeriod, SelfAssessment, TkksdEvaluation

AGREEMENT_TYPE = "agreements.agreement"


def party_status(period: MonevPeriod, submitted: bool, draft: bool, today: date) -> str:
    """A party's standing in a period: submitted, a draft, not yet due, or overdue (after ``due``)."""
    if submitted:
        return PartyMonevStatus.SUBMITTED
    if period.due < today:
        return PartyMonevStatus.OVERDUE
    return PartyMonevStatus.DRAFT if draft else PartyMonevStatus.OPEN


@dataclass
class PartyRow:
    party: AgreementParty
    status: str
    submitted: SelfAssessment | None
    draft: SelfAssessment | None
    revisions: int
    tkksd: TkksdEvaluation | None
    can_assess: bool = False
    can_evaluate: bool = False

    @property
    def status_label(self) -> str:
        return str(PartyMonevStatus(self.status).label)


@dataclass
class PeriodRow:
    period: MonevPeriod
    parties: list[PartyRow]
    governor: list[GovernorEvaluation]
    can_evaluate_governor: bool = False


@dataclass
class AgreementMonev:
    agreement: Agreement
    periods: list[PeriodRow]
    today: date
    flags: list[str] = field(default_factory=list)


def agreement_monev(agreement: Agreement, user: Any, today: date | None = None) -> AgreementMonev:
    """The monev of one visible agreement (``agreement`` with its parties prefetched), newest period first.

    Drafts are shown only to the party's own side; submitted revisions to everyone who sees the agreement.
    A fixed number of queries whatever the number of periods (guarded by the tests)."""
    if not can(user, "monev.view", agreement):
        raise PermissionDenied("monev.view")
    today = today or timezone.localdate()
    parties = list(agreement.parties.all())
    periods = list(MonevPeriod.objects.filter(agreement=agreement).order_by("-start"))
    ids = [p.pk for p in periods]
    assessments: dict[tuple[int, int], list[SelfAssessment]] = defaultdict(list)
    for row in SelfAssessment.objects.filter(period_id__in=ids).order_by("revision"):
        assessments[(row.period_id, row.party_id)].append(row)
    tkksd = {(e.period_id, e.party_id): e for e in TkksdEvaluation.objects.filter(period_id__in=ids)}
    governor: dict[int, list[GovernorEvaluation]] = defaultdict(list)
    for g in GovernorEvaluation.objects.filter(period_id__in=ids).select_related("province"):
        governor[g.period_id].append(g)
    assess_for = {p.pk for p in parties if can(user, "monev.self_assess", p)}
    evaluate_for = {p.pk for p in parties if p.region_id and can(user, "monev.evaluate_tkksd", p)}
    evaluates_governor = can(user, "monev.evaluate_governor", agreement)
    rows = []
    for period in periods:
        party_rows = []
        for party in parties:
            revisions = assessments.get((period.pk, party.pk), [])
            submitted = [r for r in revisions if r.status == AssessmentStatus.SUBMITTED]
            draft = next((r for r in revisions if r.status == AssessmentStatus.DRAFT), None)
            party_rows.append(
                PartyRow(
                    party=party,
                    status=party_status(period, bool(submitted), draft is not None, today),
                    submitted=submitted[-1] if submitted else None,
                    draft=draft if party.pk in assess_for else None,
                    revisions=len(submitted),
                    tkksd=tkksd.get((period.pk, party.pk)),
                    can_assess=party.pk in assess_for and period.start <= today,
                    can_evaluate=party.pk in evaluate_for
                    and period.start <= today
                    and (period.pk, party.pk) not in tkksd,
                )
            )
        rows.append(
            PeriodRow(
                period=period,
                parties=party_rows,
                governor=governor.get(period.pk, []),
                can_evaluate_governor=evaluates_governor and period.start <= today,
            )
        )
    result = AgreementMonev(agreement=agreement, periods=rows, today=today)
    result.flags = flags_for([agreement.pk], today).get(agreement.pk, [])
    return result


# --- overdue, deadlines ---


@dataclass(frozen=True)
class MonevDeadline:
    """One party's self-assessment due for one period (an item for the deadlines/reminder registry)."""

    agreement_id: int
    agreement_label: str
    period_id: int
    period_start: date
    period_end: date
    due: date
    party_id: int
    region_code: str | None
    organisation_id: int | None
    overdue: bool


def monev_deadlines(
    today: date,
    *,
    agreement_ids: Iterable[int] | None = None,
    region_code: str | None = None,
    organisation_id: int | None = None,
    overdue_only: bool = False,
    due_from: date | None = None,
    due_until: date | None = None,
    owners: tuple[Collection[str], Collection[int]] | None = None,
) -> list[MonevDeadline]:
    """Every party's self-assessment not yet submitted for a started period of an agreement in force, by due
    date. ``region_code``: only that region's parties (a province code also covers its kab/kota);
    ``organisation_id``: only that organisation's parties; ``overdue_only``: due before ``today``;
    ``due_from``/``due_until``: due on or after / on or before that day (a daily run over ten years of periods
    asks only for the recent ones); ``owners``: (region codes, organisation ids) — only the parties of those
    regions or organisations (a user's own deadlines: the ministry may view every agreement but owns the
    monev of few, so the periods of the rest are not read). Three queries whatever the number of agreements.
    """
    periods = MonevPeriod.objects.filter(agreement__stage=AgreementStage.PELAKSANAAN, start__lte=today)
    owned = None
    if owners is not None:
        owned = Q(region_id__in=list(owners[0])) | Q(organisation_id__in=list(owners[1]))
        periods = periods.filter(agreement_id__in=AgreementParty.objects.filter(owned).values("agreement_id"))
    # ids, or a queryset of ids used as a subquery (a user's visible agreements)
    if agreement_ids is not None:
        ids = agreement_ids if hasattr(agreement_ids, "query") else list(agreement_ids)
        periods = periods.filter(agreement_id__in=ids)
    if overdue_only:
        periods = periods.filter(due__lt=today)
    if due_from is not None:
        periods = periods.filter(due__gte=due_from)
    if due_until is not None:
        periods = periods.filter(due__lte=due_until)
    periods = periods.order_by()  # the model's ordering joins the agreement; the result is sorted below
    period_rows = list(
        periods.values_list(
            "pk", "agreement_id", "start", "end", "due", "agreement__number", "agreement__title"
        )
    )
    if not period_rows:
        return []
    agreement_set = {row[1] for row in period_rows}
    parties: dict[int, list[tuple[int, str | None, int | None]]] = defaultdict(list)
    party_qs = AgreementParty.objects.filter(agreement_id__in=agreement_set)
    if region_code:
        party_qs = party_qs.filter(Q(region_id=region_code) | Q(region__pk__startswith=region_code + "."))
    if organisation_id is not None:
        party_qs = party_qs.filter(organisation_id=organisation_id)
    if owned is not None:
        party_qs = party_qs.filter(owned)
    for pk, agreement_id, region, org in party_qs.order_by().values_list(
        "pk", "agreement_id", "region_id", "organisation_id"
    ):
        parties[agreement_id].append((pk, region, org))
    # the periods just read by their ids (an indexed list) rather than their filter again as a subquery with
    # its joins (20 ms for the ministry's 1,300 periods on PostgreSQL); a list longer than the engine's bound
    # on query parameters (SQLite's) stays a subquery
    period_ids: Any = [row[0] for row in period_rows]
    bound = connection.features.max_query_params
    if bound is not None and len(period_ids) > bound - 100:
        period_ids = periods.values("pk")
    done = set(
        SelfAssessment.objects.filter(period_id__in=period_ids, status=AssessmentStatus.SUBMITTED)
        .order_by()  # the model's ordering would join period, party and both agreements for nothing
        .values_list("period_id", "party_id")
    )
    out = []
    for pk, agreement_id, start, end, due, number, title in period_rows:
        for party_id, region, org in parties.get(agreement_id, []):
            if (pk, party_id) in done:
                continue
            out.append(
                MonevDeadline(
                    agreement_id=agreement_id,
                    agreement_label=number or title,
                    period_id=pk,
                    period_start=start,
                    period_end=end,
                    due=due,
                    party_id=party_id,
                    region_code=region,
                    organisation_id=org,
                    overdue=due < today,
                )
            )
    return sorted(out, key=lambda d: (d.due, d.agreement_id, d.party_id))


def overdue_monev(today: date, **filters: Any) -> list[MonevDeadline]:
    """The overdue monev items: a party's self-assessment not submitted after its due date."""
    return monev_deadlines(today, overdue_only=True, **filters)


def missed_twice(agreement_ids: Iterable[int], today: date | None = None) -> set[int]:
    """The agreements (of ``agreement_ids``) where one party missed monev twice: overdue for two periods."""
    today = today or timezone.localdate()
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for item in overdue_monev(today, agreement_ids=agreement_ids):
        counts[(item.agreement_id, item.party_id)] += 1
    return {agreement_id for (agreement_id, _party), n in counts.items() if n >= 2}


def _months_before(day: date, months: int) -> date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def last_events(agreement_ids: Iterable[int]) -> dict[int, datetime]:
    """The time of the last recorded event of each agreement: its row history, its audit events, and its
    monev entries (self-assessments saved, evaluations recorded). Four aggregate queries."""
    ids = list(agreement_ids)
    latest: dict[int, datetime] = {}

    def keep(pk: int, at: datetime | None) -> None:
        if at is not None and (pk not in latest or at > latest[pk]):
            latest[pk] = at

    history = Agreement.history.model.objects.filter(id__in=ids).values("id").annotate(at=Max("history_date"))
    for row in history:
        keep(row["id"], row["at"])
    events = (
        AuditEvent.objects.filter(object_type=AGREEMENT_TYPE, object_id__in=[str(i) for i in ids])
        .values("object_id")
        .annotate(at=Max("occurred_at"))
    )
    for row in events:
        keep(int(row["object_id"]), row["at"])
    for model, stamp in (
        (SelfAssessment, "updated_at"),
        (TkksdEvaluation, "evaluated_at"),
        (GovernorEvaluation, "evaluated_at"),
    ):
        rows = (
            model.objects.filter(period__agreement_id__in=ids)
            .values("period__agreement_id")
            .annotate(at=Max(stamp))
        )
        for row in rows:
            keep(row["period__agreement_id"], row["at"])
    return latest


def stagnant_agreements(
    today: date, agreement_ids: Iterable[int] | None = None
) -> dict[int, datetime | None]:
    """Agreements in force with no recorded event for ``stagnation_months`` months: id → last event time."""
    months = monev_settings().stagnation_months
    cutoff = timezone.make_aware(datetime.combine(_months_before(today, months), time.min))
    qs = Agreement.objects.filter(stage=AgreementStage.PELAKSANAAN)
    if agreement_ids is not None:
        qs = qs.filter(pk__in=list(agreement_ids))
    ids = list(qs.values_list("pk", flat=True))
    latest = last_events(ids)
    return {pk: latest.get(pk) for pk in ids if latest.get(pk) is None or latest[pk] < cutoff}


def flags_for(agreement_ids: Iterable[int], today: date | None = None) -> dict[int, list[str]]:
    """The stagnation flags of each agreement (only those with a flag): ``Flag`` values, for the agreement
    page and the early-warning score of the disputes module."""
    today = today or timezone.localdate()
    ids = list(agreement_ids)
    out: dict[int, list[str]] = defaultdict(list)
    for pk in stagnant_agreements(today, ids):
        out[pk].append(Flag.STAGNANT)
    for pk in missed_twice(ids, today):
        out[pk].append(Flag.MISSED_TWICE)
    return dict(out)


def deadlines_for_user(user: Any, today: date, *, overdue_only: bool = False) -> list[MonevDeadline]:
    """The monev deadlines a user owns or oversees: their region's parties (a province's officials: its kab/kota
    too), their organisation's parties (a third party), everything for Kemendagri; none for anyone else."""
    from kerjasama.accounts.policy import jurisdiction_of

    scope = jurisdiction_of(user)
    if scope.national:
        return monev_deadlines(today, overdue_only=overdue_only)
    if scope.region_code or scope.province_code:
        return monev_deadlines(
            today, overdue_only=overdue_only, region_code=scope.region_code or scope.province_code
        )
    if scope.organisation_id is not None:
        return monev_deadlines(today, overdue_only=overdue_only, organisation_id=scope.organisation_id)
    return []


def responsible_users(items: Iterable[MonevDeadline]) -> dict[int, list[Any]]:
    """Who is reminded of each item (party id → active users): the cooperation-unit operators of the party's
    region (``agreements.rules.speaks_for_party``), or the third party's own users. Two queries."""
    from kerjasama.accounts.choices import Role
    from kerjasama.accounts.models import User

    items = list(items)
    regions = {i.region_code for i in items if i.region_code}
    organisations = {i.organisation_id for i in items if i.organisation_id is not None}
    by_region: dict[str, list[Any]] = defaultdict(list)
    for user in User.objects.filter(
        is_active=True,
        role=Role.COOPERATION_OPERATOR,
        organisation__region_id__in=regions,
        organisation__is_active=True,
    ).select_related("organisation"):
        by_region[str(user.organisation.region_id)].append(user)
    by_org: dict[int, list[Any]] = defaultdict(list)
    for user in User.objects.filter(
        is_active=True, role=Role.THIRD_PARTY, organisation_id__in=organisations
    ).select_related("organisation"):
        by_org[int(user.organisation_id)].append(user)
    out: dict[int, list[Any]] = {}
    for item in items:
        if item.region_code:
            out[item.party_id] = by_region.get(item.region_code, [])
        elif item.organisation_id is not None:
            out[item.party_id] = by_org.get(item.organisation_id, [])
    return out
