"""Two officials at once: one wins, the other gets a clear conflict (409), never a server error, and the
loser writes nothing. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent
from kerjasama.tkksd import services
from kerjasama.tkksd.choices import MemberRole
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member
from kerjasama.tkksd.subjects import IDENTIFICATION

pytestmark = pytest.mark.django_db


def test_a_decision_recorded_by_someone_else_meanwhile_answers_a_conflict(
    persona: Any, held: Meeting, identification: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rival's decision lands after the service checked for one and before it inserts its own (the service
    names the decider in between): the unique constraint decides, the loser gets ``tkksd.decision_exists``."""
    real = services.user_or_none
    rivals: list[Decision] = []

    def after_a_rival(actor: Any) -> Any:
        if not rivals:
            rivals.append(
                Decision.objects.create(
                    meeting=held,
                    subject_type=IDENTIFICATION,
                    subject_id=str(identification.pk),
                    subject_label="rival",
                    outcome="approve",
                    decided_at=timezone.now(),
                )
            )
        return real(actor)

    monkeypatch.setattr(services, "user_or_none", after_a_rival)
    with pytest.raises(Conflict) as caught:
        services.record_decision(
            actor=persona("kabkota"),
            meeting=held,
            subject_type=IDENTIFICATION,
            subject_id=str(identification.pk),
            outcome="reject",
            reasons="Tidak layak",
        )
    assert rivals, "the race was not simulated"
    assert caught.value.code == "tkksd.decision_exists" and caught.value.http_status == 409
    # (The simulated rival ran inside this transaction, so it is rolled back with it; in life it committed.)
    assert not Decision.objects.filter(outcome="reject").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.TKKSD_DECISION_RECORDED).exists()


def test_two_holds_of_one_meeting_record_it_once(
    persona: Any, meeting: Meeting, team: dict[str, Any]
) -> None:
    first, second = Meeting.objects.get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)
    services.hold_meeting(actor=persona("kabkota"), meeting=first, attendee_ids=[team["chair"].pk])
    with pytest.raises(Conflict) as caught:
        services.hold_meeting(actor=persona("kabkota"), meeting=second, attendee_ids=[team["member"].pk])
    assert "Terlaksana" in caught.value.message_id
    assert list(Meeting.objects.get(pk=meeting.pk).attendees.all()) == [team["chair"]]
    assert AuditEvent.objects.filter(action=AuditAction.TKKSD_MEETING_HELD).count() == 1


def test_two_endings_of_one_decree_end_it_once(persona: Any, decree: Decree) -> None:
    today = timezone.localdate()
    first, second = Decree.objects.get(pk=decree.pk), Decree.objects.get(pk=decree.pk)
    services.end_decree(actor=persona("kabkota"), decree=first, end_date=today, reason="Diganti")
    with pytest.raises(Conflict):
        services.end_decree(actor=persona("kabkota"), decree=second, end_date=today, reason="Diganti juga")
    assert Decree.objects.get(pk=decree.pk).end_reason == "Diganti"


def test_the_database_keeps_one_chair_per_decree(team: dict[str, Any], decree: Decree) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(decree=decree, name="Ketua kedua", position="Asisten", role=MemberRole.CHAIR)
