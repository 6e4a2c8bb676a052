"""The TKKSD pages as the region's officials use them (client tests), with query-count guards."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kerjasama.tkksd import services
from kerjasama.tkksd.choices import MeetingStatus
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member
from kerjasama.tkksd.subjects import IDENTIFICATION

pytestmark = pytest.mark.django_db


def test_it_warns_when_no_decree_is_in_force(client_as: Any, yogya: Any) -> None:
    page = client_as("kabkota").get("/tkksd/34.71/")
    assert page.status_code == 200
    assert "Belum ada SK TKKSD yang berlaku" in page.content.decode()
    assert 'data-testid="decree-new"' in page.content.decode()


def test_it_shows_the_decree_members_meetings_decisions_and_tasks(
    client_as: Any, held: Meeting, identification: Any, persona: Any
) -> None:
    services.record_decision(
        actor=persona("kabkota"),
        meeting=held,
        subject_type=IDENTIFICATION,
        subject_id=str(identification.pk),
        outcome="return",
        reasons="Lengkapi data timbulan sampah",
    )
    body = client_as("kabkota").get("/tkksd/34.71/").content.decode()
    assert "100/001/2026" in body and "Belum ada SK TKKSD" not in body
    assert "Sekda" in body and "Ketua" in body and "Kepala Bappeda" in body
    assert "Lengkapi data timbulan sampah" in body and "Dikembalikan dengan alasan" in body
    assert "menyusun perjanjian kerja sama" in body and "conf-U" in body  # the configured task list


def test_the_page_takes_constant_queries_whatever_the_number_of_meetings(
    client_as: Any, persona: Any, yogya: Any, team: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = client_as("kabkota")
    today = timezone.localdate()
    for day in range(1, 4):
        m = services.schedule_meeting(
            actor=persona("kabkota"),
            region=yogya,
            meeting_date=today - timedelta(days=day),
            place="A",
            agenda="B",
        )
        services.hold_meeting(actor=persona("kabkota"), meeting=m, attendee_ids=[team["chair"].pk])
    client.get("/tkksd/34.71/")  # warm the caches (rulebook settings, session)
    with django_assert_max_num_queries(20) as few:
        assert client.get("/tkksd/34.71/").status_code == 200
    for day in range(4, 14):
        services.schedule_meeting(
            actor=persona("kabkota"),
            region=yogya,
            meeting_date=today - timedelta(days=day),
            place="C",
            agenda="D",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/tkksd/34.71/").status_code == 200


def test_it_records_a_decree_through_the_form(client_as: Any, yogya: Any) -> None:
    today = timezone.localdate().isoformat()
    client = client_as("kabkota")
    assert client.get("/tkksd/34.71/sk/baru/").status_code == 200
    answer = client.post(
        "/tkksd/34.71/sk/baru/",
        {"number": "188/55/2026", "title": "", "decree_date": today, "period_start": today, "period_end": ""},
    )
    assert answer.status_code == 302 and answer["Location"] == "/tkksd/34.71/"
    assert Decree.objects.get().number == "188/55/2026"


def test_a_refused_decree_keeps_the_input_and_names_the_field(client_as: Any, decree: Decree) -> None:
    today = timezone.localdate().isoformat()
    answer = client_as("kabkota").post(
        "/tkksd/34.71/sk/baru/",
        {"number": "188/77/2026", "decree_date": today, "period_start": today},
    )
    body = answer.content.decode()
    assert answer.status_code == 200
    assert 'id="id_period_start_errors"' in body and "100/001/2026" in body
    assert 'value="188/77/2026"' in body
    assert Decree.objects.count() == 1


def test_it_adds_and_removes_a_member(client_as: Any, decree: Decree) -> None:
    client = client_as("kabkota")
    assert client.get("/tkksd/34.71/anggota/baru/").status_code == 200
    answer = client.post(
        "/tkksd/34.71/anggota/baru/",
        {
            "name": "Kepala Dinas LH",
            "position": "Kepala Dinas",
            "role": "anggota",
            "unit": "",
            "user": "",
            "unit_name": "DLH",
        },
    )
    assert answer.status_code == 302
    member = Member.objects.get()
    assert member.unit_label == "DLH"
    answer = client.post(f"/tkksd/34.71/anggota/{member.pk}/keluarkan/", {"reason": "Mutasi"})
    assert answer.status_code == 302
    assert Member.objects.get().removed_at is not None


def test_it_schedules_holds_and_decides_through_the_pages(
    client_as: Any, team: dict[str, Any], identification: Any
) -> None:
    client = client_as("kabkota")
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    answer = client.post(
        "/tkksd/34.71/rapat/baru/", {"meeting_date": day, "place": "Balai Kota", "agenda": "Kajian"}
    )
    meeting = Meeting.objects.get()
    assert answer["Location"] == f"/tkksd/34.71/rapat/{meeting.pk}/"
    page = client.get(answer["Location"]).content.decode()
    assert 'data-testid="hold-form"' in page and 'data-testid="decision-form"' not in page
    client.post(
        f"/tkksd/34.71/rapat/{meeting.pk}/terlaksana/", {"attendees": [team["chair"].pk, team["member"].pk]}
    )
    assert Meeting.objects.get().status == MeetingStatus.HELD
    page = client.get(f"/tkksd/34.71/rapat/{meeting.pk}/").content.decode()
    assert 'data-testid="decision-form"' in page and f"{IDENTIFICATION}:{identification.pk}" in page
    refused = client.post(
        f"/tkksd/34.71/rapat/{meeting.pk}/keputusan/",
        {"subject": f"{IDENTIFICATION}:{identification.pk}", "outcome": "reject", "reasons": ""},
    )
    assert refused.status_code == 200 and 'id="id_reasons_errors"' in refused.content.decode()
    assert not Decision.objects.exists()
    answer = client.post(
        f"/tkksd/34.71/rapat/{meeting.pk}/keputusan/",
        {"subject": f"{IDENTIFICATION}:{identification.pk}", "outcome": "approve", "reasons": ""},
    )
    assert answer.status_code == 302 and Decision.objects.get().outcome == "approve"


def test_the_meeting_page_takes_constant_queries(
    client_as: Any, held: Meeting, identification: Any, persona: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_as("kabkota")
    url = f"/tkksd/34.71/rapat/{held.pk}/"
    client.get(url)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_it_ends_a_decree_from_the_page_and_shows_it_among_the_other_decrees(
    client_as: Any, decree: Decree
) -> None:
    client = client_as("kabkota")
    today = timezone.localdate()
    yesterday = (today - timedelta(days=1)).isoformat()
    answer = client.post(
        f"/tkksd/34.71/sk/{decree.pk}/akhiri/", {"end_date": yesterday, "reason": "Diganti SK baru"}
    )
    assert answer.status_code == 302
    assert Decree.objects.get().period_end == today - timedelta(days=1)
    refused = client.post(f"/tkksd/34.71/sk/{decree.pk}/akhiri/", {"end_date": yesterday, "reason": "x"})
    assert refused.status_code == 302
    body = client.get("/tkksd/34.71/").content.decode()
    assert "tanggal berakhir baru harus lebih awal" in body  # the refusal, shown on the next page
    assert "Belum ada SK TKKSD yang berlaku" in body
    client.post(
        "/tkksd/34.71/sk/baru/",
        {"number": "188/99/2026", "decree_date": today.isoformat(), "period_start": today.isoformat()},
    )
    body = client.get("/tkksd/34.71/").content.decode()
    assert 'data-testid="earlier-decrees"' in body and "Diganti SK baru" in body
    assert "188/99/2026" in body and "Belum ada SK TKKSD yang berlaku" not in body


def test_the_member_form_adds_to_a_chosen_decree_and_ties_errors_to_fields(
    client_as: Any, team: dict[str, Any], decree: Decree
) -> None:
    client = client_as("kabkota")
    assert "100/001/2026" in client.get(f"/tkksd/34.71/anggota/baru/?sk={decree.pk}").content.decode()
    answer = client.post(
        f"/tkksd/34.71/anggota/baru/?sk={decree.pk}",
        {
            "name": "Ketua kedua",
            "position": "Asisten",
            "role": "ketua",
            "unit": "",
            "user": "",
            "unit_name": "",
        },
    )
    body = answer.content.decode()
    assert answer.status_code == 200 and 'id="id_role_errors"' in body and 'value="Ketua kedua"' in body
    assert Member.objects.filter(role="ketua").count() == 1


def test_the_member_form_sends_back_when_no_decree_is_in_force(client_as: Any, yogya: Any) -> None:
    answer = client_as("kabkota").get("/tkksd/34.71/anggota/baru/")
    assert answer.status_code == 302 and answer["Location"] == "/tkksd/34.71/"


def test_a_meeting_of_another_region_is_not_found(client_as: Any, held: Meeting) -> None:
    assert client_as("neighbour").get(f"/tkksd/34.04/rapat/{held.pk}/").status_code == 404
    assert client_as("kabkota").get("/tkksd/34.71/rapat/999999/").status_code == 404
