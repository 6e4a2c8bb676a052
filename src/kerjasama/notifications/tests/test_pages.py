"""/notifikasi/: the reader's own list, marking read, the header count, and a record's sent log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.models import Notification, NotificationPreference
from kerjasama.notifications.tests.conftest import make

pytestmark = pytest.mark.django_db


def login(client: Client, account: Any) -> Client:
    client.force_login(account)
    return client


def test_it_lists_the_readers_own_notifications_unread_first(client: Client, user: Any) -> None:
    from django.utils import timezone

    tkksd = user("tkksd.yogya")
    read = make(tkksd, "a", read_at=timezone.now())
    unread = make(tkksd, "b", kind=NotificationKind.IDENTIFICATION_RETURNED)
    make(user("operator.yogya"), "a")
    page = login(client, tkksd).get("/notifikasi/")
    assert page.status_code == 200
    assert [n.pk for n, _ in page.context["rows"]] == [unread.pk, read.pk]
    html = page.content.decode()
    assert "Identifikasi urusan 2.11 Kota Yogyakarta menunggu verifikasi" in html
    assert html.index(f'data-testid="notification-{unread.pk}"') < html.index(
        f'data-testid="notification-{read.pk}"'
    )
    assert "1 notifikasi belum dibaca." in html
    only_unread = client.get("/notifikasi/?belum=1")
    assert [n.pk for n, _ in only_unread.context["rows"]] == [unread.pk]


def test_it_shows_the_list_in_english_when_the_reader_switches(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    make(tkksd, "a")
    page = login(client, tkksd).get("/notifikasi/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Identification of affair 2.11 for Kota Yogyakarta awaits verification" in page.content.decode()


def test_it_escapes_what_officials_typed(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    make(
        tkksd,
        "a",
        kind=NotificationKind.IDENTIFICATION_RETURNED,
        context={"reason": "<script>alert(1)</script>"},
    )
    html = login(client, tkksd).get("/notifikasi/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_paginates_the_list(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    for i in range(23):
        make(tkksd, f"k{i}")
    page = login(client, tkksd).get("/notifikasi/?page=2")
    assert len(page.context["rows"]) == 3 and page.context["page"].number == 2


def test_it_lists_with_a_constant_number_of_queries(
    client: Client, user: Any, django_assert_max_num_queries: Any
) -> None:
    tkksd = user("tkksd.yogya")
    login(client, tkksd)
    make(tkksd, "first")
    client.get("/notifikasi/")
    for i in range(15):
        make(tkksd, f"k{i}")
    with django_assert_max_num_queries(12):
        assert client.get("/notifikasi/").status_code == 200


def test_it_marks_one_read_and_returns_to_the_list(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    notification = make(tkksd, "a")
    response = login(client, tkksd).post(
        reverse("notifications:mark_read", args=[notification.pk]), {"next": "/notifikasi/?belum=1"}
    )
    assert response.status_code == 302 and response["Location"] == "/notifikasi/?belum=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_it_opens_a_notification_at_its_record_and_marks_it_read(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    notification = make(tkksd, "a")
    response = login(client, tkksd).post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/pemetaan/34.71/#urusan-2.11"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_it_marks_all_read(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    make(tkksd, "a"), make(tkksd, "b")
    response = login(client, tkksd).post(
        reverse("notifications:mark_all_read"), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/notifikasi/"
    assert not Notification.objects.filter(recipient=tkksd, read_at__isnull=True).exists()


def test_it_refuses_a_get_that_would_change_state(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    notification = make(tkksd, "a")
    assert (
        login(client, tkksd).get(reverse("notifications:mark_read", args=[notification.pk])).status_code
        == 405
    )
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405


def test_it_requires_the_csrf_token(user: Any) -> None:
    tkksd = user("tkksd.yogya")
    notification = make(tkksd, "a")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(tkksd)
    assert strict.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_answers_404_for_another_users_notification(client: Client, user: Any) -> None:
    notification = make(user("tkksd.yogya"), "a")
    login(client, user("operator.yogya"))
    for name in ("mark_read", "open"):
        assert client.post(reverse(f"notifications:{name}", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_sends_anonymous_visitors_to_the_login_page(client: Client, user: Any) -> None:
    notification = make(user("tkksd.yogya"), "a")
    for url in ("/notifikasi/", reverse("notifications:sent_log", args=["mapping.identification", "7"])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_it_saves_the_readers_preferences(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    response = login(client, tkksd).post(reverse("notifications:preferences"), {"language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=tkksd)
    assert (preference.language, preference.email) == ("en", False)
    client.post(reverse("notifications:preferences"), {"language": "xx", "email": "on"})
    preference.refresh_from_db()
    assert preference.language == "en"


# --- the header count -------------------------------------------------------------------------------------


def test_it_shows_the_unread_count_in_the_header(client: Client, user: Any) -> None:
    tkksd = user("tkksd.yogya")
    make(tkksd, "a"), make(tkksd, "b")
    html = login(client, tkksd).get("/").content.decode()
    assert 'aria-label="Notifikasi, 2 belum dibaca"' in html
    assert 'data-testid="nav-unread" aria-hidden="true">2</span>' in html
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'aria-label="Notifications, 2 unread"' in english


def test_it_counts_unread_notifications_with_one_query(client: Client, user: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tkksd = user("tkksd.yogya")
    for i in range(5):
        make(tkksd, f"k{i}")
    login(client, tkksd)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    touching = [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert len(touching) == 1 and "COUNT(" in touching[0].upper()


def test_it_shows_no_count_to_anonymous_visitors(client: Client) -> None:
    html = client.get("/masuk/").content.decode()
    assert 'data-testid="nav-notifications"' not in html
