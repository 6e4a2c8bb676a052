"""Reads of the reports app: the facts a report is generated from, the reports a user may see, and the
ministry's national consolidation. Every list is scoped (``restrict``); the facts are read for the reporting
region only, from the agreements it is party to (a report never carries another region's own records: the
partners' self-assessments count as submitted or not, their text is not copied)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.lifecycle.models import Amendment, Succession
from kerjasama.monev.choices import AssessmentStatus
from kerjasama.monev.models import GovernorEvaluation, MonevPeriod, SelfAssessment, TkksdEvaluation
from kerjasama.monev.selectors import flags_for
from kerjasama.obligations.choices import DueStatus
from kerjasama.obligations.models import ObligationDue
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region
from kerjasama.reports.choices import SENT_STATUSES
from kerjasama.reports.domain.content import AgreementFacts, MonevFacts, ObligationFacts, national_summary
from kerjasama.reports.models import PeriodicReport


def _succession_text(kind: str, successor: str) -> str:
    """"Perpanjangan: <successor>", once: an extension's title usually already starts with its kind."""
    return successor if successor.lower().startswith(kind.lower()) else f"{kind}: {successor}"

def visible_reports(user: Any) -> QuerySet[PeriodicReport]:
    return PeriodicReport.objects.restrict(user, "view").select_related("region")


def _obligations(ids: list[int], start: date, end: date) -> dict[int, ObligationFacts]:
    rows = (
        ObligationDue.objects.filter(obligation__agreement_id__in=ids, due_date__range=(start, end))
        .values("obligation__agreement_id", "status")
        .annotate(n=Count("pk"), amount=Sum("obligation__amount"))
        .order_by()
    )
    counts: dict[int, dict[str, Any]] = defaultdict(
        lambda: {s.value: 0 for s in DueStatus} | {"due": Decimal(0), "paid": Decimal(0)}
    )
    for row in rows:
        c = counts[row["obligation__agreement_id"]]
        c[row["status"]] += row["n"]
        amount = row["amount"] or Decimal(0)
        if row["status"] != DueStatus.WAIVED:
            c["due"] += amount
        if row["status"] == DueStatus.FULFILLED:
            c["paid"] += amount
    return {
        pk: ObligationFacts(
            pending=c[DueStatus.PENDING],
            fulfilled=c[DueStatus.FULFILLED],
            late=c[DueStatus.LATE],
            waived=c[DueStatus.WAIVED],
            amount_due=c["due"].quantize(Decimal("0.01")),
            amount_paid=c["paid"].quantize(Decimal("0.01")),
        )
        for pk, c in counts.items()
    }


def _monev(
    agreements: list[Agreement], own_party: dict[int, int], start: date, end: date
) -> tuple[dict[int, MonevFacts], dict[int, list[str]]]:
    """Per agreement: its monev periods that ended in the report period, the self-assessments submitted (own
    and partners'), the ratings; and the problems the region's own self-assessments reported."""
    ids = [a.pk for a in agreements]
    periods = list(
        MonevPeriod.objects.filter(agreement_id__in=ids, end__range=(start, end)).order_by("start")
    )
    by_agreement: dict[int, list[MonevPeriod]] = defaultdict(list)
    for p in periods:
        by_agreement[p.agreement_id].append(p)
    submitted = (
        SelfAssessment.objects.filter(period__in=periods, status=AssessmentStatus.SUBMITTED)
        .order_by("period__start", "revision")
        .values_list("period__agreement_id", "period_id", "party_id", "problems")
    )
    own_done: dict[int, set[int]] = defaultdict(set)
    partner_done: dict[int, set[tuple[int, int]]] = defaultdict(set)
    problems: dict[int, list[str]] = defaultdict(list)
    for agreement_id, period_id, party_id, text in submitted:
        if party_id == own_party.get(agreement_id):
            own_done[agreement_id].add(period_id)
            if text.strip() and text.strip() not in problems[agreement_id]:
                problems[agreement_id].append(text.strip())
        else:
            partner_done[agreement_id].add((period_id, party_id))
    tkksd: dict[int, list[str]] = defaultdict(list)
    for agreement_id, party_id, rating in TkksdEvaluation.objects.filter(period__in=periods).values_list(
        "period__agreement_id", "party_id", "rating"
    ):
        if party_id == own_party.get(agreement_id):
            tkksd[agreement_id].append(rating)
    governor: dict[int, list[str]] = defaultdict(list)
    for agreement_id, rating in GovernorEvaluation.objects.filter(period__in=periods).values_list(
        "period__agreement_id", "rating"
    ):
        governor[agreement_id].append(rating)
    facts = {}
    for a in agreements:
        mine = by_agreement.get(a.pk, [])
        partners = sum(1 for p in a.parties.all() if p.pk != own_party.get(a.pk))
        facts[a.pk] = MonevFacts(
            periods=len(mine),
            own_submitted=len(own_done[a.pk]),
            partners_expected=partners * len(mine),
            partners_submitted=len(partner_done[a.pk]),
            tkksd_ratings=tuple(tkksd[a.pk]),
            governor_ratings=tuple(governor[a.pk]),
        )
    return facts, problems


def report_facts(region: Region, start: date, end: date, today: date) -> list[AgreementFacts]:
    """The facts of every agreement ``region`` is party to that has been in force (the builder keeps those
    that lived in the period)."""
    agreements = list(
        Agreement.objects.filter(
            parties__region=region, stage__in=(AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)
        )
        .filter(Q(term_start__isnull=True) | Q(term_start__lte=end))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .distinct()
        .prefetch_related("parties__region", "parties__organisation")
        .order_by("pk")
    )
    ids = [a.pk for a in agreements]
    own_party = {a.pk: next(p.pk for p in a.parties.all() if p.region_id == region.code) for a in agreements}
    obligations = _obligations(ids, start, end)
    monev, problems = _monev(agreements, own_party, start, end)
    flags = flags_for(ids, today) if ids else {}
    amendments: dict[int, list[str]] = defaultdict(list)
    for m in Amendment.objects.filter(agreement_id__in=ids, effective_from__range=(start, end)).order_by(
        "agreement_id", "sequence"
    ):
        amendments[m.agreement_id].append(
            f"Adendum {m.sequence}: {m.title} (berlaku {m.effective_from:%d-%m-%Y})"
        )
    successors = {
        s.predecessor_id: _succession_text(str(s.get_kind_display()), str(s.successor))
        for s in Succession.objects.filter(predecessor_id__in=ids).select_related("successor")
    }
    return [
        AgreementFacts(
            id=a.pk,
            number=a.number,
            title=a.title,
            type=a.type,
            stage=a.stage,
            partners=tuple(p.name for p in a.parties.all() if p.region_id != region.code),
            term_start=a.term_start,
            term_end=a.term_end,
            ended_on=a.ended_on,
            termination_ground=a.termination_ground,
            is_example=a.is_example,
            obligations=obligations.get(a.pk, ObligationFacts()),
            monev=monev[a.pk],
            problems=tuple(problems.get(a.pk, ())),
            flags=tuple(flags.get(a.pk, ())),
            amendments=tuple(amendments.get(a.pk, ())),
            successor=successors.get(a.pk, ""),
        )
        for a in agreements
    ]


def kabkota_of(province_code: str) -> list[tuple[str, str]]:
    return list(
        Region.objects.filter(level=Level.KABKOTA, province_id=province_code)
        .order_by("code")
        .values_list("code", "name")
    )


def sent_child_reports(province_code: str, period_start: date) -> list[PeriodicReport]:
    """The kab/kota reports of the province for the period that were sent to the governor."""
    return list(
        PeriodicReport.objects.filter(
            region__province_id=province_code,
            region__level=Level.KABKOTA,
            period_start=period_start,
            status__in=SENT_STATUSES,
        )
        .select_related("region")
        .order_by("region_id")
    )


def national(period_start: date, province_codes: Iterable[str] | None = None) -> dict[str, Any]:
    """The national consolidation of one period (the ministry's page): every province, its report status, its
    kab/kota counts and who has not reported."""
    provinces = Region.objects.filter(level=Level.PROVINSI).order_by("code")
    if province_codes is not None:
        provinces = provinces.filter(code__in=list(province_codes))
    province_rows = list(provinces.values_list("code", "name"))
    kabkota: dict[str, list[tuple[str, str]]] = defaultdict(list)
    regions = Region.objects.filter(level=Level.KABKOTA, province_id__in=[c for c, _n in province_rows])
    for code, name, province in regions.order_by("code").values_list("code", "name", "province_id"):
        kabkota[province].append((code, name))
    statuses = dict(
        PeriodicReport.objects.filter(period_start=period_start).values_list("region_id", "status")
    )
    return national_summary(province_rows, kabkota, statuses, SENT_STATUSES)
