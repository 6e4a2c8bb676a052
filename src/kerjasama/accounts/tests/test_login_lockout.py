"""Password guessing: lockout per username and per client address (django-axes), for the site and the admin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/masuk/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _no_attempts() -> Iterator[None]:
    """Every test starts and ends without recorded attempts (they are database rows)."""
    AxesProxyHandler.reset_attempts()
    yield
    AxesProxyHandler.reset_attempts()


def post_login(client: Client, username: str, password: str, url: str = LOGIN, **extra: Any) -> Any:
    return client.post(url, {"username": username, "password": password}, **extra)


def fail(client: Client, username: str, times: int, url: str = LOGIN, **extra: Any) -> list[int]:
    return [post_login(client, username, "salah-sekali-123", url, **extra).status_code for _ in range(times)]


def test_it_answers_a_wrong_password_401_and_a_right_one_with_a_redirect(client: Client) -> None:
    wrong = post_login(client, "operator.yogya", "bukan-kata-sandinya")
    assert wrong.status_code == 401
    assert 'data-testid="login-failed"' in wrong.content.decode()
    right = post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD)
    assert right.status_code == 302 and right["Location"] == reverse("oversight:dashboard")


def test_it_refuses_the_right_password_after_five_failures_while_locked(client: Client) -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert fail(client, "operator.yogya", 5) == [401, 401, 401, 401, 429]
    locked = post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    body = locked.content.decode()
    # The form is shown again, with when to try again.
    assert 'name="password"' in body and 'data-testid="login-locked"' in body


def test_it_lets_the_user_in_again_after_the_lockout_window(client: Client) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "operator.yogya", 5)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        response = post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD)
    assert response.status_code == 302


def test_it_says_in_indonesian_and_in_english_when_to_try_again(client: Client) -> None:
    start = timezone.now().replace(second=0, microsecond=0)
    until = timezone.localtime(start + timedelta(minutes=15)).strftime("%H:%M")
    with time_machine.travel(start, tick=False):
        fail(client, "operator.yogya", 5)
        indonesian = post_login(client, "operator.yogya", "x").content.decode()
        english = post_login(client, "operator.yogya", "x", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Coba lagi setelah pukul {until} (sekitar 15 menit lagi)" in indonesian
    assert f"Try again after {until} (in about 15 minutes)" in english


def test_it_locks_out_an_address_that_guesses_across_usernames(client: Client) -> None:
    names = ["operator.sleman", "operator.semarang", "tidak.ada", "bappeda.yogya", "auditor"]
    statuses = [post_login(client, name, "tebakan-salah-1").status_code for name in names]
    assert statuses == [401, 401, 401, 401, 429]
    # Another account from the same address is refused, the same account from elsewhere is not.
    assert post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD).status_code == 429
    elsewhere = post_login(
        Client(), "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302


def test_it_locks_out_a_username_guessed_from_many_addresses(client: Client) -> None:
    for i in range(5):
        fail(Client(), "operator.yogya", 1, REMOTE_ADDR=f"10.0.0.{i + 1}")
    response = post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429


def test_it_does_not_lock_out_repeated_successful_logins(client: Client) -> None:
    for _ in range(12):
        assert post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD).status_code == 302
        client.logout()


def test_it_protects_the_admin_login_the_same_way(client: Client) -> None:
    statuses = fail(client, "admin", 5, url=ADMIN_LOGIN)
    assert statuses == [401, 401, 401, 401, 429]
    locked = post_login(client, "admin", settings.KERJASAMA_DEMO_PASSWORD, url=ADMIN_LOGIN)
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


def test_it_reads_the_client_address_behind_a_trusted_proxy_only(client: Client, settings: Any) -> None:
    settings.KERJASAMA_TRUSTED_PROXIES = ["192.0.2.10"]
    # A client's own X-Forwarded-For is ignored: changing it per guess does not escape the lockout.
    for i in range(5):
        fail(client, f"tebak{i}", 1, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert post_login(client, "tebak9", "x", REMOTE_ADDR="203.0.113.5").status_code == 429
    # Behind the trusted proxy each forwarded client is counted on its own.
    proxied = post_login(
        client,
        "operator.yogya",
        settings.KERJASAMA_DEMO_PASSWORD,
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="203.0.113.77",
    )
    assert proxied.status_code == 302


def test_it_audits_failed_logins_with_the_username_and_never_the_password(client: Client) -> None:
    fail(client, "operator.yogya", 1)
    post_login(client, "tidak.ada", "rahasia-sekali-99")
    events = list(AuditEvent.objects.filter(action="auth.login_failed").order_by("id"))
    assert [e.new["username"] for e in events] == ["operator.yogya", "tidak.ada"]
    assert events[0].object_type == "accounts.user" and events[0].object_label == "operator.yogya"
    assert events[0].new["ip_address"] == "127.0.0.1" and events[0].new["reason"] == "credentials"
    assert events[1].object_id == "" and events[1].actor_label == "sistem"
    for event in events:
        assert "salah-sekali-123" not in str(event.new) and "rahasia-sekali-99" not in str(event.new)


def test_it_audits_a_lockout_once_and_each_refused_attempt(client: Client) -> None:
    fail(client, "operator.yogya", 5)
    post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD)
    locked = AuditEvent.objects.filter(action="auth.locked_out")
    assert locked.count() == 1
    assert locked.get().new["username"] == "operator.yogya" and locked.get().new["until"]
    reasons = list(
        AuditEvent.objects.filter(action="auth.login_failed")
        .order_by("id")
        .values_list("new__reason", flat=True)
    )
    assert reasons == ["credentials"] * 5 + ["locked_out"]


def test_it_audits_a_successful_login_and_a_logout(client: Client, persona: Any) -> None:
    post_login(client, "operator.yogya", settings.KERJASAMA_DEMO_PASSWORD)
    client.post(reverse("logout"))
    user = persona("kabkota")
    events = AuditEvent.objects.filter(actor=user, action__startswith="auth.").order_by("id")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["auth.login_succeeded", "auth.logout"]
