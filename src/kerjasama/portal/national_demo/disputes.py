"""Example dispute cases (*perselisihan*) arising from the example agreements, in every stage of a case.

The resolver is the rulebook's (``disputes.services.propose_resolver`` over ``rulebook.resolve_dispute``: the
governor for kab/kota of one province, UU 23/2014 Pasal 370(1); the Minister where a province is a party or
across provinces, Pasal 370(2)-(4); the agreement's clause for a KSDPK, PP 28/2018 Pasal 21). A case has no
example flag of its own: its title ends with " (data contoh)" and its agreement is example data.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent
from kerjasama.disputes.choices import Cause, DisputeRole, DisputeStage, Forum, ScreeningOutcome, Sector
from kerjasama.disputes.models import (
    DeliberationRound,
    Dispute,
    DisputeOrder,
    DisputeParty,
    FacilitationSession,
)
from kerjasama.disputes.services import propose_resolver
from kerjasama.portal.national_demo.agreements import NationalDemoAgreement
from kerjasama.portal.national_demo.common import LABEL, NationalDemoRun, bulk, own_timestamps, stamp

#: The stages a case under the governor or the Minister may stand in; a KSDPK case (the agreement's clause)
#: never reaches the resolver's facilitation or decision.
ALL_STAGES = list(DisputeStage)
CLAUSE_STAGES = [
    DisputeStage.REGISTERED,
    DisputeStage.DELIBERATION,
    DisputeStage.SETTLED,
    DisputeStage.WITHDRAWN,
    DisputeStage.CLOSED,
]
PAST_DELIBERATION = {
    DisputeStage.FACILITATION,
    DisputeStage.DECISION,
    DisputeStage.IMPLEMENTATION,
    DisputeStage.CLOSED,
}
DECIDED = {DisputeStage.IMPLEMENTATION, DisputeStage.CLOSED}


def load_disputes(run: NationalDemoRun, made: list[NationalDemoAgreement]) -> None:
    rng = run.rng
    signed = [m for m in made if m.signed_on is not None and m.signed_on < run.base - timedelta(days=60)]
    if not signed:
        return
    disputes: list[Dispute] = []
    parties: list[DisputeParty] = []
    rounds: list[DeliberationRound] = []
    sessions: list[FacilitationSession] = []
    orders: list[DisputeOrder] = []
    events: list[AuditEvent] = []
    causes = list(Cause.values)
    sectors = list(Sector.values)
    forced = 0
    for n in range(1, run.scale.disputes + 1):
        m = signed[rng.randrange(len(signed))]
        a = m.agreement
        rows = [
            DisputeParty(
                region_id=p.region_id,
                organisation=p.organisation if p.region_id is None else None,
                role=DisputeRole.CLAIMANT if i == 0 else DisputeRole.RESPONDENT,
                position=i,
            )
            for i, p in enumerate(m.parties)
        ]
        chosen = sorted(set(rng.sample(causes, rng.randint(1, 2))) - {Cause.BOUNDARY}) or [
            Cause.NON_PERFORMANCE
        ]
        proposal = propose_resolver(kind=a.type, parties=rows, causes=chosen)
        stages = CLAUSE_STAGES if proposal.resolver == "perjanjian" else ALL_STAGES
        if forced < len(ALL_STAGES) and ALL_STAGES[forced] in stages:
            stage = ALL_STAGES[forced]
            forced += 1
        else:
            stage = stages[rng.randrange(len(stages))]
        end = min(a.ended_on or run.base, run.base) - timedelta(days=30)
        signed_on: date = m.signed_on  # type: ignore[assignment]  # only signed agreements are chosen
        registered = run.day_between(signed_on, max(end, signed_on))
        closed = stage in (
            DisputeStage.NOT_COMPETENT,
            DisputeStage.SETTLED,
            DisputeStage.WITHDRAWN,
            DisputeStage.CLOSED,
        )
        screened = registered + timedelta(days=rng.randint(3, 14))
        accepted = stage not in (DisputeStage.REGISTERED, DisputeStage.NOT_COMPETENT)
        decided = stage in DECIDED
        d = Dispute(
            number=f"PRS/{registered:%Y}/CONTOH-{n:05d}",
            title=f"Perselisihan pelaksanaan {a.title[: 200 - len(LABEL)]}".removesuffix(LABEL)[:280] + LABEL,
            agreement=a,
            kind=a.type,
            sector=sectors[rng.randrange(len(sectors))],
            causes=chosen,
            claims="Pihak termohon belum memenuhi kewajiban sesuai PKS (contoh).",
            initiated_by="pihak",
            registered_by_id=a.created_by_id,
            registered_at=stamp(registered),
            stage=stage,
            proposed_resolver=proposal.resolver,
            proposed_region_id=proposal.region,
            proposed_basis=proposal.basis,
            legal_review=proposal.legal_review,
            flags=proposal.flags,
            resolver=proposal.resolver,
            resolver_region_id=proposal.region,
            resolver_basis=proposal.basis,
            screening_outcome=ScreeningOutcome.ACCEPTED
            if accepted
            else (ScreeningOutcome.NOT_COMPETENT if stage == DisputeStage.NOT_COMPETENT else ""),
            screening_reason="Bukan perselisihan kerja sama (contoh)."
            if stage == DisputeStage.NOT_COMPETENT
            else "",
            referred_to="Diselesaikan melalui jalur lain (contoh)."
            if stage == DisputeStage.NOT_COMPETENT
            else "",
            screened_by_id=a.created_by_id if stage != DisputeStage.REGISTERED else None,
            screened_at=stamp(screened) if stage != DisputeStage.REGISTERED else None,
            deliberation_deadline=screened + timedelta(days=30) if accepted else None,
            facilitation_deadline=screened + timedelta(days=90) if stage in PAST_DELIBERATION else None,
            decision_deadline=screened + timedelta(days=150)
            if stage in (DisputeStage.DECISION, *DECIDED)
            else None,
            decision_number=f"100.3/{n:05d}/CONTOH" if decided and proposal.resolver != "perjanjian" else "",
            decision_date=screened + timedelta(days=120)
            if decided and proposal.resolver != "perjanjian"
            else None,
            decision_text="Para pihak melaksanakan kewajiban sesuai PKS (contoh)." if decided else "",
            decision_final=decided and proposal.resolver == "menteri",
            forum=Forum.MEDIATION
            if proposal.resolver == "perjanjian" and stage == DisputeStage.CLOSED
            else "",
            closing_reason="Selesai (contoh)." if closed else "",
            closed_at=stamp(min(run.base, screened + timedelta(days=rng.randint(30, 200))))
            if closed
            else None,
        )
        disputes.append(d)
        for r in rows:
            r.dispute = d
        parties.extend(rows)
        if (
            stage in PAST_DELIBERATION
            or stage == DisputeStage.SETTLED
            or (stage == DisputeStage.DELIBERATION and rng.random() < 0.5)
        ):
            rounds.append(
                DeliberationRound(
                    dispute=d,
                    number=1,
                    meeting_date=screened + timedelta(days=10),
                    minutes="Musyawarah para pihak (contoh).",
                    issues=["kewajiban"],
                    recorded_by_id=a.created_by_id,
                    recorded_at=stamp(screened + timedelta(days=10)),
                )
            )
        if stage in PAST_DELIBERATION and proposal.resolver != "perjanjian":
            sessions.append(
                FacilitationSession(
                    dispute=d,
                    number=1,
                    session_date=screened + timedelta(days=60),
                    attendees=[],
                    summary="Fasilitasi oleh penyelesai (contoh).",
                    recorded_by_id=a.created_by_id,
                    recorded_at=stamp(screened + timedelta(days=60)),
                )
            )
        if decided and proposal.resolver != "perjanjian":
            orders.append(
                DisputeOrder(
                    dispute=d,
                    party=rows[-1],
                    action="Membayar tunggakan kontribusi (contoh).",
                    due_date=screened + timedelta(days=180),
                    status=DisputeOrder.Status.FULFILLED
                    if stage == DisputeStage.CLOSED
                    else DisputeOrder.Status.OPEN,
                )
            )
        e = AuditEvent(
            actor_id=a.created_by_id,
            actor_label=run.actor.username if run.actor else "sistem",
            action=AuditAction.DISPUTE_REGISTERED.value,
            object_type="disputes.dispute",
            object_label=d.title[:300],
            new={"number": d.number, "example": True},
            occurred_at=stamp(registered),
        )
        e._dispute = d  # type: ignore[attr-defined]
        events.append(e)
    with own_timestamps(Dispute, DeliberationRound, FacilitationSession, AuditEvent):
        bulk(Dispute, disputes, with_history=True)
        for p in parties:
            p.dispute_id = p.dispute.pk
        bulk(DisputeParty, parties, with_history=True)
        linked: list[Any] = [*rounds, *sessions, *orders]
        for r in linked:
            r.dispute_id = r.dispute.pk
        for o in orders:
            o.party_id = o.party.pk
        bulk(DeliberationRound, rounds, with_history=True)
        bulk(FacilitationSession, sessions, with_history=True)
        bulk(DisputeOrder, orders, with_history=True)
        for e in events:
            e.object_id = str(e._dispute.pk)  # type: ignore[attr-defined]
        bulk(AuditEvent, events)
    run.add("disputes", len(disputes))
    run.add("dispute_parties", len(parties))
