"""The permission matrix of the TKKSD over the named personas (house rule 10), on pages and API routes.

Own region's cooperation unit: manages. TKKSD chair/secretary: records meetings and decisions. Governor's office:
reads its province's regions. Ministry and auditor: read all. Other regions: see the decree, not the records.
Third parties: nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.tkksd import services
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_to_hold(persona: Any, held: Meeting) -> Meeting:
    """A second, scheduled meeting of the same team."""
    return services.schedule_meeting(
        actor=persona("kabkota"),
        region=held.region,
        meeting_date=held.meeting_date,
        place="Ruang B",
        agenda="Lanjutan",
    )


#: persona → (region page, meeting page, decree form, meeting form, API region: members visible, API meeting)
MATRIX = {
    "kabkota": (200, 200, 200, 200, True, 200),
    "province": (200, 200, 403, 403, True, 200),
    "ministry": (200, 200, 403, 403, True, 200),
    "auditor": (200, 200, 403, 403, True, 200),
    "neighbour": (200, 403, 403, 403, False, 404),
    "other_province": (200, 403, 403, 403, False, 404),
    "third_party": (403, 403, 403, 403, None, 404),
    "admin": (200, 200, 200, 200, True, 200),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_it_lets_each_persona_see_and_do_what_the_matrix_says(
    client_as: Any, held: Meeting, who: str
) -> None:
    region_page, meeting_page, decree_form, meeting_form, sees_members, api_meeting = MATRIX[who]
    client = client_as(who)
    page = client.get("/tkksd/34.71/")
    assert page.status_code == region_page
    if region_page == 200:
        body = page.content.decode()
        assert "100/001/2026" in body  # the decree is a public act for every official
        assert ("Balai Kota" in body) is bool(sees_members)  # meetings only within the jurisdiction
        assert ("Sekda" in body) is bool(sees_members)
    assert client.get(f"/tkksd/34.71/rapat/{held.pk}/").status_code == meeting_page
    assert client.get("/tkksd/34.71/sk/baru/").status_code == decree_form
    assert client.get("/tkksd/34.71/rapat/baru/").status_code == meeting_form
    answer = client.get("/api/v1/tkksd/regions/34.71")
    if sees_members is None:
        assert answer.status_code == 403
    else:
        data = answer.json()
        assert data["has_active_decree"] is True and data["active_decree"]["number"] == "100/001/2026"
        assert (data["members"] is not None) is sees_members
        assert (data["meetings"] is not None) is sees_members
    assert client.get(f"/api/v1/tkksd/meetings/{held.pk}").status_code == api_meeting


def test_anonymous_visitors_are_sent_to_log_in(client_as: Any, decree: Decree) -> None:
    answer = client_as(None).get("/tkksd/34.71/")
    assert answer.status_code == 302 and "/masuk/" in answer["Location"]
    assert client_as(None).get("/api/v1/tkksd/regions/34.71").status_code == 401


@pytest.mark.parametrize(
    "who", ["province", "ministry", "auditor", "neighbour", "other_province", "third_party", None]
)
def test_no_one_but_the_region_changes_its_team(
    client_as: Any, held: Meeting, meeting_to_hold: Meeting, identification: Any, who: str | None
) -> None:
    client = client_as(who)
    decree = held.decree
    member = decree.members.first()
    assert member is not None

    def state() -> tuple[Any, ...]:
        return (
            Decree.objects.count(),
            Decree.objects.get(pk=decree.pk).period_end,
            Member.objects.filter(removed_at__isnull=True).count(),
            Meeting.objects.count(),
            Meeting.objects.get(pk=meeting_to_hold.pk).status,
            Decision.objects.count(),
        )

    before = state()
    answers = [
        client.post(
            "/tkksd/34.71/sk/baru/",
            {"number": "9", "decree_date": "2026-01-01", "period_start": "2030-01-01"},
        ),
        client.post(f"/tkksd/34.71/sk/{decree.pk}/akhiri/", {"end_date": "2026-11-01", "reason": "x"}),
        client.post("/tkksd/34.71/anggota/baru/", {"name": "x", "position": "y", "role": "anggota"}),
        client.post(f"/tkksd/34.71/anggota/{member.pk}/keluarkan/", {"reason": "x"}),
        client.post("/tkksd/34.71/rapat/baru/", {"meeting_date": "2026-01-01", "place": "x", "agenda": "y"}),
        client.post(f"/tkksd/34.71/rapat/{meeting_to_hold.pk}/terlaksana/", {"attendees": [member.pk]}),
        client.post(
            f"/tkksd/34.71/rapat/{held.pk}/keputusan/",
            {"subject": f"mapping.identification:{identification.pk}", "outcome": "approve"},
        ),
    ]
    assert state() == before
    assert all(a.status_code in ((302,) if who is None else (403, 404)) for a in answers), [
        a.status_code for a in answers
    ]


def test_the_tkksd_secretary_opens_the_forms_of_meetings_but_not_of_decrees(
    client: Any, held: Meeting, tkksd_user: Any
) -> None:
    client.force_login(tkksd_user)
    assert client.get("/tkksd/34.71/rapat/baru/").status_code == 200
    assert client.get(f"/tkksd/34.71/rapat/{held.pk}/").status_code == 200
    assert 'data-testid="decision-form"' in client.get(f"/tkksd/34.71/rapat/{held.pk}/").content.decode()
    assert client.get("/tkksd/34.71/sk/baru/").status_code == 403
