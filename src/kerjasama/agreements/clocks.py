"""The deadline clocks of an agreement's current stage, from the rulebook's stage table (issue 10, item 5).

A clock is a ``rulebook.stages.DeadlineRule`` of the stage the agreement is in: it starts on a recorded date (the
offer letter's date, the day the last party signed the KB, the day a region asked its DPRD) and runs a number of
**working days** (UU 23/2014 Pasal 1 angka 50; ``rulebook.workdays``) set by a legal parameter. Only the foreign
cooperation's 45 working days for the DPRD are set by law (PP 28/2018 Pasal 30(4), R20); every other parameter
is ``None`` by default because the sources set no such limit [U], and a clock whose parameter is ``None`` does not
exist: the page says so instead of inventing a date. No clock ever makes anything "deemed approved" (R31): a
clock that ran out is shown as late, a reminder, never a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from kerjasama.agreements.choices import DprdOutcome, RecordedDocumentKind
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.state import rule_context
from kerjasama.rulebook.stages import DeadlineRule, compute_deadline, deadline_rules, table_for
from kerjasama.rulebook.workdays import WorkingCalendar

#: How many days before its due date a clock counts as "jatuh tempo" (due soon) rather than on schedule.
DUE_SOON_DAYS = 30

#: What each clock is about, in both languages (the rule's ``name`` in ``rulebook.stages``).
CLOCK_LABELS: dict[str, tuple[str, str]] = {
    "balasan_penawaran": ("Jawaban atas surat penawaran", "Reply to the offer letter"),
    "kb_ke_pks": ("Penyusunan PKS setelah KB ditandatangani", "Drafting the PKS after the KB is signed"),
    "keputusan_dprd": ("Keputusan DPRD atas permohonan persetujuan", "The DPRD's decision on the request"),
    "keputusan_dprd_luar_negeri": (
        "Keputusan DPRD atas kerja sama luar negeri (45 hari kerja)",
        "The DPRD's decision on a foreign cooperation (45 working days)",
    ),
    "pelaporan": ("Laporan pelaksanaan kerja sama", "Report on the cooperation's implementation"),
}


@dataclass(frozen=True)
class StageClock:
    """One clock of the current stage. ``status``: ``tidak_ditetapkan`` (no limit is set: the parameter is
    None), ``belum_mulai`` (its start is not recorded yet), ``sesuai_jadwal``, ``jatuh_tempo`` (due within
    ``DUE_SOON_DAYS``) or ``terlambat`` (past due: a reminder, never "deemed approved", R31)."""

    name: str
    label_id: str
    label_en: str
    parameter: str
    days: int | None
    start: date | None
    due: date | None
    status: str
    rule: str
    basis: str
    region: str | None = None


def _started_on(agreement: Agreement, rule: DeadlineRule) -> list[tuple[str | None, date | None]]:
    """(region, start) of each running instance of ``rule``: one per region for the DPRD's decision (each
    region's DPRD decides on its own request), one for the others. Reads only what ``visible_agreement``
    prefetched (parties, recorded documents, DPRD approvals)."""
    if rule.starts_on == "penawaran_dikirim":
        offers = [
            d.dated
            for d in agreement.recorded_documents.all()
            if d.kind == RecordedDocumentKind.PENAWARAN and d.dated
        ]
        return [(None, max(offers) if offers else None)]
    if rule.starts_on == "kb_ditandatangani":
        signed = [p.kb_signed_at for p in agreement.parties.all()]
        done = all(signed) and bool(signed)
        return [(None, timezone.localdate(max(signed)) if done else None)]
    if rule.starts_on == "permohonan_dprd":
        pending = [a for a in agreement.dprd_approvals.all() if a.outcome == DprdOutcome.PENDING]
        return [(a.region_id, a.requested_on) for a in pending] or [(None, None)]
    # "laporan_terakhir": the implementation reports come with the agreements in force (issue 11); until then the
    # first period runs from the day the agreement came into force.
    signed_in = [
        s for p in agreement.parties.all() for s in (p.pks_signed_at, p.nk_signed_at) if s is not None
    ]
    return [(None, timezone.localdate(max(signed_in)) if signed_in else None)]


def stage_clocks(agreement: Agreement, *, today: date | None = None) -> list[StageClock]:
    """The clocks of ``agreement``'s current stage (``agreement`` as loaded by ``visible_agreement``)."""
    today = today or timezone.localdate()
    context = rule_context()
    calendar = WorkingCalendar.from_settings(context.settings)
    clocks: list[StageClock] = []
    for rule in deadline_rules(table_for(agreement.type), agreement.stage):
        label_id, label_en = CLOCK_LABELS.get(rule.name, (rule.name, rule.name))
        for region, start in _started_on(agreement, rule):
            deadline = compute_deadline(rule, start, context.settings, calendar) if start else None
            days = getattr(context.settings, rule.parameter)
            if days is None:
                status, due = "tidak_ditetapkan", None
            elif deadline is None:
                status, due = "belum_mulai", None
            else:
                due = deadline.due
                if due < today:
                    status = "terlambat"
                elif (due - today).days <= DUE_SOON_DAYS:
                    status = "jatuh_tempo"
                else:
                    status = "sesuai_jadwal"
            clocks.append(
                StageClock(
                    rule.name, label_id, label_en, rule.parameter, days, start, due, status, rule.rule,
                    rule.basis, region,
                )
            )
    return clocks
