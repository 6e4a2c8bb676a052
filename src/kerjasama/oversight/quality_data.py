"""The rows the data-quality rules read (``oversight.quality``), read in bulk: a fixed number of queries whatever
the number of regions and agreements (one per kind of row; related rows filtered by subqueries, never by long
lists of ids, so SQLite's limit on query parameters is never reached).

Cancelled agreements (*dibatalkan*) are not scored: they carry no duty any more. Everything else is, example
data included (the score describes the data; it hides nothing).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kerjasama.agreements.choices import (
    AgreementStage,
    DprdOutcome,
    RecordedDocumentKind,
    TkksdReview,
)
from kerjasama.agreements.models import Agreement, AgreementDocument, AgreementParty, DprdApproval
from kerjasama.agreements.state import OBJECT_TYPE
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Document
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.models import Identification
from kerjasama.monev.choices import AssessmentStatus
from kerjasama.monev.conf import monev_settings
from kerjasama.monev.models import MonevPeriod, SelfAssessment, TkksdEvaluation
from kerjasama.obligations.choices import ConfirmationOutcome, DueStatus
from kerjasama.obligations.models import FulfilmentConfirmation, Obligation, ObligationDue
from kerjasama.oversight import quality
from kerjasama.oversight.quality_conf import QualitySettings, quality_settings
from kerjasama.regions.models import Region
from kerjasama.reports.conf import report_settings
from kerjasama.reports.domain.periods import recent_periods
from kerjasama.reports.models import PeriodicReport
from kerjasama.tkksd.models import Decree

_REPORTED = (IdentificationStatus.SUBMITTED, IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)
_VERIFIED = (IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)

#: Up to this many agreements, their uploaded PKS/KB files are looked up by a literal list of ids.
QUALITY_LITERAL_IDS = 900  # under SQLite's oldest limit on query parameters (999)


def _day(value: Any) -> date | None:
    return None if value is None else timezone.localdate(value)


def agreement_facts(
    ids: QuerySet[Any], *, today: date, conf: QualitySettings
) -> dict[int, quality.QualityAgreementFacts]:
    """The facts of every agreement whose pk is in ``ids`` (a ``values("pk")``-like subquery), cancelled
    agreements left out. Eleven queries whatever their number."""
    facts: dict[int, quality.QualityAgreementFacts] = {}
    rows = (
        Agreement.objects.filter(pk__in=ids)
        .exclude(stage=AgreementStage.DIBATALKAN)
        .order_by()
        .values("pk", "title", "type", "stage", "dprd_approval_required", "number", "term_start", "term_end")
    )
    for r in rows:
        facts[r["pk"]] = quality.QualityAgreementFacts(
            pk=r["pk"],
            title=r["title"],
            type=r["type"],
            stage=r["stage"],
            dprd_required=r["dprd_approval_required"],
            number=r["number"] or "",
            term_start=r["term_start"],
            term_end=r["term_end"],
        )
    scope = Q(agreement_id__in=ids)
    parties: dict[int, quality.PartyFacts] = {}
    party_agreement: dict[int, int] = {}
    all_signed: dict[int, bool] = {}
    kb_signed: dict[int, bool] = {}
    for p in (
        AgreementParty.objects.filter(scope)
        .order_by("position", "id")
        .values(
            "pk",
            "agreement_id",
            "region_id",
            "signatory_name",
            "signatory_title",
            "tkksd_review",
            "kb_signed_at",
            "pks_signed_at",
            "nk_signed_at",
        )
    ):
        a = facts.get(p["agreement_id"])
        if a is None:
            continue
        signed_at = p["pks_signed_at"] or p["nk_signed_at"]
        party = quality.PartyFacts(
            party_id=p["pk"],
            region_code=p["region_id"],
            signatory_name=p["signatory_name"] or "",
            signatory_title=p["signatory_title"] or "",
            tkksd_approved=p["tkksd_review"] == TkksdReview.APPROVED,
            signed_on=_day(signed_at),
        )
        a.parties.append(party)
        parties[p["pk"]] = party
        party_agreement[p["pk"]] = a.pk
        all_signed[a.pk] = all_signed.get(a.pk, True) and signed_at is not None
        kb_signed[a.pk] = kb_signed.get(a.pk, True) and p["kb_signed_at"] is not None
    for pk, signed in all_signed.items():
        facts[pk].has_signed_agreement = signed
        facts[pk].has_signed_kb = kb_signed[pk]
    # Signed documents recorded on the agreement, or uploaded as its PKS/KB files.
    for d in AgreementDocument.objects.filter(scope).order_by().values("agreement_id", "kind", "signed"):
        a = facts.get(d["agreement_id"])
        if a is None:
            continue
        if d["kind"] == RecordedDocumentKind.STUDI_KELAYAKAN:
            a.has_feasibility_study = True
        elif not d["signed"]:
            continue
        elif d["kind"] in (RecordedDocumentKind.PKS, RecordedDocumentKind.NK):
            a.has_signed_agreement = True
        elif d["kind"] == RecordedDocumentKind.KB:
            a.has_signed_kb = True
    uploaded = Document.objects.filter(object_type=OBJECT_TYPE, kind__in=(DocumentKind.PKS, DocumentKind.KB))
    # A document names its object by a text id. Matched against a subquery of the agreements cast to text,
    # PostgreSQL's plan ran for more than ten minutes over the national example data (30,000 agreements);
    # a few agreements are matched by a literal list, a whole country by reading the PKS/KB files of every
    # agreement once and keeping those in ``facts``.
    if len(facts) <= QUALITY_LITERAL_IDS:
        uploaded = uploaded.filter(object_id__in=[str(pk) for pk in facts])
    for d in uploaded.order_by().values("object_id", "kind"):
        a = facts.get(int(d["object_id"]))
        if a is not None:
            if d["kind"] == DocumentKind.PKS:
                a.has_signed_agreement = True
            else:
                a.has_signed_kb = True
    approved = set(
        DprdApproval.objects.filter(scope, outcome=DprdOutcome.APPROVED)
        .order_by()
        .values_list("agreement_id", "region_id")
    )
    for a in facts.values():
        for party in a.parties:
            party.dprd_approved = (a.pk, party.region_code) in approved
    for row in (
        Agreement.affairs.through.objects.filter(scope)
        .order_by()
        .values("agreement_id")
        .annotate(n=Count("pk"))
    ):
        if row["agreement_id"] in facts:
            facts[row["agreement_id"]].n_affairs = row["n"]
    _monev(facts, ids, today=today, conf=conf)
    _obligations(facts, ids, today=today)
    return facts


def _monev(
    facts: dict[int, quality.QualityAgreementFacts], ids: QuerySet[Any], *, today: date, conf: QualitySettings
) -> None:
    """QA-T01 (self-assessments submitted by their due date) and QA-K04 (the parties' TKKSD ratings)."""
    periods = {
        p["pk"]: p
        for p in MonevPeriod.objects.filter(agreement_id__in=ids)
        .order_by()
        .values("pk", "agreement_id", "due")
    }
    past = {pk: p for pk, p in periods.items() if p["due"] < today}
    on_time: set[tuple[int, int]] = set()
    for s in (
        SelfAssessment.objects.filter(
            period__agreement_id__in=ids, period__due__lt=today, status=AssessmentStatus.SUBMITTED
        )
        .order_by()
        .values("period_id", "party_id", "submitted_at")
    ):
        period = past.get(s["period_id"])
        day = _day(s["submitted_at"])
        if period is not None and day is not None and day <= period["due"]:
            on_time.add((s["period_id"], s["party_id"]))
    for pk, p in past.items():
        a = facts.get(p["agreement_id"])
        if a is None:
            continue
        a.monev_expected += len(a.parties)
        a.monev_on_time += sum(1 for party in a.parties if (pk, party.party_id) in on_time)
    scale = [r.value for r in monev_settings().rating_scale]
    ratings: dict[int, list[int]] = defaultdict(list)
    for e in (
        TkksdEvaluation.objects.filter(period__agreement_id__in=ids).order_by().values("period_id", "rating")
    ):
        if e["rating"] in scale:
            ratings[e["period_id"]].append(scale.index(e["rating"]))
    for period_id, values in ratings.items():
        period = periods.get(period_id)
        a = facts.get(period["agreement_id"]) if period else None
        if a is None or len(values) < 2:
            continue
        a.rated_periods += 1
        a.rated_periods_close += int(max(values) - min(values) < conf.rating_gap)


def _obligations(facts: dict[int, quality.QualityAgreementFacts], ids: QuerySet[Any], *, today: date) -> None:
    """QA-T02 (outcomes of occurrences past due), QA-K02 (schedules within the term), QA-K03 (fulfilments the
    other party confirmed and nobody disputed)."""
    for o in (
        Obligation.objects.filter(agreement_id__in=ids)
        .order_by()
        .values("agreement_id", "first_due", "last_due")
    ):
        a = facts.get(o["agreement_id"])
        if a is None:
            continue
        a.obligations += 1
        last = o["last_due"] or o["first_due"]
        within = (a.term_start is None or o["first_due"] >= a.term_start) and (
            a.term_end is None or last <= a.term_end
        )
        a.obligations_in_term += int(within)
    for row in (
        ObligationDue.objects.filter(obligation__agreement_id__in=ids, due_date__lt=today)
        .order_by()
        .values("obligation__agreement_id")
        .annotate(n=Count("pk"), recorded=Count("pk", filter=~Q(status=DueStatus.PENDING)))
    ):
        a = facts.get(row["obligation__agreement_id"])
        if a is not None:
            a.dues_past, a.dues_recorded = row["n"], row["recorded"]
    fulfilled = {
        d["pk"]: d
        for d in ObligationDue.objects.filter(obligation__agreement_id__in=ids, fulfilled_on__isnull=False)
        .order_by()
        .values("pk", "obligation__agreement_id", "obligation__party_id")
    }
    confirmed: set[int] = set()
    disputed: set[int] = set()
    for c in (
        FulfilmentConfirmation.objects.filter(
            due__obligation__agreement_id__in=ids, due__fulfilled_on__isnull=False
        )
        .order_by()
        .values("due_id", "party_id", "outcome")
    ):
        due = fulfilled.get(c["due_id"])
        if due is None or c["party_id"] == due["obligation__party_id"]:
            continue
        (confirmed if c["outcome"] == ConfirmationOutcome.CONFIRMED else disputed).add(c["due_id"])
    for pk, d in fulfilled.items():
        a = facts.get(d["obligation__agreement_id"])
        if a is not None:
            a.fulfilments += 1
            a.fulfilments_agreed += int(pk in confirmed and pk not in disputed)


def region_facts(
    regions: QuerySet[Region], *, today: date, conf: QualitySettings
) -> dict[str, quality.RegionFacts]:
    """The duties of every region in ``regions`` (four queries whatever their number)."""
    codes = regions.values("code")
    out = {
        r["code"]: quality.RegionFacts(r["code"], r["name"], r["province_id"] or r["code"])
        for r in regions.order_by("code").values("code", "name", "province_id")
    }
    for row in (
        Identification.objects.filter(region_id__in=codes)
        .order_by()
        .values("region_id")
        .annotate(
            reported=Count("pk", filter=Q(status__in=_REPORTED)),
            verified=Count("pk", filter=Q(status__in=_VERIFIED)),
        )
    ):
        r = out[row["region_id"]]
        r.mapping_reported, r.mapping_verified = row["reported"] > 0, row["verified"] > 0
    for code in (
        Decree.objects.filter(region_id__in=codes, period_start__lte=today)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=today))
        .order_by()
        .values_list("region_id", flat=True)
        .distinct()
    ):
        out[code].decree_in_force = True
    rs = report_settings()
    periods = [
        p for p in recent_periods(today, rs.period, conf.report_periods + 2) if p.due(rs.due_days) < today
    ]
    periods = periods[: conf.report_periods]
    due_of = {p.start: p.due(rs.due_days) for p in periods}
    on_time: set[tuple[str, date]] = set()
    if periods:
        for rep in (
            PeriodicReport.objects.filter(
                region_id__in=codes,
                period_kind=rs.period,
                period_start__in=list(due_of),
                submitted_at__isnull=False,
            )
            .order_by()
            .values("region_id", "period_start", "submitted_at")
        ):
            day = _day(rep["submitted_at"])
            if day is not None and day <= due_of[rep["period_start"]]:
                on_time.add((rep["region_id"], rep["period_start"]))
    for r in out.values():
        r.reports_expected = len(periods)
        r.reports_on_time = sum(1 for p in periods if (r.code, p.start) in on_time)
    return out


# --- what the pages and the API read ---------------------------------------------------------------------


@dataclass
class ScoredAgreement:
    facts: quality.QualityAgreementFacts
    score: quality.Score


@dataclass
class RegionQuality:
    """A region's score, its parts, its own findings and its agreements' (each with its score)."""

    facts: quality.RegionFacts
    score: quality.Score
    agreements: list[ScoredAgreement] = field(default_factory=list)


def autonomous_regions(province_code: str | None = None) -> QuerySet[Region]:
    """The autonomous regions (R3) of a province (itself and its kab/kota), or of the country."""
    qs = Region.objects.filter(is_autonomous=True)
    if province_code:
        qs = qs.filter(Q(code=province_code) | Q(code__startswith=f"{province_code}."))
    return qs


def score_regions(regions: QuerySet[Region], *, today: date | None = None) -> dict[str, RegionQuality]:
    """The score of every region in ``regions`` with its agreements' scores (a fixed number of queries)."""
    today = today or timezone.localdate()
    conf = quality_settings()
    duties = region_facts(regions, today=today, conf=conf)
    ids = AgreementParty.objects.filter(region_id__in=regions.values("code")).values("agreement_id")
    agreements = agreement_facts(ids, today=today, conf=conf)
    scored = {
        pk: ScoredAgreement(a, quality.score_agreement(a, conf.weights)) for pk, a in agreements.items()
    }
    by_region: dict[str, list[ScoredAgreement]] = defaultdict(list)
    for s in scored.values():
        for code in {p.region_code for p in s.facts.parties if p.region_code}:
            if code in duties:
                by_region[code].append(s)
    out: dict[str, RegionQuality] = {}
    for code, facts in duties.items():
        mine = sorted(by_region.get(code, []), key=lambda s: (s.score.score, s.facts.pk))
        score = quality.score_region(
            facts, [s.score for s in mine], conf.weights, conf.region_agreements_weight
        )
        out[code] = RegionQuality(facts, score, mine)
    return out


def region_quality(code: str, *, today: date | None = None) -> RegionQuality | None:
    return score_regions(Region.objects.filter(code=code, is_autonomous=True), today=today).get(code)


@dataclass(frozen=True)
class RankRow:
    rank: int
    code: str
    name: str
    province_code: str
    score: float
    parts: dict[str, float | None]
    agreements: int
    findings: int


def ranking(regions: Iterable[RegionQuality]) -> list[RankRow]:
    """Regions ordered by score (lowest last), ties by code; equal scores share a rank."""
    ordered = sorted(regions, key=lambda q: (-q.score.score, q.facts.code))
    rows: list[RankRow] = []
    previous: float | None = None
    rank = 0
    for position, q in enumerate(ordered, start=1):
        if q.score.score != previous:
            rank, previous = position, q.score.score
        rows.append(
            RankRow(
                rank,
                q.facts.code,
                q.facts.name,
                q.facts.province_code,
                q.score.score,
                q.score.parts,
                len(q.agreements),
                len(q.score.findings),
            )
        )
    return rows


@dataclass(frozen=True)
class ProvinceRow:
    rank: int
    code: str
    name: str
    score: float
    regions: int


def province_ranking(rows: Iterable[RankRow]) -> list[ProvinceRow]:
    """The provinces ordered by the mean score of their autonomous regions (the province itself included)."""
    scores: dict[str, list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in rows:
        scores[r.province_code].append(r.score)
        if r.code == r.province_code:
            names[r.code] = r.name
    means = sorted(
        ((round(sum(v) / len(v), 1), code, len(v)) for code, v in scores.items()), key=lambda t: (-t[0], t[1])
    )
    out: list[ProvinceRow] = []
    previous: float | None = None
    rank = 0
    for position, (mean, code, n) in enumerate(means, start=1):
        if mean != previous:
            rank, previous = position, mean
        out.append(ProvinceRow(rank, code, names.get(code, code), mean, n))
    return out


def _ranked(items: list[tuple[float, str, RankRow]]) -> list[RankRow]:
    rows: list[RankRow] = []
    previous: float | None = None
    rank = 0
    for position, (_score, _code, row) in enumerate(sorted(items, key=lambda t: (-t[0], t[1])), start=1):
        if row.score != previous:
            rank, previous = position, row.score
        rows.append(dataclasses.replace(row, rank=rank))
    return rows


def ranked_rows(province_code: str | None = None) -> tuple[list[RankRow], datetime]:
    """The ranking of a province's regions (or the country's) and the time its figures were computed: from the
    precomputed summaries (``kerjasama quality-recompute``; one query) once they exist, else computed now."""
    from kerjasama.oversight.models import QualitySummary

    regions = autonomous_regions(province_code)
    summaries = list(
        QualitySummary.objects.filter(region__in=regions.values("code")).values(
            "region_id",
            "region__name",
            "region__province_id",
            "score",
            "parts",
            "agreements",
            "findings",
            "computed_at",
        )
    )
    if not summaries:
        return ranking(score_regions(regions).values()), timezone.now()
    items = [
        (
            s["score"],
            s["region_id"],
            RankRow(
                0,
                s["region_id"],
                s["region__name"],
                s["region__province_id"] or s["region_id"],
                s["score"],
                s["parts"] or {},
                s["agreements"],
                s["findings"],
            ),
        )
        for s in summaries
    ]
    return _ranked(items), min(s["computed_at"] for s in summaries)
