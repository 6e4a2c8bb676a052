"""Every change to obligations (house rule 2): keyword-only, a typed ``actor``, ``transaction.atomic``, a
policy check (``obligations.rules``), row history, an audit event, notifications on commit.

The obligations are the parties' rights and obligations (*hak dan kewajiban*) stated in the PKS (UU 23/2014
Pasal 366(2); PP 28/2018 Pasal 6(4), 19(2); the clause list typical of Permendagri 22/2020 [U]). They are
entered while the agreement is in force (*pelaksanaan*). Occurrences (*jatuh tempo*) are generated for a
horizon (``KERJASAMA_OBLIGATION_HORIZON_MONTHS``, default 24 months; the regulation sets none), idempotently:
one row per obligation and due date (a unique constraint), so generating twice adds nothing.

Status changes of an occurrence go through ``core.transitions.transition`` (compare-and-swap on ``status``):
two officials recording the same fulfilment at once produce one fulfilment and one 409.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery, prefetch_related_objects
from django.utils import timezone

from kerjasama.accounts.choices import GOVERNMENT_KINDS, Role
from kerjasama.accounts.heads import ladder_recipients
from kerjasama.accounts.models import User
from kerjasama.accounts.policy import can, require
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.notices import PARTY_ROLES, party_people
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor, is_system, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import (
    Conflict,
    ErrorDetail,
    KerjasamaError,
    NotFound,
    PermissionDenied,
    reject_unknown_fields,
)
from kerjasama.core.numbers import NumberInputError, parse_decimal
from kerjasama.core.transitions import choice_labels, conflict_error, transition
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import Notice, notify_many, notify_notice
from kerjasama.obligations.choices import (
    OPEN_STATUSES,
    ConfirmationOutcome,
    DueStatus,
    EscalationLevel,
    ObligationKind,
    Recurrence,
)
from kerjasama.obligations.domain.recurrence import add_months, occurrences, occurrences_after
from kerjasama.obligations.models import (
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    UNIT_MAX_LENGTH,
    DueEscalation,
    FulfilmentConfirmation,
    Obligation,
    ObligationDue,
)

logger = logging.getLogger(__name__)

OBJECT_TYPE = "obligations.obligation"
#: Rows per set-based step of the daily run (a constant number of queries per chunk).
CHUNK = 500
#: Where obligations may be entered and corrected: the agreement is in force.
MANAGE_STAGES = (AgreementStage.PELAKSANAAN,)
#: Where fulfilments may still be recorded, confirmed or waived (an ended agreement settles what it owed).
SETTLE_STAGES = (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)
EDITABLE_FIELDS = {
    "title",
    "description",
    "owner_unit",
    "kind",
    "amount",
    "recurrence",
    "first_due",
    "last_due",
    "source_clause",
}


# -- settings and errors ------------------------------------------------------------------------------------


def horizon_months() -> int:
    """Months of occurrences generated ahead (``KERJASAMA_OBLIGATION_HORIZON_MONTHS``; default 24)."""
    return max(1, int(getattr(settings, "KERJASAMA_OBLIGATION_HORIZON_MONTHS", 24)))


def escalation_days() -> list[int]:
    """Days late at which each step of the ladder is taken (``KERJASAMA_OBLIGATION_ESCALATION_DAYS``; default
    0, 7, 30: reminder to the owner, escalation, partner and governor's office). Issue 11 makes the ladder a
    setting: no regulation sets it. At most one value per :class:`EscalationLevel`."""
    raw = getattr(settings, "KERJASAMA_OBLIGATION_ESCALATION_DAYS", [0, 7, 30])
    return [max(0, int(d)) for d in list(raw)[: len(EscalationLevel)]]


def bad_input(code: str, message_id: str, message_en: str, location: str | None = None) -> KerjasamaError:
    details = [ErrorDetail(location, message_id, message_en)] if location else []
    return KerjasamaError(f"obligations.{code}", message_id, message_en, details)


def not_found() -> NotFound:
    return NotFound("obligations.not_found", "Kewajiban tidak ditemukan.", "The obligation was not found.")


def _text(name: str, value: Any, limit: int = TEXT_MAX_LENGTH, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise bad_input(
            "text_too_long",
            f"Isian '{name}' terlalu panjang: {len(text)} karakter, paling banyak {limit}.",
            f"Field '{name}' is too long: {len(text)} characters, at most {limit}.",
            name,
        )
    if required and not text:
        raise bad_input("required", f"Isian '{name}' wajib diisi.", f"Field '{name}' is required.", name)
    return text


def _amount(value: Any) -> Decimal | None:
    """An amount in rupiah: a ``Decimal``, a number, or Indonesian text ("1.250.000,50", ``core.numbers``)."""
    if value is None or value == "":
        return None
    try:
        amount = parse_decimal(value) if isinstance(value, str) else Decimal(str(value))
    except NumberInputError as exc:
        raise bad_input("amount_invalid", exc.message_id, exc.message_en, "amount") from exc
    except InvalidOperation as exc:
        raise bad_input(
            "amount_invalid", "Jumlah bukan angka.", "The amount is not a number.", "amount"
        ) from exc
    if amount < 0 or amount.as_tuple().exponent < -2 or abs(amount) >= Decimal(10) ** 16:  # type: ignore[operator]
        raise bad_input(
            "amount_invalid",
            "Jumlah harus tidak negatif, paling banyak 16 digit dan 2 desimal.",
            "The amount must be non-negative, at most 16 digits and 2 decimals.",
            "amount",
        )
    return amount


def _require_stage(agreement: Agreement, stages: tuple[str, ...]) -> None:
    if agreement.stage not in stages:
        raise bad_input(
            "not_in_force",
            "Kewajiban hanya dicatat pada kerja sama yang sedang berlaku (pelaksanaan).",
            "Obligations are recorded only on an agreement in force (pelaksanaan).",
            "agreement",
        )


def _check_schedule(
    *, agreement: Agreement, kind: str, recurrence: str, first_due: date | None, last_due: date | None
) -> None:
    if kind not in ObligationKind.values:
        raise bad_input(
            "kind_invalid", f"Jenis kewajiban tidak dikenal: {kind}.", f"Unknown kind: {kind}.", "kind"
        )
    if recurrence not in Recurrence.values:
        raise bad_input(
            "recurrence_invalid",
            f"Pengulangan tidak dikenal: {recurrence}.",
            f"Unknown recurrence: {recurrence}.",
            "recurrence",
        )
    if first_due is None:
        raise bad_input(
            "first_due_required",
            "Tanggal jatuh tempo pertama wajib diisi.",
            "The first due date is required.",
            "first_due",
        )
    last = last_due or agreement.term_end
    if last is not None and last < first_due:
        raise bad_input(
            "last_before_first",
            "Tanggal terakhir (atau akhir jangka waktu kerja sama) sebelum jatuh tempo pertama.",
            "The last date (or the agreement's term end) is before the first due date.",
            "last_due",
        )
    if recurrence != Recurrence.ONCE and last is None:
        raise bad_input(
            "last_due_required",
            "Kewajiban berulang memerlukan tanggal terakhir bila kerja sama tidak mencatat akhir jangka waktu.",
            "A recurring obligation needs a last date when the agreement records no term end.",
            "last_due",
        )


# -- occurrences -------------------------------------------------------------------------------------------


def schedule_of(obligation: Obligation, *, today: date) -> list[date]:
    """The due dates within the horizon: from the first due date to the earlier of the last date and today
    plus the horizon (never past the last date)."""
    bound = add_months(today, horizon_months())
    last = obligation.effective_last_due
    until = min(bound, last) if last is not None else bound
    return occurrences(obligation.first_due, until, obligation.recurrence)


def generate_dues(obligation: Obligation, *, today: date | None = None) -> int:
    """Create the missing occurrences within the horizon; returns how many were created (0 the second time).

    Idempotent by the unique (obligation, due date): rows that exist are left as they are, even under a
    concurrent run (``ignore_conflicts``)."""
    today = today or timezone.localdate()
    wanted = schedule_of(obligation, today=today)
    existing = set(obligation.dues.values_list("due_date", flat=True))
    missing = [ObligationDue(obligation=obligation, due_date=d) for d in wanted if d not in existing]
    ObligationDue.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def extend_horizons(*, today: date | None = None) -> int:
    """Move every obligation's horizon on to ``today`` (agreements in force); returns the rows created.

    Set-based (the daily ``kerjasama remind`` over a national register): one query reads every obligation
    with its latest occurrence (an index lookup each), and the occurrences after it up to the horizon are
    inserted in batches (``ignore_conflicts``: a concurrent run adds nothing twice). An obligation whose
    schedule changed has its occurrences regenerated by ``update_obligation`` itself (``generate_dues``)."""
    today = today or timezone.localdate()
    bound = add_months(today, horizon_months())
    created = 0
    latest = (
        ObligationDue.objects.filter(obligation=OuterRef("pk")).order_by("-due_date").values("due_date")[:1]
    )
    rows = (
        Obligation.objects.filter(agreement__stage=AgreementStage.PELAKSANAAN)
        .order_by("pk")
        .annotate(latest=Subquery(latest))
        .values_list("pk", "first_due", "last_due", "recurrence", "agreement__term_end", "latest")
    )
    missing: list[ObligationDue] = []
    for pk, first_due, last_due, recurrence, term_end, after in list(rows):
        last = last_due or term_end
        until = min(bound, last) if last is not None else bound
        missing += [
            ObligationDue(obligation_id=pk, due_date=day)
            for day in occurrences_after(first_due, after, until, recurrence)
        ]
        if len(missing) >= CHUNK:
            created += _insert_dues(missing)
            missing = []
    return created + _insert_dues(missing)


def _insert_dues(rows: list[ObligationDue]) -> int:
    ObligationDue.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


# -- notices -----------------------------------------------------------------------------------------------

EVENTS: dict[str, tuple[str, str]] = {
    "added": ("kewajiban baru dicatat", "obligation recorded"),
    "updated": ("kewajiban diperbarui", "obligation updated"),
    "fulfilled": (
        "pemenuhan kewajiban dicatat, menunggu konfirmasi",
        "fulfilment recorded, awaiting confirmation",
    ),
    "confirmed": ("pemenuhan kewajiban dikonfirmasi", "fulfilment confirmed"),
    "disputed": ("pemenuhan kewajiban disanggah", "fulfilment disputed"),
    "waived": ("kewajiban dibebaskan", "obligation waived"),
    "late_0": ("kewajiban terlambat: pengingat", "obligation late: reminder"),
    "late_1": ("ESKALASI: kewajiban masih terlambat", "ESCALATION: obligation still late"),
    "late_2": (
        "kewajiban terlambat, diteruskan kepada mitra dan kantor gubernur",
        "obligation late, passed to the partner and the governor's office",
    ),
}


def obligations_url(agreement_id: int) -> str:
    return f"/kerja-sama/{agreement_id}/kewajiban/"


def _actor_name(actor: Actor) -> str:
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)


@functools.lru_cache(maxsize=32)
def _stage_labels(stage: str) -> tuple[str, str]:
    """An agreement stage's Indonesian and English labels (fixed texts; kept: a daily run names thousands)."""
    return choice_labels(Agreement, "stage")(stage)


def _notice(
    *,
    actor: Actor,
    obligation: Obligation,
    event: str,
    recipients: list[User],
    key: str,
    detail: str = "",
) -> Notice:
    """One notification through the agreements' kind (``agreements.agreement_updated``): its templates show
    the event and the reason, which here names the obligation and the due date."""
    agreement = obligation.agreement
    event_id, event_en = EVENTS[event]
    stage_id, stage_en = _stage_labels(agreement.stage)
    context: dict[str, Any] = {
        "agreement_title": agreement.title,
        "event": f"obligation_{event}",
        "event_id": f"{event_id} — {obligation.title}",
        "event_en": f"{event_en} — {obligation.title}",
        "stage": agreement.stage,
        "stage_id": stage_id,
        "stage_en": stage_en,
        "actor_name": _actor_name(actor),
    }
    if detail:
        context["reason"] = detail
    return Notice(
        recipients=recipients,
        kind=NotificationKind.AGREEMENT_UPDATED,
        obj_type=agreement._meta.label_lower,
        obj_id=agreement.pk,
        obj_label=str(agreement),
        context=context,
        url=obligations_url(agreement.pk),
        key=key,
        region=agreement.lead_region_id,
    )


def _tell(
    *,
    actor: Actor,
    obligation: Obligation,
    event: str,
    recipients: list[User],
    key: str,
    detail: str = "",
) -> list[int]:
    """Schedule one notice (:func:`_notice`) in the caller's transaction; the recipients' ids."""
    notice = _notice(
        actor=actor, obligation=obligation, event=event, recipients=recipients, key=key, detail=detail
    )
    return notify_notice(actor=actor, notice=notice)


def owner_people(party: AgreementParty) -> list[User]:
    """The obligated party's cooperation unit (a region party) or its organisation's users."""
    if party.region_id:
        q = Q(
            organisation__region_id=party.region_id,
            organisation__kind__in=GOVERNMENT_KINDS,
            role=Role.COOPERATION_OPERATOR,
        )
    else:
        q = Q(organisation_id=party.organisation_id)
    return list(User.objects.filter(q, is_active=True, organisation__is_active=True).order_by("pk"))


def governor_people(agreement: Agreement) -> list[User]:
    """The governor's office of each party region's province (the central government's representative,
    UU 23/2014 Pasal 91; PP 28/2018 Pasal 44(5) with PP 12/2017 Pasal 24 for the oversight of KSD)."""
    provinces = sorted({str(p.region_id).split(".")[0] for p in agreement.parties.all() if p.region_id})
    if not provinces:
        return []
    return list(
        User.objects.filter(
            organisation__region_id__in=provinces,
            organisation__kind__in=GOVERNMENT_KINDS,
            role=Role.GOVERNOR_OFFICE,
            is_active=True,
            organisation__is_active=True,
        ).order_by("pk")
    )


def _others(obligation: Obligation) -> list[AgreementParty]:
    return [p for p in obligation.agreement.parties.all() if p.pk != obligation.party_id]


# -- obligations -------------------------------------------------------------------------------------------


def _load_agreement(agreement: Agreement) -> Agreement:
    try:
        return Agreement.objects.prefetch_related("parties").get(pk=agreement.pk)
    except Agreement.DoesNotExist as exc:
        raise not_found() from exc


@transaction.atomic
def add_obligation(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    title: str,
    kind: str,
    recurrence: str,
    first_due: date | None,
    last_due: date | None = None,
    amount: Any = None,
    description: str = "",
    owner_unit: str = "",
    source_clause: str = "",
    is_example: bool = False,
    today: date | None = None,
) -> Obligation:
    """Record an obligation of ``party`` (by an official of any party; the agreement in *pelaksanaan*) and
    generate its occurrences within the horizon."""
    fresh = _load_agreement(agreement)
    require(actor, "obligations.manage", fresh)
    _require_stage(fresh, MANAGE_STAGES)
    if party.agreement_id != fresh.pk:
        raise bad_input(
            "party_not_of_agreement",
            "Pihak itu bukan pihak kerja sama ini.",
            "That party is not a party of this agreement.",
            "party",
        )
    _check_schedule(agreement=fresh, kind=kind, recurrence=recurrence, first_due=first_due, last_due=last_due)
    assert first_due is not None
    obligation = Obligation(
        agreement=fresh,
        party=party,
        title=_text("title", title, TITLE_MAX_LENGTH, required=True),
        description=_text("description", description),
        owner_unit=_text("owner_unit", owner_unit, UNIT_MAX_LENGTH),
        kind=kind,
        amount=_amount(amount),
        recurrence=recurrence,
        first_due=first_due,
        last_due=last_due,
        source_clause=_text("source_clause", source_clause),
        is_example=is_example,
        created_by=user_or_none(actor),
    )
    obligation._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    obligation.save()
    created = generate_dues(obligation, today=today)
    audit.record(
        actor=actor,
        action=AuditAction.OBLIGATION_ADDED,
        obj=obligation,
        new={
            "agreement": fresh.pk,
            "party": party.pk,
            "kind": kind,
            "recurrence": recurrence,
            "first_due": first_due.isoformat(),
            "last_due": last_due.isoformat() if last_due else None,
            "amount": str(obligation.amount) if obligation.amount is not None else None,
            "occurrences": created,
        },
    )
    _tell(
        actor=actor,
        obligation=obligation,
        event="added",
        recipients=party_people(list(fresh.parties.all())),
        key=f"obligation:{obligation.pk}:added",
    )
    return obligation


@transaction.atomic
def update_obligation(
    *,
    actor: Actor,
    obligation: Obligation,
    expected_version: int | None,
    today: date | None = None,
    **changes: Any,
) -> Obligation:
    """Correct an obligation (optimistic lock on ``version``: a stale form is a 409). A changed schedule
    removes the open occurrences from today on that are no longer in it (nothing fulfilled, waived, late or
    answered is ever removed) and generates the new ones."""
    reject_unknown_fields(changes, EDITABLE_FIELDS, app="obligations")
    today = today or timezone.localdate()
    fresh_agreement = _load_agreement(obligation.agreement)
    require(actor, "obligations.manage", fresh_agreement)
    _require_stage(fresh_agreement, MANAGE_STAGES)
    current = Obligation.objects.filter(pk=obligation.pk).values_list("version", flat=True).first()
    if current is None:
        raise not_found()
    seen = expected_version if expected_version is not None else current
    claimed = Obligation.objects.filter(pk=obligation.pk, version=seen).update(version=seen + 1)
    if not claimed:
        raise Conflict(
            "obligations.version_conflict",
            "Kewajiban ini baru saja diubah orang lain. Tidak ada yang diubah; muat ulang lalu periksa kembali.",
            "This obligation was changed by someone a moment ago. Nothing was changed; reload and check again.",
        )
    fresh = Obligation.objects.select_related("agreement").get(pk=obligation.pk)
    old = {name: getattr(fresh, name) for name in changes}
    for name, value in changes.items():
        if name == "amount":
            value = _amount(value)
        elif name == "title":
            value = _text("title", value, TITLE_MAX_LENGTH, required=True)
        elif name == "owner_unit":
            value = _text("owner_unit", value, UNIT_MAX_LENGTH)
        elif name in ("description", "source_clause"):
            value = _text(name, value)
        setattr(fresh, name, value)
    fresh.agreement = fresh_agreement
    _check_schedule(
        agreement=fresh_agreement,
        kind=fresh.kind,
        recurrence=fresh.recurrence,
        first_due=fresh.first_due,
        last_due=fresh.last_due,
    )
    fresh._history_user = user_or_none(actor)
    fresh.save()
    wanted = set(schedule_of(fresh, today=today))
    stale = fresh.dues.filter(
        status=DueStatus.PENDING, due_date__gte=today, confirmations__isnull=True
    ).exclude(due_date__in=wanted)
    removed = stale.count()
    stale.delete()
    created = generate_dues(fresh, today=today)

    def plain(value: Any) -> Any:
        return (
            value.isoformat()
            if isinstance(value, date)
            else (str(value) if isinstance(value, Decimal) else value)
        )

    audit.record(
        actor=actor,
        action=AuditAction.OBLIGATION_UPDATED,
        obj=fresh,
        old={k: plain(v) for k, v in old.items()},
        new={**{k: plain(getattr(fresh, k)) for k in changes}, "removed": removed, "created": created},
    )
    _tell(
        actor=actor,
        obligation=fresh,
        event="updated",
        recipients=party_people(list(fresh_agreement.parties.all())),
        key=f"obligation:{fresh.pk}:updated:v{fresh.version}",
    )
    return fresh


# -- occurrences: fulfil, confirm/dispute, waive -----------------------------------------------------------


def _load_due(due: ObligationDue) -> ObligationDue:
    try:
        return ObligationDue.objects.select_related(
            "obligation__agreement", "obligation__party__region", "obligation__party__organisation"
        ).get(pk=due.pk)
    except ObligationDue.DoesNotExist as exc:
        raise not_found() from exc


def _due_conflict(fresh: ObligationDue, expected: str) -> Conflict:
    return conflict_error(
        ObligationDue,
        code="obligations.due_conflict",
        field="status",
        expected=expected,
        current=fresh.status,
        describe=choice_labels(ObligationDue, "status"),
    )


def _open_status(fresh: ObligationDue) -> str:
    if fresh.status not in OPEN_STATUSES:
        raise _due_conflict(fresh, DueStatus.PENDING)
    return fresh.status


@transaction.atomic
def record_fulfilment(
    *,
    actor: Actor,
    due: ObligationDue,
    fulfilled_on: date | None = None,
    note: str = "",
    evidence: Any = None,
) -> ObligationDue:
    """The obligated party records that it fulfilled an occurrence (paid, delivered, reported), optionally
    with its evidence (a ``documents.Document`` attached to the obligation). The other parties are asked to
    confirm it."""
    fresh = _load_due(due)
    obligation = fresh.obligation
    require(actor, "obligations.fulfil", obligation)
    _require_stage(obligation.agreement, SETTLE_STAGES)
    fulfilled_on = fulfilled_on or timezone.localdate()
    if fulfilled_on > timezone.localdate():
        raise bad_input(
            "fulfilled_in_future",
            "Tanggal pemenuhan tidak boleh di masa depan.",
            "The fulfilment date cannot be in the future.",
            "fulfilled_on",
        )
    if evidence is not None and (
        evidence.object_type != OBJECT_TYPE or evidence.object_id != str(obligation.pk)
    ):
        raise bad_input(
            "evidence_not_attached",
            "Berkas bukti itu tidak dilampirkan pada kewajiban ini.",
            "That evidence file is not attached to this obligation.",
            "evidence",
        )
    expected = _open_status(fresh)
    transition(
        fresh,
        actor=actor,
        action=AuditAction.OBLIGATION_FULFILLED,
        expected=expected,
        target=DueStatus.FULFILLED,
        conflict_code="obligations.due_conflict",
        stamps={
            "fulfilled_on": fulfilled_on,
            "fulfilment_note": _text("note", note),
            "evidence": evidence,
            "fulfilled_by": user_or_none(actor),
        },
        reason=note,
    )
    _tell(
        actor=actor,
        obligation=obligation,
        event="fulfilled",
        recipients=party_people(_others(obligation)),
        key=f"obligation-due:{fresh.pk}:fulfilled",
        detail=f"{fresh.due_date:%d-%m-%Y}",
    )
    return fresh


def counterparty_of(
    actor: Actor, obligation: Obligation, party: AgreementParty | None = None
) -> AgreementParty:
    """The party (other than the obligated one) the actor answers for: ``party`` if given, else the first
    the actor speaks for (``SYSTEM`` and system administrators: the first other party)."""
    from kerjasama.agreements.rules import speaks_for_party

    others = _others(obligation)
    if party is not None:
        match = next((p for p in others if p.pk == party.pk), None)
        if match is None:
            raise bad_input(
                "not_a_counterparty",
                "Pihak itu bukan pihak lain dari kewajiban ini.",
                "That party is not another party of this obligation.",
                "party",
            )
        if (
            not is_system(actor)
            and not speaks_for_party(actor, match)
            and not can(actor, "obligations.confirm", obligation)
        ):
            raise PermissionDenied("obligations.confirm")
        return match
    own = [p for p in others if not is_system(actor) and speaks_for_party(actor, p)]
    if own:
        return own[0]
    if others:
        return others[0]
    raise bad_input(
        "no_counterparty",
        "Kerja sama ini tidak memiliki pihak lain.",
        "This agreement has no other party.",
        "party",
    )


@transaction.atomic
def answer_fulfilment(
    *,
    actor: Actor,
    due: ObligationDue,
    outcome: str,
    note: str = "",
    party: AgreementParty | None = None,
) -> FulfilmentConfirmation:
    """Another party confirms (payment received, service delivered) or disputes a recorded fulfilment. Each
    answer is a new row: a dispute after a confirmation (or the reverse) is added, never written over it. A
    dispute needs a note saying what is wrong."""
    fresh = _load_due(due)
    obligation = fresh.obligation
    require(actor, "obligations.confirm", obligation)
    _require_stage(obligation.agreement, SETTLE_STAGES)
    if outcome not in ConfirmationOutcome.values:
        raise bad_input(
            "outcome_invalid", f"Jawaban tidak dikenal: {outcome}.", f"Unknown outcome: {outcome}.", "outcome"
        )
    text = _text("note", note, required=outcome == ConfirmationOutcome.DISPUTED)
    if fresh.status != DueStatus.FULFILLED:
        raise _due_conflict(fresh, DueStatus.FULFILLED)
    answering = counterparty_of(actor, obligation, party)
    row = FulfilmentConfirmation.objects.create(
        due=fresh, party=answering, outcome=outcome, note=text, recorded_by=user_or_none(actor)
    )
    audit.record(
        actor=actor,
        action=AuditAction.OBLIGATION_CONFIRMED,
        obj=fresh,
        new={"outcome": outcome, "party": answering.pk, "confirmation": row.pk},
        reason=text,
    )
    _tell(
        actor=actor,
        obligation=obligation,
        event=str(outcome),
        recipients=owner_people(obligation.party),
        key=f"obligation-confirmation:{row.pk}",
        detail=f"{fresh.due_date:%d-%m-%Y}" + (f": {text}" if text else ""),
    )
    return row


def confirm_fulfilment(
    *, actor: Actor, due: ObligationDue, note: str = "", party: AgreementParty | None = None
) -> FulfilmentConfirmation:
    return answer_fulfilment(
        actor=actor, due=due, outcome=ConfirmationOutcome.CONFIRMED, note=note, party=party
    )


def dispute_fulfilment(
    *, actor: Actor, due: ObligationDue, note: str, party: AgreementParty | None = None
) -> FulfilmentConfirmation:
    return answer_fulfilment(
        actor=actor, due=due, outcome=ConfirmationOutcome.DISPUTED, note=note, party=party
    )


@transaction.atomic
def waive_due(*, actor: Actor, due: ObligationDue, reason: str) -> ObligationDue:
    """The party the occurrence is owed to releases it, with a reason (see ``obligations.rules``: a claim is
    released by its creditor, not by the debtor)."""
    fresh = _load_due(due)
    obligation = fresh.obligation
    require(actor, "obligations.waive", obligation)
    _require_stage(obligation.agreement, SETTLE_STAGES)
    text = _text("reason", reason, required=True)
    expected = _open_status(fresh)
    transition(
        fresh,
        actor=actor,
        action=AuditAction.OBLIGATION_WAIVED,
        expected=expected,
        target=DueStatus.WAIVED,
        conflict_code="obligations.due_conflict",
        stamps={"waived_reason": text},
        reason=text,
    )
    _tell(
        actor=actor,
        obligation=obligation,
        event="waived",
        recipients=owner_people(obligation.party),
        key=f"obligation-due:{fresh.pk}:waived",
        detail=f"{fresh.due_date:%d-%m-%Y}: {text}",
    )
    return fresh


# -- the daily escalation ----------------------------------------------------------------------------------


@dataclass
class EscalationReport:
    """What one run of :func:`escalate_late` did (``as_dict`` for the ``kerjasama remind`` JSON)."""

    today: date
    marked_late: int = 0
    escalations: int = 0
    already_escalated: int = 0
    notifications: int = 0

    def as_dict(self, by_level: dict[str, int]) -> dict[str, Any]:
        return {
            "date": self.today.isoformat(),
            "marked_late": self.marked_late,
            "escalations": self.escalations,
            "escalations_by_level": by_level,
            "already_escalated": self.already_escalated,
            "notifications": self.notifications,
        }


LEVEL_NAMES = {
    EscalationLevel.REMINDER: "reminder",
    EscalationLevel.ESCALATION: "escalation",
    EscalationLevel.PARTNER_AND_GOVERNOR: "partner_governor",
}


class _People:
    """Who hears of each step (the people ``owner_people``, ``party_people`` and ``governor_people`` name),
    read for a whole chunk in one query (``prime``) and kept for the run: the regions and organisations of a
    national register, not one query per occurrence."""

    def __init__(self) -> None:
        self._regions: dict[str, list[User]] = {}
        self._organisations: dict[int, list[User]] = {}

    def prime(self, dues: list[ObligationDue]) -> None:
        regions: set[str] = set()
        organisations: set[int] = set()
        for due in dues:
            for party in due.obligation.agreement.parties.all():
                if party.region_id:
                    regions.update((party.region_id, str(party.region_id).split(".")[0]))
                if party.organisation_id:
                    organisations.add(party.organisation_id)
        regions -= set(self._regions)
        organisations -= set(self._organisations)
        if not regions and not organisations:
            return
        q = Q(organisation__region_id__in=sorted(regions), organisation__kind__in=GOVERNMENT_KINDS)
        q |= Q(organisation_id__in=sorted(organisations))
        self._regions.update({code: [] for code in regions})
        self._organisations.update({pk: [] for pk in organisations})
        users = User.objects.filter(q, is_active=True, organisation__is_active=True).select_related(
            "organisation"
        )
        for user in users.order_by("pk"):
            organisation = user.organisation
            assert organisation is not None
            if organisation.pk in organisations:
                self._organisations[organisation.pk].append(user)
            if organisation.region_id in regions and organisation.kind in GOVERNMENT_KINDS:
                self._regions[organisation.region_id].append(user)

    def _in(self, party: AgreementParty, roles: tuple[str, ...]) -> list[User]:
        if party.region_id:
            return [u for u in self._regions.get(party.region_id, []) if u.role in roles]
        return list(self._organisations.get(party.organisation_id or 0, []))

    def owners(self, party: AgreementParty) -> list[User]:
        return self._in(party, (Role.COOPERATION_OPERATOR,))

    def party(self, party: AgreementParty) -> list[User]:
        return self._in(party, PARTY_ROLES)

    def governors(self, agreement: Agreement) -> list[User]:
        provinces = {str(p.region_id).split(".")[0] for p in agreement.parties.all() if p.region_id}
        return [
            u
            for code in sorted(provinces)
            for u in self._regions.get(code, [])
            if u.role == Role.GOVERNOR_OFFICE
        ]

    def of(self, level: int, due: ObligationDue) -> list[User]:
        obligation = due.obligation
        if level in (EscalationLevel.REMINDER, EscalationLevel.ESCALATION):
            escalation = level == EscalationLevel.ESCALATION
            return ladder_recipients(self.owners(obligation.party), escalation=escalation)
        people = {u.pk: u for other in _others(obligation) for u in self.party(other)}
        people.update({u.pk: u for u in self.governors(obligation.agreement)})
        people.update({u.pk: u for u in self.owners(obligation.party)})
        return [people[k] for k in sorted(people)]


def _mark_late(chunk: list[int], *, today: date, actor: Actor) -> int:
    """Mark the still pending occurrences of ``chunk`` late in one transaction: a compare-and-swap ``UPDATE``
    on the status (one fulfilled or waived meanwhile is left alone), a history row each (as
    ``core.transitions.transition`` writes it) in a batched insert, and one audit event for the chunk."""
    with transaction.atomic():
        rows = list(
            ObligationDue.objects.select_for_update()
            .filter(pk__in=chunk, status=DueStatus.PENDING)
            .order_by("pk")
        )
        if not rows:
            return 0
        now = timezone.now()
        ObligationDue.objects.filter(pk__in=[r.pk for r in rows], status=DueStatus.PENDING).update(
            status=DueStatus.LATE, updated_at=now
        )
        for row in rows:
            row.status, row.updated_at = DueStatus.LATE, now
        ObligationDue.history.bulk_history_create(
            rows,
            update=True,
            default_user=user_or_none(actor),
            default_change_reason=AuditAction.OBLIGATION_LATE.value,
            default_date=now,
        )
        # One audit event per chunk naming its occurrences (a daily catch-up marks thousands); each occurrence
        # has its own history row with the action as the change reason.
        audit.record(
            actor=actor,
            action=AuditAction.OBLIGATION_LATE,
            object_type=ObligationDue._meta.label_lower,
            object_label=f"{len(rows)} jatuh tempo terlambat / occurrences late ({today.isoformat()})",
            old={"status": DueStatus.PENDING.value},
            new={"status": DueStatus.LATE.value, "dues": [row.pk for row in rows]},
        )
        return len(rows)


#: What a step reads of an occurrence, its obligation, agreement and party (not the agreements' whole rows).
ESCALATION_FIELDS = (
    "due_date",
    "status",
    "obligation__title",
    "obligation__agreement_id",
    "obligation__party_id",
    "obligation__agreement__title",
    "obligation__agreement__number",
    "obligation__agreement__stage",
    "obligation__agreement__lead_region_id",
    "obligation__party__region_id",
    "obligation__party__organisation_id",
)


def _escalate_chunk(
    chunk: list[int], level: int, *, today: date, actor: Actor, people: _People
) -> tuple[int, int, int]:
    """Take step ``level`` for the late occurrences of ``chunk`` in one transaction; returns (taken, taken
    before, notifications). The occurrences are locked first, then the steps already recorded are read, so a
    concurrent run that took some of them has committed and they are skipped (the unique (occurrence, level)
    row is the last guard). The outbox rows of the notices commit with the steps, so a run killed mid-way
    loses no notice and repeats none (``notifications.PendingNotification``: the hourly redelivery sends what
    a killed worker left)."""
    with transaction.atomic():
        dues = list(
            ObligationDue.objects.select_for_update(of=("self",))
            .filter(pk__in=chunk, status=DueStatus.LATE)
            .select_related("obligation__agreement", "obligation__party")
            .only(*ESCALATION_FIELDS)
            .order_by("pk")
        )
        taken = set(
            DueEscalation.objects.filter(due_id__in=[d.pk for d in dues], level=level).values_list(
                "due_id", flat=True
            )
        )
        todo = [d for d in dues if d.pk not in taken]
        if not todo:
            return 0, len(taken), 0
        prefetch_related_objects([d.obligation.agreement for d in todo], "parties")
        people.prime(todo)
        notices = []
        for due in todo:
            days_late = (today - due.due_date).days
            notices.append(
                _notice(
                    actor=actor,
                    obligation=due.obligation,
                    event=f"late_{level}",
                    recipients=people.of(level, due),
                    key=f"obligation-due:{due.pk}:late:{level}",
                    detail=f"{due.due_date:%d-%m-%Y} · {days_late} hari terlambat / days late",
                )
            )
        sent = notify_many(actor=actor, notices=notices)
        DueEscalation.objects.bulk_create(
            [
                DueEscalation(
                    due=due,
                    level=level,
                    days_late=(today - due.due_date).days,
                    on_date=today,
                    recipients=len(ids),
                )
                for due, ids in zip(todo, sent, strict=True)
            ],
            batch_size=1000,
        )
        audit.record_many(
            [
                audit.build(
                    actor=actor,
                    action=AuditAction.OBLIGATION_ESCALATED,
                    obj=due,
                    new={"level": level, "days_late": (today - due.due_date).days, "recipients": len(ids)},
                )
                for due, ids in zip(todo, sent, strict=True)
            ]
        )
        return len(todo), len(taken), sum(len(ids) for ids in sent)


def escalate_late(today: date | None = None, *, actor: Actor = SYSTEM) -> dict[str, Any]:
    """The daily run (``kerjasama remind``): mark the pending occurrences past their due date late, then walk
    the escalation ladder (``KERJASAMA_OBLIGATION_ESCALATION_DAYS``, default 0/7/30 days late: a reminder to
    the obligated party's cooperation unit; an escalation flagged ESKALASI to the unit's heads
    (``User.is_unit_head``; the unit itself where it recorded none); then a notice to the other parties and
    the governor's office of the province, which from then on sees the occurrence flagged as escalated).
    Only agreements in force (*pelaksanaan*).

    Each step is recorded once per occurrence and level, so running it twice on a day notifies nobody twice.
    Set-based: chunks of ``CHUNK`` occurrences, a constant number of queries per chunk (plus one query per
    party region or province whose people are notified, memoised for the run).
    Returns ``{"date", "marked_late", "escalations", "escalations_by_level": {"reminder", "escalation",
    "partner_governor"}, "already_escalated", "notifications"}``.
    """
    today = today or timezone.localdate()
    report = EscalationReport(today=today)
    in_force = Q(obligation__agreement__stage=AgreementStage.PELAKSANAAN)
    newly_late = list(
        ObligationDue.objects.filter(in_force, status=DueStatus.PENDING, due_date__lt=today)
        .order_by("due_date", "pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(newly_late), CHUNK):
        report.marked_late += _mark_late(newly_late[start : start + CHUNK], today=today, actor=actor)
    by_level: dict[str, int] = {}
    people = _People()
    for level, days in enumerate(escalation_days()):
        name = LEVEL_NAMES[EscalationLevel(level)]
        by_level[name] = 0
        candidates = list(
            ObligationDue.objects.filter(
                in_force, status=DueStatus.LATE, due_date__lte=today - timedelta(days=days)
            )
            .exclude(escalations__level=level)
            .order_by("due_date", "pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(candidates), CHUNK):
            chunk = candidates[start : start + CHUNK]
            try:
                taken, before, sent = _escalate_chunk(chunk, level, today=today, actor=actor, people=people)
            except IntegrityError:  # a concurrent run took some of these steps first: read them again
                taken, before, sent = _escalate_chunk(chunk, level, today=today, actor=actor, people=people)
            report.escalations += taken
            report.already_escalated += before
            by_level[name] += taken
            report.notifications += sent
    return report.as_dict(by_level)
