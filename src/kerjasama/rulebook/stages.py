"""Stage tables (*tahapan*) for KSDD, KSDPK, synergy (Nota Kesepakatan) and KSDPL/KSDLL, with guards and
deadline rules.

KSDD and KSDPK follow PP 28/2018 Pasal 6(1) (KSDPK *mutatis mutandis* through Pasal 19(1)):
(a) persiapan, (b) penawaran, (c) penyusunan KB, (d) penandatanganan KB, (e) persetujuan DPRD only where
Pasal 6(2) applies, (f) penyusunan PKS, (g) penandatanganan PKS; (h)-(j) are illegible in the OCR and
believed to be pelaksanaan, penatausahaan, pelaporan [U], modelled as the single state ``pelaksanaan``.
Synergy (PP 28/2018 Pasal 46) uses a Nota Kesepakatan with a work plan (R18). KSDPL/KSDLL follow R20.

Each transition has guards: checks from the rules (``rules/``) that must produce no ``error`` finding.
An attempted action that the table does not offer from the current stage is answered with a finding of
rule ``STAGE`` (the Pasal 6(1) order); nothing here raises for a legal violation.

Deadlines count working days (UU 23/2014 Pasal 1 angka 50) through ``workdays.WorkingCalendar``. A
deadline whose day count is ``None`` in the settings does not exist, and no deadline ever makes anything
"deemed approved" (R31): a missed deadline is a reminder or escalation trigger only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.rules import closing, procedure
from kerjasama.rulebook.rules.base import RuleContext
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.subjects import AgreementState
from kerjasama.rulebook.workdays import WorkingCalendar

Guard = Callable[[AgreementState, RuleContext], list[Finding]]
Condition = Callable[[AgreementState], bool]

STAGE_BASIS = "PP 28/2018 Pasal 6(1), 19(1)"


@dataclass(frozen=True, slots=True)
class Stage:
    """A state of a stage table. ``required`` stages lie on every path to ``pelaksanaan``;
    ``condition`` names the fact that makes a conditional stage required (e.g. the DPRD stage)."""

    id: str
    name_id: str
    name_en: str
    terminal: bool = False
    required: bool = False
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    source: str
    target: str
    guards: tuple[Guard, ...] = ()
    # Structural applicability: the DPRD stage exists only when approval is required (PP Pasal 6(2)).
    applies: Condition | None = None


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """A clock that starts on ``starts_on`` and runs while the agreement is in one of ``stages``."""

    name: str
    parameter: str
    stages: tuple[str, ...]
    starts_on: str
    rule: str
    basis: str


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str
    parameter: str
    days: int
    start: date
    due: date
    rule: str
    basis: str


@dataclass(frozen=True, slots=True)
class TransitionResult:
    allowed: bool
    target: str | None
    findings: list[Finding]


@dataclass(frozen=True)
class StageTable:
    kind: str
    initial: str
    active: str
    stages: tuple[Stage, ...]
    transitions: tuple[Transition, ...]
    deadlines: tuple[DeadlineRule, ...] = ()
    _by_id: dict[str, Stage] = field(init=False, repr=False, compare=False)
    _outgoing: dict[str, tuple[Transition, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {s.id: s for s in self.stages}
        outgoing: dict[str, tuple[Transition, ...]] = {s.id: () for s in self.stages}
        for t in self.transitions:
            if t.source not in by_id or t.target not in by_id:
                raise ValueError(f"{self.kind}: transition {t.action} names an unknown stage")
            outgoing[t.source] = (*outgoing[t.source], t)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_outgoing", outgoing)

    def stage(self, stage_id: str) -> Stage:
        return self._by_id[stage_id]

    def outgoing(self, stage_id: str) -> tuple[Transition, ...]:
        return self._outgoing.get(stage_id, ())

    def terminal_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.stages if s.terminal)

    def required_ids(self, state: AgreementState | None = None) -> tuple[str, ...]:
        """Required stages in order; a conditional one only when its fact holds for ``state``."""
        return tuple(
            s.id
            for s in self.stages
            if s.required and (s.condition is None or (state is not None and getattr(state, s.condition)))
        )


# -- guards --------------------------------------------------------------------------------------------


def _needs_dprd(state: AgreementState) -> bool:
    return state.dprd_approval_required


def _no_dprd(state: AgreementState) -> bool:
    return not state.dprd_approval_required


def _offer_recorded(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    if state.has("penawaran"):
        return []
    return [
        procedure.R16.error(
            "Surat penawaran belum dicatat.", "No offer letter is recorded.", STAGE_BASIS + " huruf b"
        )
    ]


def _kb_signed(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    if state.signed("kb"):
        return procedure.r15_agreement(state, ctx)
    return [procedure.R14.error("KB yang ditandatangani belum dicatat.", "No signed KB is recorded.")]


def _pks_signed(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    if state.signed("pks"):
        return []
    return [procedure.R14.error("PKS yang ditandatangani belum dicatat.", "No signed PKS is recorded.")]


def _terminated_lawfully(state: AgreementState, ctx: RuleContext) -> list[Finding]:
    if state.termination_ground is None:
        return [
            closing.R29.error(
                "Alasan berakhirnya kerja sama belum dicatat.",
                "The ground for ending the cooperation is not recorded.",
            )
        ]
    return closing.r29_agreement(state, ctx)


_OFFER_GUARDS: tuple[Guard, ...] = (
    procedure.gate_feasibility,
    procedure.gate_partner_selection,
    procedure.gate_tkksd_formed,
    _offer_recorded,
    procedure.r16_agreement,
)
_PKS_GUARDS: tuple[Guard, ...] = (
    _pks_signed,
    procedure.gate_dprd_approval,
    procedure.r13_agreement,
    procedure.r14_agreement,
    procedure.r15_agreement,
    procedure.r19_agreement,
    procedure.gate_tkksd_before_pks,
    closing.r27_agreement,
)


def _cooperation_table(kind: str) -> StageTable:
    """KSDD and KSDPK share the Pasal 6(1) stages; the guards differ through the state's ``type``."""
    pre_active = (
        "persiapan",
        "penawaran",
        "penyusunan_kb",
        "kb_ditandatangani",
        "menunggu_dprd",
        "penyusunan_pks",
    )
    return StageTable(
        kind=kind,
        initial="persiapan",
        active="pelaksanaan",
        stages=(
            Stage("persiapan", "Persiapan (a)", "Preparation (a)", required=True),
            Stage("penawaran", "Penawaran (b)", "Offer (b)", required=True),
            Stage("penyusunan_kb", "Penyusunan KB (c)", "Drafting the KB (c)", required=True),
            Stage("kb_ditandatangani", "KB ditandatangani (d)", "KB signed (d)", required=True),
            Stage(
                "menunggu_dprd",
                "Persetujuan DPRD (e)",
                "DPRD approval (e)",
                required=True,
                condition="dprd_approval_required",
            ),
            Stage("penyusunan_pks", "Penyusunan PKS (f)", "Drafting the PKS (f)", required=True),
            Stage(
                "pelaksanaan",
                "PKS ditandatangani (g); pelaksanaan",
                "PKS signed (g); implementation",
                required=True,
            ),
            Stage("berakhir", "Berakhir", "Ended", terminal=True),
            Stage("dibatalkan", "Dibatalkan", "Cancelled", terminal=True),
        ),
        transitions=(
            Transition("kirim_penawaran", "persiapan", "penawaran", _OFFER_GUARDS),
            Transition("terima_penawaran", "penawaran", "penyusunan_kb"),
            Transition("tolak_penawaran", "penawaran", "dibatalkan"),
            Transition("tandatangani_kb", "penyusunan_kb", "kb_ditandatangani", (_kb_signed,)),
            Transition("ajukan_dprd", "kb_ditandatangani", "menunggu_dprd", applies=_needs_dprd),
            Transition(
                "susun_pks", "kb_ditandatangani", "penyusunan_pks", (procedure.gate_dprd_approval,), _no_dprd
            ),
            Transition("setujui_dprd", "menunggu_dprd", "penyusunan_pks", (procedure.gate_dprd_approval,)),
            Transition("tolak_dprd", "menunggu_dprd", "dibatalkan"),
            Transition("tandatangani_pks", "penyusunan_pks", "pelaksanaan", _PKS_GUARDS),
            Transition("akhiri", "pelaksanaan", "berakhir", (_terminated_lawfully,)),
            *(Transition("batalkan", s, "dibatalkan") for s in pre_active),
        ),
        deadlines=(
            DeadlineRule(
                "balasan_penawaran", "offer_reply_days", ("penawaran",), "penawaran_dikirim", "R16", "R31 [U]"
            ),
            DeadlineRule(
                "kb_ke_pks",
                "kb_to_pks_days",
                ("kb_ditandatangani", "menunggu_dprd", "penyusunan_pks"),
                "kb_ditandatangani",
                "R31",
                "R31 [U]",
            ),
            DeadlineRule(
                "keputusan_dprd",
                "dprd_decision_days",
                ("menunggu_dprd",),
                "permohonan_dprd",
                "R13",
                "R31 [U]",
            ),
            DeadlineRule(
                "pelaporan", "reporting_days", ("pelaksanaan",), "laporan_terakhir", "R30", "R31 [U]"
            ),
        ),
    )


def _sinergi_table() -> StageTable:
    return StageTable(
        kind="SINERGI",
        initial="persiapan",
        active="pelaksanaan",
        stages=(
            Stage("persiapan", "Persiapan", "Preparation", required=True),
            Stage(
                "penyusunan_nk",
                "Penyusunan NK dan rencana kerja",
                "Drafting the NK and work plan",
                required=True,
            ),
            Stage(
                "pelaksanaan", "NK ditandatangani; pelaksanaan", "NK signed; implementation", required=True
            ),
            Stage("berakhir", "Berakhir", "Ended", terminal=True),
            Stage("dibatalkan", "Dibatalkan", "Cancelled", terminal=True),
        ),
        transitions=(
            Transition("susun_nk", "persiapan", "penyusunan_nk"),
            Transition(
                "tandatangani_nk",
                "penyusunan_nk",
                "pelaksanaan",
                (procedure.gate_nk, procedure.r15_agreement),
            ),
            Transition("akhiri", "pelaksanaan", "berakhir"),
            Transition("batalkan", "persiapan", "dibatalkan"),
            Transition("batalkan", "penyusunan_nk", "dibatalkan"),
        ),
        deadlines=(
            DeadlineRule(
                "pelaporan", "reporting_days", ("pelaksanaan",), "laporan_terakhir", "R30", "R31 [U]"
            ),
        ),
    )


def _foreign_table() -> StageTable:
    """KSDPL/KSDLL (R20): DPRD -> Minister's verification -> draft approved after an inter-ministerial
    meeting -> MoFA confirmation -> signing. The table's order is the rule; no stage can be skipped.
    Its transitions have no guards, so only ``state.stage`` is read; the recorded steps and dates of a
    foreign cooperation are checked by R20 over a ``ForeignCooperationState``."""
    steps = (
        ("persiapan", "Rencana kerja sama disusun", "Cooperation plan drafted"),
        ("menunggu_dprd", "Persetujuan DPRD (45 hari kerja)", "DPRD approval (45 working days)"),
        (
            "verifikasi_menteri",
            "Verifikasi dan pertimbangan Menteri",
            "Minister's verification and consideration",
        ),
        (
            "pembahasan_naskah",
            "Naskah dibahas rapat antarkementerian",
            "Draft in the inter-ministerial meeting",
        ),
        (
            "konfirmasi_kemlu",
            "Menunggu surat konfirmasi Kementerian Luar Negeri",
            "Awaiting MoFA confirmation",
        ),
        (
            "siap_ditandatangani",
            "Siap ditandatangani kepala daerah",
            "Ready for signing by the head of region",
        ),
        ("pelaksanaan", "Ditandatangani; pelaksanaan", "Signed; implementation"),
    )
    actions = (
        "ajukan_dprd",
        "setujui_dprd",
        "beri_pertimbangan_menteri",
        "setujui_naskah",
        "terima_konfirmasi",
        "tandatangani",
    )
    chain = tuple(Transition(action, steps[i][0], steps[i + 1][0]) for i, action in enumerate(actions))
    return StageTable(
        kind="KSDPL",
        initial="persiapan",
        active="pelaksanaan",
        stages=(
            *(Stage(sid, nid, nen, required=True) for sid, nid, nen in steps),
            Stage("berakhir", "Berakhir", "Ended", terminal=True),
            Stage("dibatalkan", "Dibatalkan", "Cancelled", terminal=True),
        ),
        transitions=(
            *chain,
            Transition("tolak_dprd", "menunggu_dprd", "dibatalkan"),
            Transition("akhiri", "pelaksanaan", "berakhir"),
            *(Transition("batalkan", sid, "dibatalkan") for sid, _, _ in steps[:-1]),
        ),
        deadlines=(
            DeadlineRule(
                "keputusan_dprd_luar_negeri",
                "foreign_dprd_days",
                ("menunggu_dprd",),
                "permohonan_dprd",
                "R20",
                "PP 28/2018 Pasal 30(4)",
            ),
        ),
    )


TABLES: dict[str, StageTable] = {
    "KSDD": _cooperation_table("KSDD"),
    "KSDPK": _cooperation_table("KSDPK"),
    "SINERGI": _sinergi_table(),
    "KSDPL": _foreign_table(),
}


def table_for(kind: str) -> StageTable:
    """The stage table of a cooperation type; KSDLL uses the KSDPL table."""
    return TABLES["KSDPL" if kind == "KSDLL" else kind]


# -- evaluation ----------------------------------------------------------------------------------------


def _applicable(table: StageTable, state: AgreementState, action: str) -> list[Transition]:
    return [
        t
        for t in table.outgoing(state.stage)
        if t.action == action and (t.applies is None or t.applies(state))
    ]


def evaluate(table: StageTable, state: AgreementState, action: str, ctx: RuleContext) -> TransitionResult:
    """Whether ``action`` may be taken from ``state.stage``; the target and every guard finding."""
    candidates = _applicable(table, state, action)
    if not candidates:
        offered = sorted(
            {t.action for t in table.outgoing(state.stage) if t.applies is None or t.applies(state)}
        )
        finding = Finding(
            "STAGE",
            "error",
            f"Tindakan '{action}' tidak tersedia pada tahap '{state.stage}'; yang tersedia: "
            f"{', '.join(offered) or '-'}.",
            f"Action '{action}' is not available at stage '{state.stage}'; available: {', '.join(offered) or '-'}.",
            STAGE_BASIS,
        )
        return TransitionResult(False, None, [finding])
    transition = candidates[0]
    findings: list[Finding] = []
    for guard in transition.guards:
        findings.extend(guard(state, ctx))
    allowed = not any(f.severity == "error" for f in findings)
    return TransitionResult(allowed, transition.target, findings)


def available_actions(table: StageTable, state: AgreementState, ctx: RuleContext) -> list[str]:
    """Actions whose guards pass from the current stage, in table order."""
    seen: list[str] = []
    for t in table.outgoing(state.stage):
        if t.action not in seen and evaluate(table, state, t.action, ctx).allowed:
            seen.append(t.action)
    return seen


def deadline_rules(table: StageTable, stage: str) -> tuple[DeadlineRule, ...]:
    return tuple(d for d in table.deadlines if stage in d.stages)


def compute_deadline(
    rule: DeadlineRule, start: date, settings: RulebookSettings, calendar: WorkingCalendar | None = None
) -> Deadline | None:
    """The due date ``rule.parameter`` working days after ``start``; None when that parameter is None."""
    days = getattr(settings, rule.parameter)
    if days is None:
        return None
    cal = calendar or WorkingCalendar.from_settings(settings)
    return Deadline(
        rule.name, rule.parameter, days, start, cal.add_working_days(start, days), rule.rule, rule.basis
    )
