"""The permission matrix of the TKKSD over the named personas (house rule 10), on pages and API routes.

Own region's cooperation unit: manages. TKKSD chair/secretary: records meetings and decisions. Governor's office:
reads its province's regions. Ministry and auditor: read all. Other regions: see the decree, not the records.
Third parties: nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.tkksd.models import Decree, Meeting

pytestmark = pytest.mark.django_db

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


@pytest.mark.parametrize("who", ["province", "ministry", "auditor", "neighbour", "third_party"])
def test_no_one_but_the_region_changes_its_team(client_as: Any, held: Meeting, who: str) -> None:
    client = client_as(who)
    decree = held.decree
    before = (Decree.objects.get(pk=decree.pk).period_end, Meeting.objects.count())
    client.post(f"/tkksd/34.71/sk/{decree.pk}/akhiri/", {"end_date": "2026-01-01", "reason": "x"})
    client.post("/tkksd/34.71/rapat/baru/", {"meeting_date": "2026-01-01", "place": "x", "agenda": "y"})
    assert (Decree.objects.get(pk=decree.pk).period_end, Meeting.objects.count()) == before


def test_the_tkksd_secretary_opens_the_forms_of_meetings_but_not_of_decrees(
    client: Any, held: Meeting, tkksd_user: Any
) -> None:
    client.force_login(tkksd_user)
    assert client.get("/tkksd/34.71/rapat/baru/").status_code == 200
    assert client.get(f"/tkksd/34.71/rapat/{held.pk}/").status_code == 200
    assert 'data-testid="decision-form"' in client.get(f"/tkksd/34.71/rapat/{held.pk}/").content.decode()
    assert client.get("/tkksd/34.71/sk/baru/").status_code == 403
