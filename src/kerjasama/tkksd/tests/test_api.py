"""API v1 read routes of the TKKSD: a region's team, one meeting, decisions by subject."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.tkksd import services
from kerjasama.tkksd.models import Meeting
from kerjasama.tkksd.subjects import IDENTIFICATION

pytestmark = pytest.mark.django_db


def test_it_answers_a_region_without_a_decree(client_as: Any, yogya: Any) -> None:
    data = client_as("kabkota").get("/api/v1/tkksd/regions/34.71").json()
    assert data["has_active_decree"] is False and data["active_decree"] is None and data["decrees"] == []
    assert len(data["tasks"]) == 10 and {t["confidence"] for t in data["tasks"]} == {"S", "U"}


def test_it_answers_the_team_meetings_and_decisions(
    client_as: Any, held: Meeting, persona: Any, identification: Any
) -> None:
    services.record_decision(
        actor=persona("kabkota"),
        meeting=held,
        subject_type=IDENTIFICATION,
        subject_id=str(identification.pk),
        outcome="approve",
    )
    data = client_as("province").get("/api/v1/tkksd/regions/34.71").json()
    assert [m["role"] for m in data["members"]] == ["ketua", "sekretaris", "anggota"]
    assert data["members"][1]["user"] == "tkksd.yogya"
    meeting = data["meetings"][0]
    assert meeting["status"] == "terlaksana" and meeting["attendees"] == ["Sekda", "Kabag Kerja Sama"]
    assert meeting["decisions"][0]["outcome"] == "approve"
    one = client_as("ministry").get(f"/api/v1/tkksd/meetings/{held.pk}").json()
    assert one["decree"] == "100/001/2026"


def test_it_lists_decisions_by_subject_within_the_jurisdiction(
    client_as: Any, held: Meeting, persona: Any, identification: Any, django_assert_max_num_queries: Any
) -> None:
    services.record_decision(
        actor=persona("kabkota"),
        meeting=held,
        subject_type=IDENTIFICATION,
        subject_id=str(identification.pk),
        outcome="reject",
        reasons="Tidak layak",
    )
    url = (
        f"/api/v1/tkksd/decisions?subject_type={IDENTIFICATION}&subject_id={identification.pk}&subject_id=999"
    )
    client = client_as("kabkota")
    client.get(url)
    with django_assert_max_num_queries(12):
        rows = client.get(url).json()
    assert [(r["subject_id"], r["outcome"], r["reasons"]) for r in rows] == [
        (str(identification.pk), "reject", "Tidak layak")
    ]
    assert client_as("neighbour").get(url).json() == []


def test_it_answers_404_for_an_unknown_region(client_as: Any) -> None:
    assert client_as("kabkota").get("/api/v1/tkksd/regions/99.99").status_code == 404


def test_the_region_route_takes_constant_queries(
    client_as: Any, held: Meeting, persona: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_as("province")
    client.get("/api/v1/tkksd/regions/34.71")
    with django_assert_max_num_queries(20) as few:
        client.get("/api/v1/tkksd/regions/34.71")
    for day in range(5, 15):
        services.schedule_meeting(
            actor=persona("kabkota"),
            region=held.region,
            meeting_date=held.meeting_date,
            place=f"R{day}",
            agenda="A",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/tkksd/regions/34.71").json()["meetings"]) == 11
