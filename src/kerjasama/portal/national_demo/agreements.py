"""Example agreements over the run's years, in every stage of their type's stage table, with their parties,
affairs, recorded documents (offer letter, feasibility study, work plan), DPRD approvals and audit trail.

Each agreement walks the stage table of ``rulebook.stages`` (PP 28/2018 Pasal 6(1) for a KSDD and a KSDPK,
Pasal 46 for a synergy) milestone by milestone from its proposal date; how far it got depends on a seeded
draw and on the fixed calendar (a recent proposal cannot be in force yet). Its plan passes the proposal
checks of the rulebook (``agreements.validation.check_plan``: R1, R3, R4, R6-R11) and the DPRD step follows
``requires_dprd_approval`` (PP 28/2018 Pasal 6(2)). Parties: mostly bordering regions (UU 23/2014 Pasal
364(1); PP 28/2018 Pasal 3(2)), a third party for a KSDPK (Pasal 14), the ministry for a synergy (Pasal 46).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from kerjasama.agreements.choices import (
    AgreementStage,
    DprdOutcome,
    OriginKind,
    PartyRole,
    PartyStatus,
    TkksdReview,
)
from kerjasama.agreements.models import Agreement, AgreementDocument, AgreementParty, DprdApproval
from kerjasama.agreements.state import rule_context
from kerjasama.agreements.validation import plan_of
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent
from kerjasama.portal.national_demo.common import (
    LABEL,
    NUMBER_PREFIX,
    NationalDemoRun,
    bulk,
    own_timestamps,
    stamp,
)
from kerjasama.rulebook.rules.procedure import requires_dprd_approval
from kerjasama.rulebook.subjects import ThirdParty

#: The milestones of each type, in order (``rulebook.stages`` tables; ``menunggu_dprd`` only when required).
COOPERATION_PATH = (
    AgreementStage.PERSIAPAN,
    AgreementStage.PENAWARAN,
    AgreementStage.PENYUSUNAN_KB,
    AgreementStage.KB_DITANDATANGANI,
    AgreementStage.MENUNGGU_DPRD,
    AgreementStage.PENYUSUNAN_PKS,
    AgreementStage.PELAKSANAAN,
)
SINERGI_PATH = (AgreementStage.PERSIAPAN, AgreementStage.PENYUSUNAN_NK, AgreementStage.PELAKSANAAN)
#: Affairs most cooperation is about (the mapping demo's), then the rest of the concurrent affairs.
COMMON_AFFAIRS = ("2.11", "1.03", "1.02", "2.15", "3.26", "1.05")
PKS_CLAUSES = ["hak_kewajiban", "jangka_waktu", "penyelesaian_perselisihan", "pembiayaan"]


@dataclass
class NationalDemoAgreement:
    """What the later modules need to know about one generated agreement."""

    agreement: Agreement
    parties: list[AgreementParty] = field(default_factory=list)
    signed_on: date | None = None  # PKS/NK signed: in force from then on


def _affairs() -> tuple[list[str], dict[str, str]]:
    from kerjasama.affairs.models import Affair

    names = dict(Affair.objects.order_by("code").values_list("code", "name_id"))
    common = [c for c in COMMON_AFFAIRS if c in names]
    return common + [c for c in names if c not in common], names


def _plan_ok(plan: Any, ctx: Any) -> bool:
    """``agreements.validation.check_plan`` with the rule context read once for the run (not per plan)."""
    from kerjasama.agreements.validation import PROPOSAL_RULES, run_rule

    return not any(f.severity == "error" for rule in PROPOSAL_RULES for f in run_rule(rule, plan, ctx))


class NationalDemoAgreementFactory:
    def __init__(
        self,
        run: NationalDemoRun,
        pairs: list[tuple[str, str]],
        third_parties: list[Any],
        ministry: Any,
        operators: dict[str, list[int]],
    ) -> None:
        self.run, self.rng = run, run.rng
        self.pairs = pairs
        self.third_parties = third_parties
        self.ministry = ministry
        self.operators = operators
        self.affair_codes, self.affair_names = _affairs()
        self.codes = [r.code for r in run.regions]
        self.kabkota = [r.code for r in run.regions if r.level == "kabkota"]
        self.ctx = rule_context()

    # -- choosing the parties and the plan -------------------------------------------------------------
    def _regions(self) -> tuple[list[str], bool]:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.8 and self.pairs:
            a, b = self.pairs[rng.randrange(len(self.pairs))]
            return ([a, b] if rng.random() < 0.5 else [b, a]), True
        if roll < 0.9 and self.kabkota:
            k = self.kabkota[rng.randrange(len(self.kabkota))]
            province = self.run.by_code[k].province
            if province in self.run.by_code:
                return [k, province], False
        a, b = rng.sample(self.codes, 2)
        return [a, b], False

    def _plan(self, kind: str) -> dict[str, Any] | None:
        rng = self.rng
        organisation = None
        third_party = None
        if kind == "KSDD":
            regions, bordering = self._regions()
        else:
            regions, bordering = [self.codes[rng.randrange(len(self.codes))]], False
            if kind == "KSDPK":
                organisation = self.third_parties[rng.randrange(len(self.third_parties))]
                third_party = ThirdParty(organisation.kind, organisation.name)
            else:
                organisation = self.ministry
        budgeted = rng.random() < 0.6
        burdens = rng.random() < 0.2
        wajib = kind == "KSDD" and bordering and rng.random() < 0.3
        first = rng.randrange(len(COMMON_AFFAIRS) + 4)
        tries = [first, *(rng.randrange(len(self.affair_codes)) for _ in range(5))]
        for attempt, index in enumerate(tries):
            affair = self.affair_codes[index % len(self.affair_codes)]
            category = "" if kind != "KSDD" else ("wajib" if wajib and attempt < 3 else "sukarela")
            plan = plan_of(
                kind,
                regions,
                category,
                third_party,
                cast(Any, [_NationalDemoAffairCode(affair)]),
                [],
                "Dampak lintas batas daerah (contoh)" if category == "wajib" else "",
                "Layanan lebih efisien bila dikelola bersama (contoh)",
                burdens,
                budgeted,
            )
            if _plan_ok(plan, self.ctx):
                return {
                    "regions": regions,
                    "organisation": organisation,
                    "category": category,
                    "affair": affair,
                    "budgeted": budgeted,
                    "burdens": burdens,
                    "dprd": requires_dprd_approval(plan),
                }
        return None

    # -- one agreement ------------------------------------------------------------------------------
    def build(
        self, i: int, kind: str, forced: str | None
    ) -> tuple[NationalDemoAgreement, list[Any], list[AuditEvent]] | None:
        run, rng = self.run, self.rng
        plan = self._plan(kind)
        if plan is None:
            return None
        created = run.day_between(run.start, run.base - timedelta(days=7))
        path: list[str] = [
            s
            for s in (SINERGI_PATH if kind == "SINERGI" else COOPERATION_PATH)
            if s != AgreementStage.MENUNGGU_DPRD or plan["dprd"]
        ]
        # How far the agreement goes: mostly into force, some stay in a step, some are cancelled.
        roll = rng.random()
        cancelled = roll < 0.06
        reach = len(path) - 1 if roll > 0.3 else rng.randrange(len(path))
        years = rng.randint(1, 5)
        if forced == AgreementStage.PELAKSANAAN:
            created, years = run.base - timedelta(days=300), 3
        elif forced == AgreementStage.BERAKHIR:
            created, years, reach = run.start, 1, len(path) - 1
        elif forced is not None:
            cancelled = forced == AgreementStage.DIBATALKAN
            reach = path.index(forced) if forced in path else reach
        if forced is not None:
            cancelled = forced == AgreementStage.DIBATALKAN
        dates = [created]
        for _step in path[1:]:
            dates.append(dates[-1] + timedelta(days=rng.randint(7, 60)))
        reached = 0
        while reached < reach and dates[reached + 1] <= run.base:
            reached += 1
        if forced is not None and reached < reach:
            # a forced stage not yet reached by today: move the calendar back so its milestone lies before it
            shift = dates[reach] - run.base + timedelta(days=rng.randint(1, 20))
            dates = [d - shift for d in dates]
            created, reached = dates[0], reach
        stage = path[reached]
        in_force = stage == AgreementStage.PELAKSANAAN
        if (
            not in_force
            and not cancelled
            and forced is None
            and dates[reached] < run.base - timedelta(days=730)
        ):
            cancelled = True  # a proposal stalled for two years is withdrawn
        signed_on = dates[reached] if in_force else None
        term_start = (signed_on or dates[-1] + timedelta(days=30)) + timedelta(days=rng.randint(0, 30))
        term_end = date(term_start.year + years, term_start.month, 1) - timedelta(days=1)
        ended_on = None
        if in_force and term_end < run.base:
            stage, ended_on = AgreementStage.BERAKHIR, term_end
        cancel_on = None
        if cancelled and not in_force:
            cancel_on = min(run.base, dates[reached] + timedelta(days=rng.randint(5, 90)))
            stage = AgreementStage.DIBATALKAN
        regions: list[str] = plan["regions"]
        lead = regions[0]
        org = plan["organisation"]
        partner_name = run.by_code[regions[1]].name if len(regions) > 1 else org.name
        affair = plan["affair"]
        title = f"Kerja sama {self.affair_names[affair].lower()} {run.by_code[lead].name} dan {partner_name}"
        title = title[: 300 - len(LABEL)] + LABEL
        creator = self._creator(lead)
        value = (
            Decimal(rng.randrange(50, 50_000) * 1_000_000)
            if kind != "SINERGI" and rng.random() < 0.7
            else None
        )
        agreement = Agreement(
            type=kind,
            category=plan["category"],
            title=title,
            object=f"Penyelenggaraan bersama urusan {self.affair_names[affair]} (contoh)",
            scope="Perencanaan, pelaksanaan, pembiayaan dan pelaporan bersama (contoh)",
            justification_externality="Dampak lintas batas daerah (contoh)"
            if plan["category"] == "wajib"
            else "",
            justification_efficiency="Layanan lebih efisien bila dikelola bersama (contoh)",
            legal_basis="UU 23/2014 Pasal 363; PP 28/2018; Permendagri 22/2020",
            pks_clauses=PKS_CLAUSES
            if reached >= path.index(AgreementStage.PELAKSANAAN) - 1 and kind != "SINERGI"
            else [],
            term_start=term_start,
            term_end=term_end,
            apbd_budgeted=None if kind == "SINERGI" else plan["budgeted"],
            burdens_public=None if kind == "SINERGI" else plan["burdens"],
            value=value,
            ksdpk_kind="pelayanan_publik" if kind == "KSDPK" else "",
            stage=stage,
            dprd_approval_required=plan["dprd"],
            origin_kind=OriginKind.MANUAL,
            origin_ref=f"{NUMBER_PREFIX}/{i:05d}",
            lead_region_id=lead,
            number=f"{NUMBER_PREFIX}/{signed_on.year}/{i:05d}" if signed_on else "",
            termination_ground="jangka_waktu_berakhir" if ended_on else "",
            ended_on=ended_on,
            cancel_reason="Ditarik oleh pengusul (contoh)." if cancel_on else "",
            is_example=True,
            created_by_id=creator,
            created_at=stamp(created, i),
            updated_at=stamp(cancel_on or ended_on or dates[reached], i),
        )
        agreement._affair = affair  # type: ignore[attr-defined]
        made = NationalDemoAgreement(agreement, signed_on=signed_on)
        milestone: dict[str, date] = dict(zip(path, dates, strict=True))
        for pos, code in enumerate([*regions, *([None] if org is not None else [])]):
            made.parties.append(self._party(made, pos, code, org, kind, path, reached, milestone, stage))
        docs = self._documents(agreement, kind, path, reached, milestone, lead)
        dprd = self._dprd(agreement, regions, plan["dprd"], path, reached, milestone)
        events = self._events(agreement, path, reached, milestone, creator, stage, cancel_on, ended_on)
        return made, [*docs, *dprd], events

    def _creator(self, code: str) -> int | None:
        ids = self.operators.get(code) or self.operators.get("ministry") or []
        return ids[0] if ids else None

    def _party(
        self,
        made: NationalDemoAgreement,
        pos: int,
        code: str | None,
        org: Any,
        kind: str,
        path: list[str],
        reached: int,
        milestone: dict[str, date],
        stage: str,
    ) -> AgreementParty:
        idx = {s: n for n, s in enumerate(path)}
        past = lambda s: s in idx and reached >= idx[s]  # noqa: E731
        proposer = pos == 0
        reviewed = past(AgreementStage.PENAWARAN) if proposer else past(AgreementStage.PENYUSUNAN_KB)
        if kind == "SINERGI":
            reviewed = proposer and past(AgreementStage.PENYUSUNAN_NK)
        status = PartyStatus.AWARE
        if made.signed_on:
            status = PartyStatus.SIGNED
        elif reviewed or (code is None and past(AgreementStage.PENYUSUNAN_KB)):
            status = PartyStatus.APPROVED
        elif not proposer and past(AgreementStage.PENAWARAN):
            status = PartyStatus.REVIEWING
        name = self.run.by_code[code].name if code else ""
        kb_on = milestone.get(AgreementStage.KB_DITANDATANGANI)
        kb = kb_on is not None and past(AgreementStage.KB_DITANDATANGANI)
        review_on = milestone.get(AgreementStage.PENAWARAN if proposer else AgreementStage.PENYUSUNAN_KB)
        if kind == "SINERGI":
            review_on = milestone.get(AgreementStage.PENYUSUNAN_NK)
        return AgreementParty(
            agreement=made.agreement,
            region_id=code,
            organisation=org if code is None else None,
            role=PartyRole.PROPOSER if proposer else PartyRole.PARTNER,
            position=pos,
            status=status,
            acknowledged_at=stamp(milestone[path[min(1, reached)]]) if reached >= 1 else None,
            signatory_name=(f"Kepala Daerah {name} (contoh)" if code else f"Pimpinan {org.name}")
            if (kb or made.signed_on)
            else "",
            signatory_title="Kepala Daerah"
            if code and (kb or made.signed_on)
            else ("Pimpinan" if made.signed_on else ""),
            tkksd_review=TkksdReview.APPROVED if code and reviewed else TkksdReview.PENDING,
            tkksd_decision_ref=f"TKKSD/{code}/{made.agreement.origin_ref} (contoh)"
            if code and reviewed
            else "",
            tkksd_reviewed_on=review_on if code and reviewed else None,
            kb_signed_at=stamp(kb_on) if kb and kb_on else None,
            pks_signed_at=stamp(made.signed_on) if made.signed_on and kind != "SINERGI" else None,
            nk_signed_at=stamp(made.signed_on) if made.signed_on and kind == "SINERGI" else None,
        )

    def _documents(
        self, a: Agreement, kind: str, path: list[str], reached: int, milestone: dict[str, date], lead: str
    ) -> list[AgreementDocument]:
        docs = []
        n = a.origin_ref.rsplit("/", 1)[1]
        if kind == "KSDPK":
            docs.append(
                AgreementDocument(
                    agreement=a,
                    kind="studi_kelayakan",
                    number=f"FS/{n}/CONTOH",
                    dated=milestone[AgreementStage.PERSIAPAN],
                    signed=True,
                    signatory_role="kepala_opd",
                    issuer_id=lead,
                    recorded_at=stamp(milestone[AgreementStage.PERSIAPAN]),
                )
            )
        if AgreementStage.PENAWARAN in path and reached >= path.index(AgreementStage.PENAWARAN):
            on = milestone[AgreementStage.PENAWARAN]
            docs.append(
                AgreementDocument(
                    agreement=a,
                    kind="penawaran",
                    number=f"415.4/{n}/CONTOH",
                    dated=on,
                    signed=True,
                    signatory_role="kepala_daerah",
                    issuer_id=lead,
                    recorded_at=stamp(on),
                )
            )
        if kind == "SINERGI" and reached >= 1:
            on = milestone[AgreementStage.PENYUSUNAN_NK]
            docs.append(
                AgreementDocument(
                    agreement=a,
                    kind="rencana_kerja",
                    number=f"RK/{n}/CONTOH",
                    dated=on,
                    signed=True,
                    signatory_role="kepala_daerah",
                    issuer_id=lead,
                    recorded_at=stamp(on),
                )
            )
        return docs

    def _dprd(
        self,
        a: Agreement,
        regions: list[str],
        required: bool,
        path: list[str],
        reached: int,
        milestone: dict[str, date],
    ) -> list[DprdApproval]:
        if not required or AgreementStage.MENUNGGU_DPRD not in path:
            return []
        at = path.index(AgreementStage.MENUNGGU_DPRD)
        if reached < at:
            return []
        asked = milestone[AgreementStage.MENUNGGU_DPRD]
        decided = reached > at
        n = a.origin_ref.rsplit("/", 1)[1]
        return [
            DprdApproval(
                agreement=a,
                region_id=code,
                requested_on=asked,
                request_letter_number=f"170/{n}/CONTOH",
                decision_number=f"DPRD/{code}/{n}/CONTOH" if decided else "",
                decision_date=milestone[AgreementStage.PENYUSUNAN_PKS] if decided else None,
                outcome=DprdOutcome.APPROVED if decided else DprdOutcome.PENDING,
            )
            for code in regions
        ]

    def _events(
        self,
        a: Agreement,
        path: list[str],
        reached: int,
        milestone: dict[str, date],
        creator: int | None,
        stage: str,
        cancel_on: date | None,
        ended_on: date | None,
    ) -> list[AuditEvent]:
        label = self.run.actor.username if self.run.actor is not None else "sistem"

        def event(
            action: AuditAction, on: date, old: Any = None, new: Any = None, reason: str = ""
        ) -> AuditEvent:
            e = AuditEvent(
                actor_id=creator,
                actor_label=label,
                action=action.value,
                object_type="agreements.agreement",
                object_label=a.title[:300],
                old=old,
                new=new,
                reason=reason,
                occurred_at=stamp(on, len(out)),
            )
            e._agreement = a  # type: ignore[attr-defined]
            return e

        out: list[AuditEvent] = []
        out.append(
            event(
                AuditAction.AGREEMENT_PROPOSED,
                milestone[path[0]],
                new={"type": a.type, "category": a.category, "example": True},
            )
        )
        for step in range(1, reached + 1):
            out.append(
                event(
                    AuditAction.AGREEMENT_STAGE_CHANGED,
                    milestone[path[step]],
                    old={"stage": str(path[step - 1])},
                    new={"stage": str(path[step])},
                )
            )
        if stage == AgreementStage.BERAKHIR and ended_on:
            out.append(
                event(
                    AuditAction.AGREEMENT_STAGE_CHANGED,
                    ended_on,
                    old={"stage": "pelaksanaan"},
                    new={"stage": "berakhir"},
                    reason="jangka_waktu_berakhir",
                )
            )
        if stage == AgreementStage.DIBATALKAN and cancel_on:
            out.append(
                event(
                    AuditAction.AGREEMENT_STAGE_CHANGED,
                    cancel_on,
                    old={"stage": str(path[reached])},
                    new={"stage": "dibatalkan"},
                    reason=a.cancel_reason,
                )
            )
        return out


@dataclass(frozen=True)
class _NationalDemoAffairCode:
    """What ``plan_of`` reads of an affair (its code)."""

    code: str


def load_agreements(
    run: NationalDemoRun, factory: NationalDemoAgreementFactory
) -> list[NationalDemoAgreement]:
    """Generate the run's agreements; the first of each type take every stage of its table in turn, so even
    the small scale covers every stage."""
    total = run.scale.agreements
    forced_cycle: dict[str, list[str]] = {
        "KSDD": [*[s for s in COOPERATION_PATH], AgreementStage.BERAKHIR, AgreementStage.DIBATALKAN],
        "KSDPK": [
            *[s for s in COOPERATION_PATH if s != AgreementStage.MENUNGGU_DPRD],
            AgreementStage.BERAKHIR,
            AgreementStage.DIBATALKAN,
        ],
        "SINERGI": [*SINERGI_PATH, AgreementStage.BERAKHIR, AgreementStage.DIBATALKAN],
    }
    made: list[NationalDemoAgreement] = []
    extra: list[Any] = []
    events: list[AuditEvent] = []
    seen = {"KSDD": 0, "KSDPK": 0, "SINERGI": 0}
    attempts = 0
    while len(made) < total and attempts < total * 3:
        attempts += 1
        roll = run.rng.random()
        kind = "KSDD" if roll < 0.75 else ("KSDPK" if roll < 0.93 else "SINERGI")
        cycle = forced_cycle[kind]
        forced = cycle[seen[kind]] if seen[kind] < len(cycle) else None
        built = factory.build(len(made) + 1, kind, forced)
        if built is None:
            continue
        if forced is not None and (
            forced != AgreementStage.MENUNGGU_DPRD or built[0].agreement.stage == forced
        ):
            seen[kind] += 1
        made.append(built[0])
        extra.extend(built[1])
        events.extend(built[2])
    agreements = [m.agreement for m in made]
    parties = [p for m in made for p in m.parties]
    with own_timestamps(Agreement, AgreementDocument, AuditEvent):
        bulk(Agreement, agreements, with_history=True)
        through = Agreement.affairs.through
        bulk(through, [through(agreement_id=a.pk, affair_id=a._affair) for a in agreements])  # type: ignore[attr-defined]
        for p in parties:
            p.agreement_id = p.agreement.pk
        bulk(AgreementParty, parties, with_history=True)
        for row in extra:
            row.agreement_id = row.agreement.pk
        bulk(AgreementDocument, [r for r in extra if isinstance(r, AgreementDocument)])
        bulk(DprdApproval, [r for r in extra if isinstance(r, DprdApproval)])
        for e in events:
            e.object_id = str(e._agreement.pk)  # type: ignore[attr-defined]
        bulk(AuditEvent, events)
    run.add("agreements", len(agreements))
    run.add("agreement_parties", len(parties))
    run.add("agreement_documents", sum(isinstance(r, AgreementDocument) for r in extra))
    run.add("dprd_approvals", sum(isinstance(r, DprdApproval) for r in extra))
    run.add("audit_events", len(events))
    return made
