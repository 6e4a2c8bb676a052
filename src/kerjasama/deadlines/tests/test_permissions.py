"""The permission matrix over the demo personas (house rule 10): whose deadlines are whose, who reads an
agreement's reminder log, and query-count guards on "my deadlines" and the log (they do not grow with data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.deadlines import selectors, services
from kerjasama.deadlines.models import Reminder

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)
ALL = ("ministry", "province", "kabkota", "neighbour", "other_province", "third_party", "auditor", "admin")
#: The Yogyakarta–Sleman agreement's deadlines are owned by the two regions' cooperation units (and TKKSD).
OWNERS = {"kabkota", "neighbour"}
#: Everyone who may view the agreement (agreements' matrix) reads its reminder log.
READERS = {"ministry", "province", "kabkota", "neighbour", "auditor", "admin"}


def test_my_deadlines_are_only_the_ones_i_own_on_agreements_i_may_view(
    persona: Any, in_force: Callable[..., Agreement]
) -> None:
    agreement = in_force(term_end=TODAY + timedelta(days=20), notice_date=TODAY - timedelta(days=5))
    # Another province's agreement (Kota Semarang 33.74 with Kabupaten Semarang 33.22).
    other = in_force(term_end=TODAY + timedelta(days=20), regions=("33.74", "33.22"), actor="other_province")
    for name in ALL:
        rows = selectors.my_deadlines(persona(name), today=TODAY)
        keys = {r.item.key for r in rows}
        mine = {f"agreement:{agreement.pk}:expiry", f"agreement:{agreement.pk}:notice"}
        theirs = {f"agreement:{other.pk}:expiry"} if name == "other_province" else set()
        assert keys == (mine if name in OWNERS else theirs), name
    classes = {r.item.key: r.klass for r in selectors.my_deadlines(persona("kabkota"), today=TODAY)}
    assert classes == {
        f"agreement:{agreement.pk}:expiry": "jatuh_tempo",
        f"agreement:{agreement.pk}:notice": "terlambat",
    }


def test_the_reminder_log_is_read_by_whoever_may_view_the_agreement(
    persona: Any, in_force: Callable[..., Agreement], client_as: Any
) -> None:
    agreement = in_force(term_end=TODAY + timedelta(days=30))
    services.remind(today=TODAY)
    sent = Reminder.objects.filter(agreement=agreement, status="sent").count()
    assert sent
    for name in ALL:
        response = client_as(name).get(f"/api/v1/deadlines/agreements/{agreement.pk}/reminders")
        if name in READERS:
            assert response.status_code == 200, name
            body = response.json()
            assert body["count"] == Reminder.objects.filter(agreement=agreement).count(), name
            assert {i["status"] for i in body["items"]} >= {"sent"}
        else:
            assert response.status_code == 404, name
            assert response.json()["error"]["code"] == "agreements.not_found"


def test_my_deadlines_through_the_api(
    persona: Any, in_force: Callable[..., Agreement], client_as: Any
) -> None:
    agreement = in_force(term_end=TODAY + timedelta(days=200))
    body = client_as("neighbour").get(f"/api/v1/deadlines/mine?today={TODAY.isoformat()}").json()
    assert [(i["key"], i["deadline_class"]) for i in body["items"]] == [
        (f"agreement:{agreement.pk}:expiry", "sesuai_jadwal")
    ]
    assert client_as("province").get("/api/v1/deadlines/mine").json()["count"] == 0
    assert client_as(None).get("/api/v1/deadlines/mine").status_code == 401


def test_the_count_is_every_deadline_not_the_length_of_the_cut_list(
    persona: Any, in_force: Callable[..., Agreement], client_as: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        in_force(term_end=TODAY + timedelta(days=100 + n))
    rows, total = selectors.my_deadlines_counted(persona("neighbour"), today=TODAY, limit=2)
    assert len(rows) == 2 and total == 3
    assert [r.item.due for r in rows] == sorted(r.item.due for r in rows)
    monkeypatch.setattr(selectors, "MY_LIMIT", 1)
    body = client_as("neighbour").get(f"/api/v1/deadlines/mine?today={TODAY.isoformat()}").json()
    assert len(body["items"]) == 1 and body["count"] == 3


def _queries(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def test_my_deadlines_and_the_log_take_constant_queries(
    persona: Any, in_force: Callable[..., Agreement], client_as: Any
) -> None:
    user = persona("kabkota")
    first = in_force(term_end=TODAY + timedelta(days=30))
    services.remind(today=TODAY)
    one = _queries(lambda: selectors.my_deadlines(user, today=TODAY))
    client_as("kabkota").get(f"/api/v1/deadlines/agreements/{first.pk}/reminders")  # warm the session
    log_one = _queries(lambda: client_as("kabkota").get(f"/api/v1/deadlines/agreements/{first.pk}/reminders"))
    for n in range(4):
        in_force(term_end=TODAY + timedelta(days=31 + n), notice_date=TODAY + timedelta(days=10 + n))
    services.remind(today=TODAY)
    assert len(selectors.my_deadlines(user, today=TODAY)) == 9
    assert _queries(lambda: selectors.my_deadlines(user, today=TODAY)) == one
    assert one <= 6
    assert (
        _queries(lambda: client_as("kabkota").get(f"/api/v1/deadlines/agreements/{first.pk}/reminders"))
        == log_one
    )
