"""Every change to an agreement's monev (house rule 2): periods, self-assessments, evaluations.

Monitoring and evaluation of regional cooperation follow PP 12/2017 (PP 28/2018 Pasal 44(5)) [V by
reference]; its frequency and format are local policy [U] (``kerjasama.monev.conf``). Each service checks policy
(``accounts.policy.require``), validates all input before writing, writes in one transaction a history row
(simple-history, attributed to the actor) and an audit event. Submitting a self-assessment goes through
``core.transitions.transition`` (compare-and-swap: two officials submitting at once give one submission and one
clear conflict).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError, field_error
from kerjasama.core.numbers import NumberInputError, parse_decimal
from kerjasama.core.transitions import transition
from kerjasama.monev.choices import AssessmentStatus
from kerjasama.monev.conf import monev_settings
from kerjasama.monev.domain.periods import due_date, periods_from
from kerjasama.monev.models import (
    REF_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    GovernorEvaluation,
    MonevPeriod,
    SelfAssessment,
    TkksdEvaluation,
)
from kerjasama.monev.rules import governor_province
from kerjasama.regions.models import Region

#: The legal basis named in refusals (REGULATIONS.md §1.8, R30).
BASIS_ID = "Dasar: PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24; UU 23/2014 Pasal 368."
BASIS_EN = "Basis: PP 28/2018 Article 44(5) with PP 12/2017 Article 24; UU 23/2014 Article 368."
#: Stages in which monev is recorded: in force, and after the end for the periods that ran while in force.
MONEV_STAGES = (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)


def _text(value: str | None, *, field: str, label_id: str, label_en: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise field_error(
            "monev.too_long",
            field,
            f"{label_id} paling panjang {limit} karakter.",
            f"{label_en} has at most {limit} characters.",
        )
    return text


def _decimal(value: str | Decimal | int | float | None, *, field: str) -> Decimal | None:
    """A number as typed (Indonesian "1.250.000,50" and "0,8"; ``core.numbers``) or given; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    try:
        return parse_decimal(value)
    except NumberInputError as exc:
        raise KerjasamaError(
            exc.code, exc.message_id, exc.message_en, [ErrorDetail(field, exc.message_id, exc.message_en)]
        ) from exc


# --- periods ---


@transaction.atomic
def generate_periods(*, actor: Actor, agreement: Agreement, today: date | None = None) -> list[MonevPeriod]:
    """Open the monev periods of an agreement in force from its ``term_start`` through the period containing
    ``today`` (cut at ``term_end``); idempotent: existing periods are kept, only the missing ones after the last
    are added (a changed period setting applies from there). Returns the periods created."""
    today = today or timezone.localdate()
    if agreement.stage != AgreementStage.PELAKSANAAN or agreement.term_start is None:
        return []
    conf = monev_settings()
    # One generator per agreement at a time (row lock on PostgreSQL; SQLite serialises writers).
    list(Agreement.objects.select_for_update().filter(pk=agreement.pk).values_list("pk"))
    last = MonevPeriod.objects.filter(agreement=agreement).order_by("-start").first()
    start = agreement.term_start if last is None else last.end + timedelta(days=1)
    number = 0 if last is None else last.sequence
    created = []
    for first, end in periods_from(start, today, conf.period_months, term_end=agreement.term_end):
        number += 1
        period = MonevPeriod(
            agreement=agreement,
            sequence=number,
            start=first,
            end=end,
            due=due_date(end, conf.due_days),
            is_example=agreement.is_example,
        )
        audit.save_recorded(
            period,
            actor=actor,
            action=AuditAction.MONEV_PERIOD_OPENED,
            new={
                "agreement": agreement.pk,
                "sequence": number,
                "start": first.isoformat(),
                "end": end.isoformat(),
                "due": period.due.isoformat(),
            },
        )
        created.append(period)
    return created


def generate_all_periods(*, actor: Actor, today: date | None = None) -> int:
    """Open the missing periods of every agreement in force (the daily task); returns how many were opened."""
    made = 0
    ids = Agreement.objects.filter(stage=AgreementStage.PELAKSANAAN, term_start__isnull=False).values_list(
        "pk", flat=True
    )
    for pk in list(ids):
        agreement = Agreement.objects.filter(pk=pk).first()
        if agreement is not None:
            made += len(generate_periods(actor=actor, agreement=agreement, today=today))
    return made


def _check_period(period: MonevPeriod, party: AgreementParty | None, today: date) -> None:
    agreement = period.agreement
    if agreement.stage not in MONEV_STAGES:
        raise field_error(
            "monev.agreement_not_in_force",
            "period",
            "Monev hanya dicatat untuk kerja sama yang sedang dilaksanakan. " + BASIS_ID,
            "Monev is recorded only for an agreement in force. " + BASIS_EN,
        )
    if period.start > today:
        raise field_error(
            "monev.period_not_started",
            "period",
            f"Periode ini baru mulai {period.start:%d-%m-%Y}.",
            f"This period starts on {period.start:%d-%m-%Y}.",
        )
    if party is not None and party.agreement_id != agreement.pk:
        raise field_error(
            "monev.party_not_in_agreement",
            "party",
            "Pihak tersebut bukan pihak kerja sama ini.",
            "That party is not a party of this agreement.",
        )


def _rating(value: str) -> str:
    conf = monev_settings()
    if conf.rating(value) is None:
        allowed = ", ".join(r.value for r in conf.rating_scale)
        raise field_error(
            "monev.rating_invalid",
            "rating",
            f"Nilai tidak dikenal: {value}. Pilih salah satu: {allowed}.",
            f"Unknown rating: {value}. Choose one of: {allowed}.",
        )
    return value


# --- self-assessments ---


@transaction.atomic
def save_self_assessment(
    *,
    actor: Actor,
    period: MonevPeriod,
    party: AgreementParty,
    progress_percent: str | Decimal | int | float | None,
    outputs: str = "",
    budget_realised: str | Decimal | int | float | None = None,
    problems: str = "",
    follow_up: str = "",
    submit: bool = False,
    is_example: bool = False,
    today: date | None = None,
) -> SelfAssessment:
    """Save the party's self-assessment for the period: the open draft is edited in place; if there is none
    (nothing yet, or the last revision was submitted) a new revision is started, so a submitted text is never
    overwritten. With ``submit`` it is submitted at once (``submit_self_assessment``)."""
    require(actor, "monev.self_assess", party)
    today = today or timezone.localdate()
    _check_period(period, party, today)
    progress = _decimal(progress_percent, field="progress_percent")
    if progress is None or not Decimal(0) <= progress <= Decimal(100):
        raise field_error(
            "monev.progress_invalid",
            "progress_percent",
            "Kemajuan wajib diisi, antara 0 dan 100 persen (mis. 45,5).",
            "Progress is required, between 0 and 100 percent (e.g. 45,5).",
        )
    budget = _decimal(budget_realised, field="budget_realised")
    if budget is not None and budget < 0:
        raise field_error(
            "monev.budget_invalid",
            "budget_realised",
            "Realisasi anggaran tidak boleh negatif.",
            "The budget realised cannot be negative.",
        )
    if budget is not None and budget != budget.quantize(Decimal("0.01")):
        raise field_error(
            "monev.budget_invalid",
            "budget_realised",
            "Realisasi anggaran paling banyak dua angka desimal (sen).",
            "The budget realised has at most two decimals.",
        )
    values: dict[str, Any] = {
        "progress_percent": progress.quantize(Decimal("0.01")),
        "budget_realised": budget.quantize(Decimal("0.01")) if budget is not None else None,
        "outputs": _text(
            outputs, field="outputs", label_id="Keluaran", label_en="Outputs", limit=TEXT_MAX_LENGTH
        ),
        "problems": _text(
            problems, field="problems", label_id="Permasalahan", label_en="Problems", limit=TEXT_MAX_LENGTH
        ),
        "follow_up": _text(
            follow_up,
            field="follow_up",
            label_id="Tindak lanjut",
            label_en="Follow-up",
            limit=TEXT_MAX_LENGTH,
        ),
    }
    # Revisions of one party and period are written one at a time (the period's row lock).
    list(MonevPeriod.objects.select_for_update().filter(pk=period.pk).values_list("pk"))
    latest = SelfAssessment.objects.filter(period=period, party=party).order_by("-revision").first()
    if latest is not None and latest.status == AssessmentStatus.DRAFT:
        assessment = latest
        for name, value in values.items():
            setattr(assessment, name, value)
    else:
        assessment = SelfAssessment(
            period=period,
            party=party,
            revision=1 if latest is None else latest.revision + 1,
            created_by=user_or_none(actor),
            is_example=is_example,
            **values,
        )
    try:
        with transaction.atomic():
            audit.save_with_history(assessment, actor=actor, action=AuditAction.MONEV_SELF_ASSESSMENT_SAVED)
    except IntegrityError as exc:  # another official started the same revision at the same moment
        raise Conflict(
            "monev.assessment_changed",
            "Evaluasi mandiri ini baru saja diubah orang lain. Tidak ada yang diubah; muat ulang lalu periksa.",
            "This self-assessment was just changed by someone else. Nothing was changed; reload and check.",
        ) from exc
    audit.record(
        actor=actor,
        action=AuditAction.MONEV_SELF_ASSESSMENT_SAVED,
        obj=assessment,
        new={
            "period": period.pk,
            "party": party.pk,
            "revision": assessment.revision,
            "progress_percent": str(values["progress_percent"]),
            "budget_realised": str(values["budget_realised"])
            if values["budget_realised"] is not None
            else None,
        },
    )
    if submit:
        assessment = submit_self_assessment(actor=actor, assessment=assessment)
    return assessment


@transaction.atomic
def submit_self_assessment(*, actor: Actor, assessment: SelfAssessment) -> SelfAssessment:
    """Submit a draft: from now on it is fixed (a correction is a new revision). Compare-and-swap on the
    status: a second submission of the same draft is a 409 ``monev.assessment_changed``."""
    party = AgreementParty.objects.select_related("region", "organisation").get(pk=assessment.party_id)
    require(actor, "monev.self_assess", party)
    return transition(
        assessment,
        actor=actor,
        action=AuditAction.MONEV_SELF_ASSESSMENT_SUBMITTED,
        expected=AssessmentStatus.DRAFT,
        target=AssessmentStatus.SUBMITTED,
        stamps={"submitted_at": timezone.now(), "submitted_by": user_or_none(actor)},
        conflict_code="monev.assessment_changed",
    )


# --- evaluations ---


def _duplicate(code: str, what_id: str, what_en: str) -> Conflict:
    return Conflict(
        code,
        f"{what_id} untuk periode ini sudah tercatat.",
        f"{what_en} for this period is already recorded.",
        [ErrorDetail("rating", "Sudah tercatat.", "Already recorded.")],
    )


@transaction.atomic
def record_tkksd_evaluation(
    *,
    actor: Actor,
    period: MonevPeriod,
    party: AgreementParty,
    rating: str,
    notes: str = "",
    decision: Any = None,
    meeting_ref: str = "",
    is_example: bool = False,
    today: date | None = None,
) -> TkksdEvaluation:
    """Record the party region's TKKSD evaluation of the period (rating and notes), linked to the TKKSD's
    decision on this period (a decision on subject ``monev.monevperiod`` in a held meeting of that region's
    TKKSD) or, without one, to a meeting reference. One per party and period."""
    require(actor, "monev.evaluate_tkksd", party)
    today = today or timezone.localdate()
    _check_period(period, party, today)
    if party.region_id is None:
        raise field_error(
            "monev.party_not_region",
            "party",
            "Evaluasi TKKSD hanya untuk pihak daerah.",
            "A TKKSD evaluation is only for a region party.",
        )
    rating = _rating(rating)
    notes = _text(notes, field="notes", label_id="Catatan", label_en="Notes", limit=TEXT_MAX_LENGTH)
    meeting_ref = " ".join((meeting_ref or "").split())[:REF_MAX_LENGTH]
    if decision is not None:
        from kerjasama.monev.subjects import PERIOD_SUBJECT

        meeting = decision.meeting
        if (
            decision.subject_type != PERIOD_SUBJECT
            or decision.subject_id != str(period.pk)
            or meeting.region_id != party.region_id
        ):
            raise field_error(
                "monev.decision_mismatch",
                "decision",
                "Keputusan TKKSD itu bukan keputusan TKKSD daerah pihak ini atas periode monev ini.",
                "That TKKSD decision is not this party region's TKKSD decision on this monev period.",
            )
        meeting_ref = meeting_ref or f"Rapat TKKSD {meeting.meeting_date:%d-%m-%Y}"
    if TkksdEvaluation.objects.filter(period=period, party=party).exists():
        raise _duplicate("monev.tkksd_evaluation_exists", "Evaluasi TKKSD", "The TKKSD evaluation")
    evaluation = TkksdEvaluation(
        period=period,
        party=party,
        rating=rating,
        notes=notes,
        decision=decision,
        meeting_ref=meeting_ref,
        evaluated_at=timezone.now(),
        evaluated_by=user_or_none(actor),
        is_example=is_example,
    )
    try:
        with transaction.atomic():
            audit.save_with_history(evaluation, actor=actor, action=AuditAction.MONEV_TKKSD_EVALUATED)
    except IntegrityError as exc:
        raise _duplicate("monev.tkksd_evaluation_exists", "Evaluasi TKKSD", "The TKKSD evaluation") from exc
    audit.record(
        actor=actor,
        action=AuditAction.MONEV_TKKSD_EVALUATED,
        obj=evaluation,
        new={
            "period": period.pk,
            "party": party.pk,
            "rating": rating,
            "decision": decision.pk if decision is not None else None,
            "meeting_ref": meeting_ref,
        },
    )
    return evaluation


@transaction.atomic
def record_governor_evaluation(
    *,
    actor: Actor,
    period: MonevPeriod,
    rating: str,
    notes: str = "",
    province: Region | None = None,
    is_example: bool = False,
    today: date | None = None,
) -> GovernorEvaluation:
    """Record the evaluation of the governor's office (GWPP) of the actor's province for this period (UU
    23/2014 Pasal 368; PP 12/2017 Pasal 24(1)). ``province`` is needed only when the system or an admin
    records it; a governor's office always records for its own province."""
    agreement = period.agreement
    require(actor, "monev.evaluate_governor", agreement)
    today = today or timezone.localdate()
    _check_period(period, None, today)
    code = governor_province(actor) if hasattr(actor, "role") else None
    if code is None and province is not None:
        code = province.code
    parties = list(agreement.parties.all())
    if code is None or not any(
        p.region_id and (p.region_id == code or str(p.region_id).startswith(code + ".")) for p in parties
    ):
        raise field_error(
            "monev.province_not_party",
            "province",
            "Tidak ada pihak kerja sama ini di provinsi tersebut. " + BASIS_ID,
            "No party of this agreement lies in that province. " + BASIS_EN,
        )
    rating = _rating(rating)
    notes = _text(notes, field="notes", label_id="Catatan", label_en="Notes", limit=TEXT_MAX_LENGTH)
    if GovernorEvaluation.objects.filter(period=period, province_id=code).exists():
        raise _duplicate("monev.governor_evaluation_exists", "Evaluasi gubernur", "The governor's evaluation")
    evaluation = GovernorEvaluation(
        period=period,
        province_id=code,
        rating=rating,
        notes=notes,
        evaluated_at=timezone.now(),
        evaluated_by=user_or_none(actor),
        is_example=is_example,
    )
    try:
        with transaction.atomic():
            audit.save_with_history(evaluation, actor=actor, action=AuditAction.MONEV_GOVERNOR_EVALUATED)
    except IntegrityError as exc:
        raise _duplicate(
            "monev.governor_evaluation_exists", "Evaluasi gubernur", "The governor's evaluation"
        ) from exc
    audit.record(
        actor=actor,
        action=AuditAction.MONEV_GOVERNOR_EVALUATED,
        obj=evaluation,
        new={"period": period.pk, "province": code, "rating": rating},
    )
    return evaluation
