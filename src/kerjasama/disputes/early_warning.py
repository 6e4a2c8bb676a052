"""The early warning on the system's own data (issue 12 item 5): the adapter that builds the engine's
``RiskInput`` for every agreement in force from the other apps' rows, the risk event log's service, and the
recomputation that stores a ``RiskAssessment`` per agreement and a ``RegionRisk`` per region.

Where the events come from:

* ``obligations``: every occurrence due up to ``as_of`` (not waived) is an ``obligation_due`` with the
  obligation's amount; a fulfilled one an ``obligation_fulfilled``; a payment fulfilled is a
  ``payment_received``, and a payment fulfilled after its date, or still unpaid past it, a ``payment_late``
  with its days late and amount;
* ``monev``: per period due up to ``as_of`` and party region, a submitted self-assessment is a
  ``monev_submitted`` (rated by the TKKSD evaluation when its rating is a number 1-5), none a ``monev_missed``;
* ``lifecycle``: an addendum is an ``addendum_signed``, a successor agreement (extension or renewal) an
  ``extension_signed``, an opened settlement a ``transition_plan``;
* ``disputes``: a case on the agreement, or between two of its parties, is a ``dispute_registered`` (and a
  ``dispute_closed`` once closed);
* the risk event log (``RiskEvent``): what no other app knows (a change of head of region, a protest, a
  service interruption, a warning letter SP1-SP3, an audit finding, a complaint, a change of regulation, a
  tariff review done, an addendum without its approval, a transition plan).

No regulation defines a risk of dispute (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8, 21 only say who settles
one): the indicators, weights and thresholds are the documented heuristics of ``domain/`` (``KERJASAMA_RISK_*``).
A high score is not proof of a dispute.

Bulk-efficient: agreements are read in chunks of ``CHUNK`` with a constant number of queries per chunk.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import ErrorDetail, KerjasamaError, NotFound
from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain.config import RiskConfig
from kerjasama.disputes.domain.events import AgreementFact, EventFact, RiskInput
from kerjasama.disputes.domain.risk import assess
from kerjasama.disputes.models import (
    TEXT_MAX_LENGTH,
    DisputeParty,
    RegionRisk,
    RiskAssessment,
    RiskEvent,
    RiskEventKind,
)

#: Agreements per chunk of the bulk recomputation.
CHUNK = 500
#: The stages whose agreements are assessed: in force (PP 28/2018 Pasal 6(1), 19(1): *pelaksanaan*).
ACTIVE_STAGES = ("pelaksanaan",)


def review_every_years() -> int | None:
    """Years between the periodic tariff/fee reviews of an agreement with a payment obligation
    (``KERJASAMA_TARIFF_REVIEW_EVERY_YEARS``; default 0: unknown, the indicator stays silent). [U] No
    regulation read sets a review cycle: it is each PKS's clause; the agreements app does not yet store it."""
    value = int(getattr(settings, "KERJASAMA_TARIFF_REVIEW_EVERY_YEARS", 0) or 0)
    return value if value > 0 else None


def not_found() -> NotFound:
    return NotFound("disputes.risk_not_found", "Kerja sama tidak ditemukan.", "The agreement was not found.")


def bad_input(code: str, message_id: str, message_en: str, location: str) -> KerjasamaError:
    return KerjasamaError(
        f"disputes.{code}", message_id, message_en, [ErrorDetail(location, message_id, message_en)]
    )


# --- The adapter -------------------------------------------------------------------------------------------


@dataclass
class _Events:
    """The events of one agreement and, beside each, what the page shows as its evidence."""

    facts: list[EventFact] = field(default_factory=list)
    meta: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        day: dt.date,
        kind: str,
        source: str,
        *,
        party: str | None = None,
        amount: Any = None,
        days_late: int | None = None,
        rating: int | None = None,
        note: str | None = None,
    ) -> None:
        amount_idr = float(amount) if amount is not None else None
        self.facts.append(
            EventFact(len(self.facts), day, kind, party, amount_idr, days_late, rating, note or None)
        )
        self.meta.append(
            {
                "date": day.isoformat(),
                "kind": kind,
                "party": party,
                "amount_idr": amount_idr,
                "days_late": days_late,
                "rating": rating,
                "note": note or "",
                "source": source,
            }
        )


def _rating(raw: Any) -> int | None:
    """A TKKSD rating on the engine's 1-5 scale when it is one (the scale is each region's setting [U])."""
    try:
        value = int(Decimal(str(raw).strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        return None
    return value if 1 <= value <= 5 else None


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def build_inputs(agreements: Sequence[Agreement], *, as_of: dt.date) -> dict[int, tuple[RiskInput, _Events]]:
    """The engine's input for each agreement (its ``parties`` prefetched), from a constant number of queries."""
    from kerjasama.lifecycle.models import Amendment, Settlement, Succession
    from kerjasama.monev.models import MonevPeriod, SelfAssessment, TkksdEvaluation
    from kerjasama.obligations.models import Obligation, ObligationDue

    ids = [a.pk for a in agreements]
    events: dict[int, _Events] = {pk: _Events() for pk in ids}
    review = review_every_years()
    pays: set[int] = set()

    obligations = {
        row["pk"]: row
        for row in Obligation.objects.filter(agreement_id__in=ids).values(
            "pk", "agreement_id", "kind", "amount", "party__region_id", "title"
        )
    }
    for row in obligations.values():
        if row["kind"] == "payment":
            pays.add(row["agreement_id"])
    dues = (
        ObligationDue.objects.filter(obligation_id__in=list(obligations), due_date__lte=as_of)
        .exclude(status="waived")
        .values_list("obligation_id", "due_date", "status", "fulfilled_on")
        .order_by("obligation_id", "due_date", "pk")
    )
    for obligation_id, due_date, status, fulfilled_on in dues:
        ob = obligations[obligation_id]
        log, party, amount = events[ob["agreement_id"]], ob["party__region_id"], ob["amount"]
        log.add(due_date, "obligation_due", "obligations", party=party, amount=amount, note=ob["title"])
        done = status == "fulfilled" and (fulfilled_on is None or fulfilled_on <= as_of)
        if done:
            when = fulfilled_on or due_date
            log.add(when, "obligation_fulfilled", "obligations", party=party, note=ob["title"])
            if ob["kind"] == "payment":
                log.add(when, "payment_received", "obligations", party=party, amount=amount, note=ob["title"])
                if when > due_date:
                    log.add(
                        when,
                        "payment_late",
                        "obligations",
                        party=party,
                        amount=amount,
                        days_late=(when - due_date).days,
                        note=ob["title"],
                    )
        elif ob["kind"] == "payment" and due_date < as_of:
            log.add(
                as_of,
                "payment_late",
                "obligations",
                party=party,
                amount=amount,
                days_late=(as_of - due_date).days,
                note=ob["title"],
            )

    periods = list(
        MonevPeriod.objects.filter(agreement_id__in=ids, due__lte=as_of).values_list(
            "pk", "agreement_id", "due"
        )
    )
    period_ids = [p[0] for p in periods]
    submitted: dict[tuple[int, int], dt.date | None] = {}
    for period_id, party_id, at in SelfAssessment.objects.filter(
        period_id__in=period_ids, status="submitted"
    ).values_list("period_id", "party_id", "submitted_at"):
        day = _local_date(at)
        previous = submitted.get((period_id, party_id))
        if (period_id, party_id) not in submitted or (day and previous and day < previous):
            submitted[(period_id, party_id)] = day
    ratings: dict[tuple[int, int], int | None] = {}
    for period_id, party_id, rating in TkksdEvaluation.objects.filter(period_id__in=period_ids).values_list(
        "period_id", "party_id", "rating"
    ):
        ratings[(period_id, party_id)] = _rating(rating)
    parties_of = {a.pk: [p for p in a.parties.all() if p.region_id] for a in agreements}
    for period_id, agreement_id, due in periods:
        for party in parties_of[agreement_id]:
            key = (period_id, party.pk)
            if key in submitted:
                day = submitted[key] or due
                if day <= as_of:
                    events[agreement_id].add(
                        day, "monev_submitted", "monev", party=party.region_id, rating=ratings.get(key)
                    )
                    continue
            if due < as_of:
                events[agreement_id].add(due, "monev_missed", "monev", party=party.region_id)

    for agreement_id, signed_on, title in Amendment.objects.filter(
        agreement_id__in=ids, signed_on__lte=as_of
    ).values_list("agreement_id", "signed_on", "title"):
        events[agreement_id].add(signed_on, "addendum_signed", "lifecycle", note=title)
    for agreement_id, created_at, kind in Succession.objects.filter(predecessor_id__in=ids).values_list(
        "predecessor_id", "created_at", "kind"
    ):
        day = _local_date(created_at)
        if day and day <= as_of:
            events[agreement_id].add(day, "extension_signed", "lifecycle", note=str(kind))
    for agreement_id, opened_at in Settlement.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "opened_at"
    ):
        day = _local_date(opened_at)
        if day and day <= as_of:
            events[agreement_id].add(day, "transition_plan", "lifecycle")

    _add_disputes(agreements, events, as_of=as_of)

    for row in RiskEvent.objects.filter(agreement_id__in=ids, date__lte=as_of).values_list(
        "agreement_id", "date", "kind", "party__region_id", "amount", "note", "pk"
    ):
        agreement_id, day, kind, party, amount, note, pk = row
        events[agreement_id].add(day, kind, f"risk_event:{pk}", party=party, amount=amount, note=note)

    out: dict[int, tuple[RiskInput, _Events]] = {}
    for agreement in agreements:
        codes = tuple(str(p.region_id) for p in parties_of[agreement.pk])
        start = agreement.term_start or timezone.localdate(agreement.created_at)
        end = agreement.term_end if agreement.term_end is None or agreement.term_end >= start else None
        fact = AgreementFact(
            type=agreement.type,
            parties=codes,
            start=start,
            end=end,
            budgeted_in_apbd=agreement.apbd_budgeted,
            review_every_years=review if agreement.pk in pays else None,
        )
        log = events[agreement.pk]
        out[agreement.pk] = (RiskInput(as_of, fact, tuple(log.facts)), log)
    return out


def _party_keys(region_id: Any, organisation_id: Any) -> str:
    return f"r:{region_id}" if region_id else f"o:{organisation_id}"


def _add_disputes(agreements: Sequence[Agreement], events: dict[int, _Events], *, as_of: dt.date) -> None:
    """Cases on the agreement itself, or between two (or more) of its parties (an earlier dispute between the
    same parties, issue 12 item 5), registered up to ``as_of``."""
    keys = {a.pk: {_party_keys(p.region_id, p.organisation_id) for p in a.parties.all()} for a in agreements}
    regions = {p.region_id for a in agreements for p in a.parties.all() if p.region_id}
    organisations = {p.organisation_id for a in agreements for p in a.parties.all() if p.organisation_id}
    rows = DisputeParty.objects.filter(
        Q(region_id__in=regions)
        | Q(organisation_id__in=organisations)
        | Q(dispute__agreement_id__in=list(keys))
    ).values_list(
        "dispute_id",
        "region_id",
        "organisation_id",
        "dispute__agreement_id",
        "dispute__registered_at",
        "dispute__closed_at",
        "dispute__title",
    )
    cases: dict[int, dict[str, Any]] = {}
    for dispute_id, region_id, organisation_id, agreement_id, registered_at, closed_at, title in rows:
        case = cases.setdefault(
            dispute_id,
            {
                "parties": set(),
                "agreement": agreement_id,
                "at": registered_at,
                "closed": closed_at,
                "title": title,
            },
        )
        case["parties"].add(_party_keys(region_id, organisation_id))
    by_key: dict[str, list[int]] = defaultdict(list)
    for dispute_id, case in cases.items():
        for key in case["parties"]:
            by_key[key].append(dispute_id)
    for agreement_id, own in keys.items():
        candidates = {d for key in own for d in by_key.get(key, ())}
        for dispute_id in sorted(candidates):
            case = cases[dispute_id]
            if case["agreement"] != agreement_id and len(own & case["parties"]) < 2:
                continue
            registered = _local_date(case["at"])
            if registered is None or registered > as_of:
                continue
            source = f"dispute:{dispute_id}"
            events[agreement_id].add(registered, "dispute_registered", source, note=case["title"])
            closed = _local_date(case["closed"])
            if closed is not None and closed <= as_of:
                events[agreement_id].add(closed, "dispute_closed", source, note=case["title"])


# --- Recomputation ------------------------------------------------------------------------------------------


def _assessment_row(agreement_id: int, data: RiskInput, log: _Events, config: RiskConfig) -> RiskAssessment:
    result = assess(data, config)
    cited = sorted({i for indicator in result["indicators"] for i in indicator["evidence"]})
    return RiskAssessment(
        agreement_id=agreement_id,
        score=result["score"],
        band=result["band"],
        label_id=result["label_id"],
        label_en=result["label_en"],
        indicators=result["indicators"],
        mitigations=result["mitigations"],
        evidence_events={str(i): log.meta[i] for i in cited},
        completeness=result["completeness"],
        as_of=data.as_of,
        computed_at=timezone.now(),
    )


_UPDATE_FIELDS = [
    "score",
    "band",
    "label_id",
    "label_en",
    "indicators",
    "mitigations",
    "evidence_events",
    "completeness",
    "as_of",
    "computed_at",
]


def _store(rows: list[RiskAssessment]) -> None:
    RiskAssessment.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["agreement"], update_fields=_UPDATE_FIELDS, batch_size=500
    )


def _active() -> Any:
    return Agreement.objects.filter(stage__in=ACTIVE_STAGES)


def recompute_chunk(agreement_ids: Sequence[int], *, as_of: dt.date, config: RiskConfig | None = None) -> int:
    """Assess and store the agreements in force among ``agreement_ids`` (constant queries); the stored
    assessment of one no longer in force is removed. Returns how many were assessed."""
    config = config or risk_config()
    agreements = list(_active().filter(pk__in=agreement_ids).prefetch_related("parties"))
    inputs = build_inputs(agreements, as_of=as_of)
    rows = [_assessment_row(pk, data, log, config) for pk, (data, log) in inputs.items()]
    with transaction.atomic():
        RiskAssessment.objects.filter(agreement_id__in=agreement_ids).exclude(
            agreement_id__in=list(inputs)
        ).delete()
        _store(rows)
    return len(rows)


def recompute_agreement(agreement_id: int, *, as_of: dt.date | None = None) -> RiskAssessment | None:
    """Recompute one agreement and the aggregates of its regions and their provinces (the background task
    run when its events change)."""
    as_of = as_of or timezone.localdate()
    recompute_chunk([agreement_id], as_of=as_of)
    codes = set(
        AgreementParty.objects.filter(agreement_id=agreement_id, region_id__isnull=False).values_list(
            "region_id", flat=True
        )
    )
    refresh_regions(codes | {str(c).split(".")[0] for c in codes})
    return RiskAssessment.objects.filter(agreement_id=agreement_id).first()


def recompute_all(*, as_of: dt.date | None = None, chunk: int = CHUNK) -> dict[str, Any]:
    """Recompute every agreement in force (the daily task and ``kerjasama risk-recompute``), remove the
    assessments of agreements no longer in force, rebuild every region's aggregate."""
    as_of = as_of or timezone.localdate()
    config = risk_config()
    ids = list(_active().order_by("pk").values_list("pk", flat=True))
    assessed = 0
    for start in range(0, len(ids), chunk):
        assessed += recompute_chunk(ids[start : start + chunk], as_of=as_of, config=config)
    removed, _ = RiskAssessment.objects.exclude(agreement__stage__in=ACTIVE_STAGES).delete()
    regions = refresh_regions(None)
    return {"as_of": as_of.isoformat(), "assessed": assessed, "removed": removed, "regions": regions}


def refresh_regions(codes: Iterable[str] | None) -> int:
    """Rebuild ``RegionRisk`` for ``codes`` (None: every region): a kab/kota over its agreements, a province
    over its own and its kab/kota's. Two queries plus the writes."""
    wanted = None if codes is None else {str(c) for c in codes}
    parties = AgreementParty.objects.filter(
        region_id__isnull=False, agreement__risk_assessment__isnull=False
    ).values_list("agreement_id", "region_id")
    if wanted is not None:
        provinces = [c for c in wanted if "." not in c]
        q = Q(region_id__in=wanted)
        for province in provinces:
            q |= Q(region__code__startswith=province + ".")
        parties = parties.filter(q)
    members: dict[str, set[int]] = defaultdict(set)
    for agreement_id, region_id in parties:
        code = str(region_id)
        members[code].add(agreement_id)
        members[code.split(".")[0]].add(agreement_id)
    if wanted is not None:
        members = defaultdict(set, {c: m for c, m in members.items() if c in wanted})
    assessed = dict(
        RiskAssessment.objects.filter(agreement_id__in={a for m in members.values() for a in m}).values_list(
            "agreement_id", "band"
        )
    )
    scores = dict(
        RiskAssessment.objects.filter(agreement_id__in=list(assessed)).values_list("agreement_id", "score")
    )
    now = timezone.now()
    rows = []
    for code, agreement_ids in members.items():
        bands = [assessed[a] for a in agreement_ids if a in assessed]
        if not bands:
            continue
        rows.append(
            RegionRisk(
                region_id=code,
                agreements=len(bands),
                max_band=max(bands),
                mean_score=round(sum(scores[a] for a in agreement_ids if a in scores) / len(bands), 1),
                band_counts={str(b): bands.count(b) for b in range(1, 6)},
                computed_at=now,
            )
        )
    with transaction.atomic():
        stale = (
            RegionRisk.objects.all() if wanted is None else RegionRisk.objects.filter(region_id__in=wanted)
        )
        stale.exclude(region_id__in=[r.region_id for r in rows]).delete()
        RegionRisk.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["region"],
            update_fields=["agreements", "max_band", "mean_score", "band_counts", "computed_at"],
            batch_size=500,
        )
    return len(rows)


def enqueue_recompute(agreement_id: int) -> None:
    """After the current transaction commits, recompute the agreement in the background (a light hook: the
    other apps never import disputes; ``apps.DisputesConfig.ready`` connects it to their models' signals).

    ``robust``: when the task queue cannot take the job (Redis down), the change has already committed; the
    failure is logged and the daily ``disputes.risk_recompute`` catches up, instead of answering the user's
    committed change with a 500 (issue 14 item 5, found by tests/multi/test_faults.py)."""

    def send() -> None:
        from kerjasama.disputes.tasks import recompute_agreement_risk

        recompute_agreement_risk.enqueue(agreement_id)

    transaction.on_commit(send, robust=True)


# --- The risk event log -------------------------------------------------------------------------------------


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = (
            Decimal(str(value).strip().replace(".", "").replace(",", "."))
            if isinstance(value, str)
            else (Decimal(value))
        )
    except (InvalidOperation, ValueError):
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 15:
        raise bad_input(
            "risk_amount_invalid",
            "Nilai rupiah harus berupa angka 0 sampai di bawah 10^15.",
            "The rupiah amount must be a number from 0 to below 10^15.",
            "amount",
        )
    return amount


def record_risk_event(
    *,
    actor: Actor,
    agreement: Agreement,
    kind: str,
    date: dt.date,
    party: AgreementParty | None = None,
    amount: Any = None,
    note: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RiskEvent:
    """Record one event of the risk event log (a party's cooperation unit, the governor's office of a party's
    province, the ministry: ``disputes.record_risk_event``) and recompute the agreement's risk after commit."""
    require(actor, "disputes.record_risk_event", agreement)
    today = today or timezone.localdate()
    if kind not in RiskEventKind.values:
        raise bad_input(
            "risk_kind_invalid",
            f"Jenis peristiwa tidak dikenal: {kind}.",
            f"Unknown kind of event: {kind}.",
            "kind",
        )
    if not isinstance(date, dt.date) or date > today:
        raise bad_input(
            "risk_date_invalid",
            "Tanggal peristiwa tidak boleh setelah hari ini.",
            "The date of the event cannot be after today.",
            "date",
        )
    if party is not None and party.agreement_id != agreement.pk:
        raise bad_input(
            "risk_party_invalid",
            "Pihak bukan pihak kerja sama ini.",
            "The party is not a party of this agreement.",
            "party",
        )
    note = str(note or "").strip()
    if len(note) > TEXT_MAX_LENGTH:
        raise bad_input(
            "risk_note_too_long",
            f"Catatan melebihi {TEXT_MAX_LENGTH} karakter.",
            f"The note exceeds {TEXT_MAX_LENGTH} characters.",
            "note",
        )
    if document is not None and (
        document.object_type != "agreements.agreement" or str(document.object_id) != str(agreement.pk)
    ):
        raise bad_input(
            "risk_document_invalid",
            "Dokumen bukti harus dilampirkan pada kerja sama ini.",
            "The evidence document must be attached to this agreement.",
            "document",
        )
    event = RiskEvent(
        agreement=agreement,
        kind=kind,
        date=date,
        party=party,
        amount=_amount(amount),
        note=note,
        document=document,
        recorded_by=user_or_none(actor),
    )
    with transaction.atomic():
        audit.save_with_history(event, actor=actor, action=AuditAction.RISK_EVENT_RECORDED)
        audit.record(
            actor=actor,
            action=AuditAction.RISK_EVENT_RECORDED,
            obj=event,
            new={
                "agreement": agreement.pk,
                "kind": kind,
                "date": date.isoformat(),
                "party": party.pk if party else None,
                "amount": str(event.amount) if event.amount is not None else None,
            },
        )
        enqueue_recompute(agreement.pk)
    return event


# --- Reads --------------------------------------------------------------------------------------------------


def visible_assessments(user: Any) -> Any:
    """The stored assessments of the agreements ``user`` may see (``Agreement.objects.restrict``), riskiest
    first."""
    visible = Agreement.objects.restrict(user, "view").values("pk")
    return (
        RiskAssessment.objects.filter(agreement_id__in=visible)
        .select_related("agreement")
        .prefetch_related("agreement__parties__region", "agreement__parties__organisation")
        .order_by("-band", "-score", "agreement_id")
    )


def visible_regions(user: Any) -> Any:
    return (
        RegionRisk.objects.restrict(user, "view")
        .select_related("region")
        .order_by("-max_band", "-mean_score", "region_id")
    )


def risk_events_of(user: Any, agreement: Agreement) -> list[RiskEvent]:
    return list(
        RiskEvent.objects.restrict(user, "view")
        .filter(agreement=agreement)
        .select_related("party__region", "party__organisation", "recorded_by")
        .order_by("-date", "-id")
    )
