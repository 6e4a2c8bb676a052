"""The delivery task: in-app once, e-mail once, each channel logged, in the recipient's language."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db.models.query import QuerySet

from kerjasama.core.models import AuditEvent
from kerjasama.notifications.choices import Channel, DeliveryStatus, SkipReason
from kerjasama.notifications.models import Delivery, Notification, NotificationPreference
from kerjasama.notifications.tasks import deliver_notification
from kerjasama.notifications.tests.conftest import payload

pytestmark = pytest.mark.django_db


def with_email(account: Any, address: str = "tkksd@jogjakota.example") -> Any:
    account.email = address
    account.save(update_fields=["email"])
    return account


def test_it_creates_one_notification_when_delivered_twice(
    user: Any, delivered: Any, mailoutbox: list
) -> None:
    tkksd = with_email(user("tkksd.yogya"))
    first = delivered(tkksd)
    second = delivered(tkksd)
    assert first["created"] is True and second["created"] is False
    assert first["notification"] == second["notification"]
    assert Notification.objects.filter(recipient=tkksd).count() == 1
    assert Delivery.objects.filter(notification_id=first["notification"]).count() == 2
    assert len(mailoutbox) == 1
    assert (
        AuditEvent.objects.filter(action="notification.sent", object_id=str(first["notification"])).count()
        == 1
    )


def test_it_reads_the_winners_row_when_another_worker_created_it_first(user: Any, delivered: Any) -> None:
    tkksd = user("tkksd.yogya")
    rival = payload(tkksd)
    real_get = QuerySet.get
    calls = {"n": 0}

    def get_after_the_rival_commits(self: QuerySet, *args: Any, **kwargs: Any) -> Any:
        # The first look finds nothing; meanwhile another worker inserts the same (recipient, key).
        if self.model is Notification and calls["n"] == 0:
            calls["n"] += 1
            Notification.objects.create(
                recipient=tkksd,
                key=rival["key"],
                kind=rival["kind"],
                object_type=rival["object_type"],
                object_id=rival["object_id"],
            )
            raise Notification.DoesNotExist
        return real_get(self, *args, **kwargs)

    with mock.patch.object(QuerySet, "get", get_after_the_rival_commits):
        result = delivered(tkksd)
    assert calls["n"] == 1
    assert result["created"] is False
    assert Notification.objects.filter(recipient=tkksd, key=rival["key"]).count() == 1


def test_it_sends_no_email_that_another_worker_already_claimed(
    user: Any, delivered: Any, mailoutbox: list
) -> None:
    tkksd = with_email(user("tkksd.yogya"))
    first = delivered(tkksd)
    Delivery.objects.filter(notification_id=first["notification"], channel=Channel.EMAIL).update(
        status=DeliveryStatus.PENDING
    )
    mailoutbox.clear()
    assert delivered(tkksd)["email"] == DeliveryStatus.PENDING
    assert mailoutbox == []


def test_it_emails_in_indonesian_by_default(
    user: Any, delivered: Any, mailoutbox: list, settings: Any
) -> None:
    settings.KERJASAMA_SITE_URL = "https://ksd.example.go.id"
    tkksd = with_email(user("tkksd.yogya"))
    result = delivered(tkksd)
    assert result["email"] == DeliveryStatus.SENT
    (mail,) = mailoutbox
    assert mail.to == ["tkksd@jogjakota.example"]
    assert mail.subject == "[Kerjasama] Identifikasi urusan 2.11 Kota Yogyakarta menunggu verifikasi"
    assert "Operator KSD mengajukan identifikasi urusan 2.11 Kota Yogyakarta kepada TKKSD." in mail.body
    assert "Urusan: 2.11 Persampahan" in mail.body
    assert "Buka: https://ksd.example.go.id/pemetaan/34.71/#urusan-2.11" in mail.body
    assert mail.extra_headers["Content-Language"] == "id"
    email = Delivery.objects.get(notification_id=result["notification"], channel=Channel.EMAIL)
    assert (
        email.status == DeliveryStatus.SENT and email.sent_at and email.address == "tkksd@jogjakota.example"
    )


def test_it_emails_in_english_when_the_recipient_reads_english(
    user: Any, delivered: Any, mailoutbox: list
) -> None:
    tkksd = with_email(user("tkksd.yogya"))
    NotificationPreference.objects.create(user=tkksd, language="en")
    delivered(tkksd)
    (mail,) = mailoutbox
    assert mail.subject == "[Kerjasama] Identification of affair 2.11 for Kota Yogyakarta awaits verification"
    assert "Affair: 2.11 Waste management" in mail.body
    assert "Open: http" in mail.body
    assert mail.extra_headers["Content-Language"] == "en"


def test_it_logs_a_skipped_email_when_the_recipient_has_no_address(
    user: Any, delivered: Any, mailoutbox: list
) -> None:
    tkksd = user("tkksd.yogya")
    assert not tkksd.email
    result = delivered(tkksd)
    assert result["email"] == DeliveryStatus.SKIPPED and mailoutbox == []
    rows = dict(
        Delivery.objects.filter(notification_id=result["notification"]).values_list("channel", "status")
    )
    assert rows == {Channel.IN_APP: DeliveryStatus.SENT, Channel.EMAIL: DeliveryStatus.SKIPPED}
    assert Delivery.objects.get(channel=Channel.EMAIL).error == SkipReason.NO_ADDRESS


def test_it_skips_the_email_of_a_recipient_who_turned_it_off(
    user: Any, delivered: Any, mailoutbox: list
) -> None:
    tkksd = with_email(user("tkksd.yogya"))
    NotificationPreference.objects.create(user=tkksd, email=False)
    result = delivered(tkksd)
    assert result["email"] == DeliveryStatus.SKIPPED and mailoutbox == []
    assert Delivery.objects.get(channel=Channel.EMAIL).error == SkipReason.OPTED_OUT


def test_it_records_a_failed_email_without_losing_the_in_app_notification(
    user: Any, delivered: Any, settings: Any
) -> None:
    tkksd = with_email(user("tkksd.yogya"))
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("connection refused")):
        result = delivered(tkksd)
    assert result["email"] == DeliveryStatus.FAILED
    email = Delivery.objects.get(notification_id=result["notification"], channel=Channel.EMAIL)
    assert (
        email.status == DeliveryStatus.FAILED
        and "connection refused" in email.error
        and email.sent_at is None
    )
    assert Notification.objects.filter(pk=result["notification"]).exists()
    event = AuditEvent.objects.get(action="notification.sent", object_id=str(result["notification"]))
    assert event.new is not None and event.new["channels"] == {"in_app": "sent", "email": "failed"}


def test_it_delivers_nothing_to_an_inactive_user(user: Any, delivered: Any) -> None:
    tkksd = user("tkksd.yogya")
    tkksd.is_active = False
    tkksd.save(update_fields=["is_active"])
    assert delivered(tkksd)["notification"] is None
    assert not Notification.objects.filter(recipient=tkksd).exists()


def test_it_runs_as_a_task_on_the_notifications_queue(user: Any) -> None:
    assert deliver_notification.queue_name == "notifications"
    result = deliver_notification.enqueue(**payload(user("tkksd.yogya")))
    assert result.return_value is not None and result.return_value["created"] is True
