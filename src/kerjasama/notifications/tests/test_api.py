"""API v1: /notifications (own only, paginated, unread filter), unread-count, read one, read all."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kerjasama.accounts.services import issue_api_token
from kerjasama.notifications.models import Notification
from kerjasama.notifications.tests.conftest import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user: Any) -> Any:
    def client_for(username: str) -> Client:
        account = user(username)
        _token, key = issue_api_token(actor=account, user=account, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return client_for


def test_it_lists_my_notifications_unread_first(
    api: Any, user: Any, django_assert_max_num_queries: Any
) -> None:
    tkksd = user("tkksd.yogya")
    read = make(tkksd, "a", read_at=timezone.now())
    unread = make(tkksd, "b")
    make(user("operator.yogya"), "c")
    client = api("tkksd.yogya")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/notifications").json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [unread.pk, read.pk]
    first = body["items"][0]
    assert first["subject"] == "Identifikasi urusan 2.11 Kota Yogyakarta menunggu verifikasi"
    assert first["unread"] is True and first["read_at"] is None
    assert (
        first["kind"] == "mapping.identification_submitted" and first["url"] == "/pemetaan/34.71/#urusan-2.11"
    )
    only = client.get("/api/v1/notifications?unread=true").json()
    assert [item["id"] for item in only["items"]] == [unread.pk]


def test_it_speaks_english_when_asked(api: Any, user: Any) -> None:
    make(user("tkksd.yogya"), "a")
    body = api("tkksd.yogya").get("/api/v1/notifications", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (
        body["items"][0]["subject"] == "Identification of affair 2.11 for Kota Yogyakarta awaits verification"
    )


def test_it_paginates(api: Any, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    for i in range(5):
        make(tkksd, f"k{i}")
    body = api("tkksd.yogya").get("/api/v1/notifications?limit=2&offset=4").json()
    assert body["count"] == 5 and len(body["items"]) == 1


def test_it_counts_my_unread_notifications(api: Any, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    make(tkksd, "a"), make(tkksd, "b", read_at=timezone.now()), make(user("operator.yogya"), "a")
    assert api("tkksd.yogya").get("/api/v1/notifications/unread-count").json() == {"unread": 1}


def test_it_marks_one_read(api: Any, user: Any) -> None:
    notification = make(user("tkksd.yogya"), "a")
    response = api("tkksd.yogya").post(f"/api/v1/notifications/{notification.pk}/read")
    assert response.status_code == 200
    assert response.json()["unread"] is False and response.json()["read_at"]
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_it_marks_all_read(api: Any, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    make(tkksd, "a"), make(tkksd, "b"), make(user("operator.yogya"), "a")
    assert api("tkksd.yogya").post("/api/v1/notifications/read-all").json() == {"marked": 2}
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_it_answers_404_for_another_users_notification(api: Any, user: Any) -> None:
    notification = make(user("tkksd.yogya"), "a")
    response = api("operator.yogya").post(f"/api/v1/notifications/{notification.pk}/read")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/notifications"),
        ("get", "/api/v1/notifications/unread-count"),
        ("post", "/api/v1/notifications/1/read"),
        ("post", "/api/v1/notifications/read-all"),
    ],
)
def test_it_refuses_anonymous_calls(client: Client, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_it_accepts_the_browser_session_with_csrf(user: Any) -> None:
    tkksd = user("tkksd.yogya")
    notification = make(tkksd, "a")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(tkksd)
    assert browser.get("/api/v1/notifications/unread-count").json() == {"unread": 1}
    assert browser.post(f"/api/v1/notifications/{notification.pk}/read").status_code == 403
