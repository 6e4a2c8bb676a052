"""Lessons recorded at the closure of a dispute case (issue 12 item 7: the evidence base for the ministry's
dispute guideline, which Ditjen Bina Administrasi Kewilayahan began drafting in November 2023).

A lesson is recorded only on a CLOSED case (``bukan_wewenang``, ``damai``, ``dicabut``, ``selesai``) by its
parties, the resolver in effect or the ministry (``disputes.record_lesson``); it is as confidential as the case
and leaves the system only anonymised (``statistics.anonymise``) in the ministry's annual summary. No regulation
governs lessons learned: the guideline is still a draft [U], so this is the system's own record.
"""

from __future__ import annotations

import rules
from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.accounts.predicates import is_system_admin
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, describe_action
from kerjasama.disputes.choices import CLOSED_STAGES
from kerjasama.disputes.models import TEXT_MAX_LENGTH, Dispute, DisputeLesson
from kerjasama.disputes.rules import resolves_dispute, speaks_for_dispute_party
from kerjasama.disputes.services import _clean

rules.add_perm("disputes.record_lesson", is_system_admin | speaks_for_dispute_party | resolves_dispute)
describe_action(
    "disputes.record_lesson",
    "mencatat pelajaran dari perselisihan yang sudah ditutup (para pihak, penyelesai atau kementerian)",
    "record a lesson from a closed dispute (the parties, the resolver or the ministry)",
)


def not_closed() -> Conflict:
    return Conflict(
        "disputes.not_closed",
        "Pelajaran hanya dapat dicatat setelah perselisihan ditutup.",
        "A lesson can be recorded only once the dispute is closed.",
    )


def record_lesson(*, actor: Actor, dispute: Dispute, text: str) -> DisputeLesson:
    """Record a lesson learned on a closed case (``disputes.not_closed`` 409 on an open one)."""
    require(actor, "disputes.record_lesson", dispute)
    text = _clean("text", text, limit=TEXT_MAX_LENGTH)
    with transaction.atomic():
        # Read the stage under the transaction: a case reopened meanwhile cannot exist (closed stages are
        # terminal), but a stale object could still say "open" for a case closed since; the stored stage decides.
        stage = Dispute.objects.filter(pk=dispute.pk).values_list("stage", flat=True).first()
        if stage not in CLOSED_STAGES:
            raise not_closed()
        lesson = DisputeLesson(dispute=dispute, text=text, recorded_by=user_or_none(actor))
        audit.save_recorded(
            lesson,
            actor=actor,
            action=AuditAction.DISPUTE_LESSON_RECORDED,
            new={"dispute": dispute.pk, "text": text},
        )
    return lesson
