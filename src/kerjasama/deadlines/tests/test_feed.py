"""The private ICS feed: parsed back by icalendar, stable UIDs, only the token user's deadlines; a revoked or
unknown token is a 404; no session needed; the token is stored only as a hash and shown once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings
from icalendar import Calendar

from kerjasama.agreements.models import Agreement
from kerjasama.core.models import AuditEvent
from kerjasama.deadlines import services
from kerjasama.deadlines.ics import uid_for
from kerjasama.deadlines.models import CalendarToken

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


def _events(body: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(body)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@time_machine.travel("2027-06-01 09:00 +0700", tick=False)
def test_the_feed_lists_exactly_my_deadlines_with_stable_uids(
    persona: Any, in_force: Callable[..., Agreement]
) -> None:
    ours = in_force(term_end=TODAY + timedelta(days=60), notice_date=TODAY + timedelta(days=10))
    theirs = in_force(term_end=TODAY + timedelta(days=60), regions=("33.74", "33.22"), actor="other_province")
    token = services.create_calendar_token(actor=persona("neighbour"))
    anonymous = Client()

    response = anonymous.get(f"/kalender/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert set(events) == {uid_for(f"agreement:{ours.pk}:expiry"), uid_for(f"agreement:{ours.pk}:notice")}
    assert not any(str(theirs.pk) in uid.split(":")[1] for uid in events if uid.startswith("agreement:"))
    expiry = events[uid_for(f"agreement:{ours.pk}:expiry")]
    assert expiry.decoded("DTSTART") == TODAY + timedelta(days=60)
    assert str(expiry["SUMMARY"]).startswith("Jangka waktu kerja sama berakhir")
    # Fetched again: the same UIDs (a calendar client updates, never duplicates).
    assert set(_events(anonymous.get(f"/kalender/{token}.ics").content)) == set(events)


def test_a_revoked_or_unknown_token_is_404(persona: Any) -> None:
    user = persona("kabkota")
    token = services.create_calendar_token(actor=user)
    assert not CalendarToken.objects.filter(token_hash=token).exists()  # only the hash is kept
    assert Client().get(f"/kalender/{token}.ics").status_code == 200
    assert services.revoke_calendar_token(actor=user) == 1
    assert Client().get(f"/kalender/{token}.ics").status_code == 404
    assert Client().get("/kalender/not-a-token.ics").status_code == 404
    actions = set(
        AuditEvent.objects.filter(object_type="deadlines.calendartoken").values_list("action", flat=True)
    )
    assert actions == {"deadlines.calendar_token_issued", "deadlines.calendar_token_revoked"}


def test_a_new_token_revokes_the_old_one(persona: Any) -> None:
    user = persona("kabkota")
    old = services.create_calendar_token(actor=user)
    new = services.create_calendar_token(actor=user)
    assert Client().get(f"/kalender/{old}.ics").status_code == 404
    assert Client().get(f"/kalender/{new}.ics").status_code == 200


@override_settings(KERJASAMA_CALENDAR_RATE_PER_MINUTE=2)
def test_the_feed_is_rate_limited_per_token(persona: Any) -> None:
    token = services.create_calendar_token(actor=persona("kabkota"))
    statuses = [Client().get(f"/kalender/{token}.ics").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_settings_page_creates_shows_once_and_revokes(client_as: Any) -> None:
    client = client_as("kabkota")
    page = client.get("/notifikasi/")
    assert b'data-testid="calendar-settings"' in page.content
    assert b'data-testid="calendar-revoke"' not in page.content
    created = client.post("/tenggat/kalender/buat/")
    assert created.status_code == 200 and "no-store" in created["Cache-Control"]
    url = created.context["feed_url"]
    path = url.split("testserver", 1)[1]
    assert Client().get(path).status_code == 200
    assert url.encode() not in client.get("/notifikasi/").content  # shown once only
    assert b'data-testid="calendar-revoke"' in client.get("/notifikasi/").content
    revoked = client.post("/tenggat/kalender/cabut/")
    assert revoked.status_code == 302
    assert Client().get(path).status_code == 404


def test_the_api_creates_and_revokes_my_token(client_as: Any) -> None:
    client = client_as("kabkota")
    created = client.post("/api/v1/deadlines/calendar-token")
    assert created.status_code == 201
    token = created.json()["token"]
    assert created.json()["url"].endswith(f"/kalender/{token}.ics")
    assert Client().get(f"/kalender/{token}.ics").status_code == 200
    assert client.delete("/api/v1/deadlines/calendar-token").json() == {"revoked": 1}
    assert Client().get(f"/kalender/{token}.ics").status_code == 404
