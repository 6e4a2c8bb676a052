"""Every change to a TKKSD goes through a service: policy, validation, history, audit, compare-and-swap."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.tkksd import services
from kerjasama.tkksd.choices import MeetingStatus, MemberRole
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member
from kerjasama.tkksd.selectors import active_decree, decisions_for, has_active_decree
from kerjasama.tkksd.subjects import IDENTIFICATION

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "sk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- decrees ---


def test_it_records_a_decree_with_its_document_history_and_audit(
    persona: Any, yogya: Any, start: Any
) -> None:
    decree = services.record_decree(
        actor=persona("kabkota"),
        region=yogya,
        number=" 100/002/2026 ",
        decree_date=start,
        period_start=start,
        upload=_pdf(),
    )
    assert decree.number == "100/002/2026" and decree.document is not None
    assert decree.document.object_type == "tkksd.decree" and decree.document.region_id == "34.71"
    # created, then the document attached: both rows are the operator's
    assert {h.history_user for h in decree.history.all()} == {persona("kabkota")}
    assert decree.history.latest().document_id == decree.document_id
    event = AuditEvent.objects.get(action=AuditAction.TKKSD_DECREE_RECORDED, object_id=str(decree.pk))
    assert event.new is not None
    assert event.new["number"] == "100/002/2026" and event.new["period_end"] is None
    assert active_decree("34.71") == decree and has_active_decree("34.71")


def test_it_refuses_a_decree_of_another_region(persona: Any, sleman: Any, start: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.record_decree(
            actor=persona("kabkota"), region=sleman, number="1", decree_date=start, period_start=start
        )
    assert not Decree.objects.exists()


@pytest.mark.parametrize("who", ["ministry", "province", "neighbour", "third_party", "auditor"])
def test_it_lets_only_the_regions_cooperation_unit_manage_its_team(
    persona: Any, yogya: Any, start: Any, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.record_decree(
            actor=persona(who), region=yogya, number="1", decree_date=start, period_start=start
        )


def test_it_refuses_an_overlapping_decree_and_names_the_one_in_force(
    persona: Any, decree: Decree, start: Any
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.record_decree(
            actor=persona("kabkota"),
            region=decree.region,
            number="100/003/2026",
            decree_date=start,
            period_start=start + timedelta(days=10),
        )
    assert caught.value.code == "tkksd.decree_overlap"
    assert "100/001/2026" in caught.value.message_id and "Permendagri 22/2020" in caught.value.message_id
    assert caught.value.details[0].location == "period_start"
    assert Decree.objects.count() == 1


def test_it_accepts_the_next_decree_once_the_earlier_one_is_ended(
    persona: Any, decree: Decree, start: Any
) -> None:
    today = timezone.localdate()
    services.end_decree(
        actor=persona("kabkota"), decree=decree, end_date=today - timedelta(days=1), reason="Diganti"
    )
    new = services.record_decree(
        actor=persona("kabkota"),
        region=decree.region,
        number="100/009/2026",
        decree_date=today,
        period_start=today,
    )
    assert active_decree("34.71") == new
    assert active_decree("34.71", on=today - timedelta(days=2)) == decree


def test_it_refuses_duplicate_numbers_future_dates_and_reversed_periods(persona: Any, decree: Decree) -> None:
    today = timezone.localdate()
    cases: list[tuple[dict[str, Any], str]] = [
        (
            {"number": "100/001/2026", "decree_date": today, "period_start": today + timedelta(days=400)},
            "tkksd.decree_number_taken",
        ),
        (
            {"number": "X", "decree_date": today + timedelta(days=1), "period_start": today},
            "tkksd.decree_in_future",
        ),
        (
            {
                "number": "X",
                "decree_date": today,
                "period_start": today,
                "period_end": today - timedelta(days=1),
            },
            "tkksd.period_invalid",
        ),
        ({"number": "  ", "decree_date": today, "period_start": today}, "tkksd.required"),
    ]
    for kwargs, code in cases:
        with pytest.raises(KerjasamaError) as caught:
            services.record_decree(actor=persona("kabkota"), region=decree.region, **kwargs)
        assert caught.value.code == code
    assert Decree.objects.count() == 1


def test_it_ends_a_decree_by_compare_and_swap(persona: Any, decree: Decree) -> None:
    today = timezone.localdate()
    stale = Decree.objects.get(pk=decree.pk)
    services.end_decree(actor=persona("kabkota"), decree=decree, end_date=today, reason="Dicabut")
    assert decree.period_end == today and decree.end_reason == "Dicabut"
    with pytest.raises(Conflict) as caught:
        services.end_decree(
            actor=persona("kabkota"), decree=stale, end_date=today - timedelta(days=1), reason="Lagi"
        )
    assert caught.value.code == "tkksd.decree_changed"
    event = AuditEvent.objects.get(action=AuditAction.TKKSD_DECREE_ENDED)
    assert event.old == {"period_end": None} and event.new == {"period_end": today.isoformat()}
    assert decree.history.latest().history_change_reason == AuditAction.TKKSD_DECREE_ENDED.value


def test_it_refuses_to_end_a_decree_before_a_meeting_it_held(persona: Any, held: Meeting) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.end_decree(
            actor=persona("kabkota"),
            decree=held.decree,
            end_date=held.meeting_date - timedelta(days=1),
            reason="Salah",
        )
    assert caught.value.code == "tkksd.held_meeting_after_end"
    assert Decree.objects.get(pk=held.decree_id).period_end is None


# --- members ---


def test_it_adds_members_with_one_chair(persona: Any, team: dict[str, Any], decree: Decree) -> None:
    with pytest.raises(Conflict) as caught:
        services.add_member(
            actor=persona("kabkota"), decree=decree, name="Lain", position="Asisten", role=MemberRole.CHAIR
        )
    assert caught.value.code == "tkksd.chair_taken"
    assert [m.role for m in decree.members.order_by("position_order")] == ["ketua", "sekretaris", "anggota"]
    assert AuditEvent.objects.filter(action=AuditAction.TKKSD_MEMBER_ADDED).count() == 3


def test_it_links_only_accounts_of_the_region(persona: Any, decree: Decree) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.add_member(
            actor=persona("kabkota"),
            decree=decree,
            name="X",
            position="Y",
            role="anggota",
            user=persona("neighbour"),
        )
    assert caught.value.code == "tkksd.user_invalid" and caught.value.details[0].location == "user"


def test_it_removes_a_member_once(persona: Any, team: dict[str, Any]) -> None:
    chair = team["chair"]
    stale = Member.objects.get(pk=chair.pk)
    services.remove_member(actor=persona("kabkota"), member=chair, reason="Mutasi jabatan")
    assert chair.removed_at is not None and chair.removal_reason == "Mutasi jabatan"
    with pytest.raises(Conflict):
        services.remove_member(actor=persona("kabkota"), member=stale, reason="Lagi")
    # a new chair may now be added
    services.add_member(
        actor=persona("kabkota"),
        decree=chair.decree,
        name="Sekda baru",
        position="Sekda",
        role=MemberRole.CHAIR,
    )


# --- meetings ---


def test_it_refuses_a_meeting_without_a_decree_in_force(persona: Any, yogya: Any) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.schedule_meeting(
            actor=persona("kabkota"), region=yogya, meeting_date=timezone.localdate(), place="A", agenda="B"
        )
    assert caught.value.code == "tkksd.no_active_decree"
    assert (
        "Permendagri 22/2020" in caught.value.message_id and "Permendagri 22/2020" in caught.value.message_en
    )
    assert not Meeting.objects.exists()


def test_it_holds_a_meeting_with_attendees_and_minutes(
    persona: Any, meeting: Meeting, team: dict[str, Any]
) -> None:
    services.hold_meeting(
        actor=persona("kabkota"), meeting=meeting, attendee_ids=[team["chair"].pk], minutes=_pdf("ba.pdf")
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.held_at is not None
    assert meeting.minutes is not None and meeting.minutes.kind == "berita_acara"
    assert list(meeting.attendees.all()) == [team["chair"]]
    assert meeting.history.latest().history_change_reason == AuditAction.TKKSD_MEETING_HELD.value


def test_it_refuses_attendees_from_outside_the_decree_and_holding_twice(
    persona: Any, meeting: Meeting, team: dict[str, Any]
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.hold_meeting(actor=persona("kabkota"), meeting=meeting, attendee_ids=[])
    assert caught.value.code == "tkksd.attendees_invalid"
    stale = Meeting.objects.get(pk=meeting.pk)
    services.hold_meeting(actor=persona("kabkota"), meeting=meeting, attendee_ids=[team["member"].pk])
    with pytest.raises(Conflict) as conflict:
        services.hold_meeting(actor=persona("kabkota"), meeting=stale, attendee_ids=[team["member"].pk])
    assert conflict.value.code == "tkksd.meeting_changed" and conflict.value.http_status == 409


def test_it_refuses_to_hold_a_meeting_in_the_future(persona: Any, yogya: Any, team: dict[str, Any]) -> None:
    future = services.schedule_meeting(
        actor=persona("kabkota"),
        region=yogya,
        meeting_date=timezone.localdate() + timedelta(days=5),
        place="A",
        agenda="B",
    )
    with pytest.raises(KerjasamaError) as caught:
        services.hold_meeting(actor=persona("kabkota"), meeting=future, attendee_ids=[team["chair"].pk])
    assert caught.value.code == "tkksd.meeting_in_future"


def test_the_tkksd_secretary_records_meetings_but_a_plain_member_does_not(
    persona: Any, yogya: Any, team: dict[str, Any], tkksd_user: Any
) -> None:
    services.schedule_meeting(
        actor=tkksd_user, region=yogya, meeting_date=timezone.localdate(), place="Balai Kota", agenda="Rapat"
    )
    services.remove_member(actor=persona("kabkota"), member=team["secretary"], reason="Pindah")
    with pytest.raises(PermissionDenied):
        services.schedule_meeting(
            actor=tkksd_user,
            region=yogya,
            meeting_date=timezone.localdate(),
            place="Balai Kota",
            agenda="Rapat",
        )


# --- decisions ---


def test_it_records_a_decision_in_a_held_meeting(tkksd_user: Any, held: Meeting, identification: Any) -> None:
    decision = services.record_decision(
        actor=tkksd_user,
        meeting=held,
        subject_type=IDENTIFICATION,
        subject_id=str(identification.pk),
        outcome="return",
        reasons="Lengkapi data timbulan sampah",
    )
    assert decision.subject_label.startswith("Identifikasi urusan 2.11")
    assert decision.history.first().history_user == tkksd_user
    event = AuditEvent.objects.get(action=AuditAction.TKKSD_DECISION_RECORDED)
    assert event.new is not None
    assert event.new["outcome"] == "return" and event.reason == "Lengkapi data timbulan sampah"
    assert decisions_for(IDENTIFICATION, [identification.pk]) == {str(identification.pk): [decision]}


def test_it_refuses_a_decision_in_a_meeting_not_held(
    persona: Any, meeting: Meeting, identification: Any
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.record_decision(
            actor=persona("kabkota"),
            meeting=meeting,
            subject_type=IDENTIFICATION,
            subject_id=str(identification.pk),
            outcome="approve",
        )
    assert caught.value.code == "tkksd.meeting_not_held" and "R21" in caught.value.message_id
    assert not Decision.objects.exists()


def test_it_refuses_a_decision_on_another_regions_subject(
    persona: Any, held: Meeting, sleman_identification: Any
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.record_decision(
            actor=persona("kabkota"),
            meeting=held,
            subject_type=IDENTIFICATION,
            subject_id=str(sleman_identification.pk),
            outcome="approve",
        )
    assert caught.value.code == "tkksd.subject_other_region"


def test_it_refuses_a_decision_when_the_decree_no_longer_covers_the_meeting(
    persona: Any, held: Meeting, identification: Any
) -> None:
    # A decree ended before the meeting (only possible through a direct correction) takes the basis away.
    Decree.objects.filter(pk=held.decree_id).update(period_end=held.meeting_date - timedelta(days=1))
    with pytest.raises(KerjasamaError) as caught:
        services.record_decision(
            actor=persona("kabkota"),
            meeting=held,
            subject_type=IDENTIFICATION,
            subject_id=str(identification.pk),
            outcome="approve",
        )
    assert caught.value.code == "tkksd.no_active_decree"


@pytest.mark.parametrize(
    ("subject_type", "subject_id", "outcome", "reasons", "code"),
    [
        ("agreements.unknown", "1", "approve", "", "tkksd.subject_type_unknown"),
        (IDENTIFICATION, "999999", "approve", "", "tkksd.subject_not_found"),
        (IDENTIFICATION, None, "reject", "   ", "tkksd.reasons_required"),
        (IDENTIFICATION, None, "maybe", "", "tkksd.outcome_invalid"),
    ],
)
def test_it_refuses_bad_decisions_with_a_code(
    persona: Any,
    held: Meeting,
    identification: Any,
    subject_type: str,
    subject_id: str | None,
    outcome: str,
    reasons: str,
    code: str,
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.record_decision(
            actor=persona("kabkota"),
            meeting=held,
            subject_type=subject_type,
            subject_id=subject_id or str(identification.pk),
            outcome=outcome,
            reasons=reasons,
        )
    assert caught.value.code == code
    assert not Decision.objects.exists()


def test_it_records_one_decision_per_subject_per_meeting(
    persona: Any, held: Meeting, identification: Any
) -> None:
    kwargs: dict[str, Any] = {
        "meeting": held,
        "subject_type": IDENTIFICATION,
        "subject_id": str(identification.pk),
        "outcome": "approve",
    }
    services.record_decision(actor=persona("kabkota"), **kwargs)
    with pytest.raises(Conflict) as caught:
        services.record_decision(actor=persona("kabkota"), **kwargs)
    assert caught.value.code == "tkksd.decision_exists"


def test_decisions_for_takes_one_query_for_any_number_of_subjects(
    persona: Any, held: Meeting, identification: Any, django_assert_num_queries: Any
) -> None:
    services.record_decision(
        actor=persona("kabkota"),
        meeting=held,
        subject_type=IDENTIFICATION,
        subject_id=str(identification.pk),
        outcome="approve",
    )
    with django_assert_num_queries(1):
        found = decisions_for(IDENTIFICATION, [identification.pk, 12345, "x"])
        assert found[str(identification.pk)][0].meeting.decree.number == "100/001/2026"
    with django_assert_num_queries(0):
        assert decisions_for(IDENTIFICATION, []) == {}


def test_it_tells_the_regions_cooperation_unit_and_tkksd_of_a_decision(
    persona: Any, held: Meeting, identification: Any, tkksd_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from kerjasama.notifications.messages import render_message
    from kerjasama.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        decision = services.record_decision(
            actor=tkksd_user,
            meeting=held,
            subject_type=IDENTIFICATION,
            subject_id=str(identification.pk),
            outcome="reject",
            reasons="Bukan urusan yang dapat dikerjasamakan",
        )
    notes = Notification.objects.filter(kind="tkksd.decision_recorded", object_id=str(decision.pk))
    recipients = set(notes.values_list("recipient__username", flat=True))
    assert "operator.yogya" in recipients and "tkksd.yogya" not in recipients  # never the actor
    assert "operator.sleman" not in recipients
    note = notes.get(recipient__username="operator.yogya")
    assert note.url == f"/tkksd/34.71/rapat/{held.pk}/"
    message = render_message("tkksd.decision_recorded", note.context, "id")
    assert "Ditolak" in message.subject and "Bukan urusan yang dapat dikerjasamakan" in message.body
    english = render_message("tkksd.decision_recorded", note.context, "en")
    assert "Rejected" in english.subject and "recorded a decision" in english.body
