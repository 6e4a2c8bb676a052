"""Delivering one notification to one recipient: the work of the ``deliver_notification`` task.

Delivery is idempotent, so a task that is retried, or run twice by two workers, notifies once:

1. the in-app notification is created with ``get_or_create`` on (recipient, key), which the unique constraint
   ``notifications_once_per_recipient`` backs on SQLite and PostgreSQL alike (a lost race reads the winner's
   row instead of failing), together with its ``in_app`` delivery row;
2. the e-mail is *claimed* by creating its ``email`` delivery row (unique per notification and channel) in
   state ``pending``; only the worker that created the claim sends, outside any transaction (a slow mail
   server never holds the database), then records ``sent`` or ``failed``. A recipient without an address,
   or who turned e-mail off, gets a ``skipped`` row with the reason.

E-mail is sent at most once: a worker that dies between the claim and the mail server leaves the delivery
``pending`` rather than risk a duplicate.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.notifications.choices import Channel, DeliveryStatus, SkipReason
from kerjasama.notifications.messages import render_message
from kerjasama.notifications.models import Delivery, Notification
from kerjasama.notifications.selectors import preference_of

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Kerjasama] "
MAX_ERROR_CHARS = 1000


def deliver(
    *,
    recipient_id: int,
    kind: str,
    object_type: str,
    object_id: str,
    object_label: str,
    region_code: str | None,
    context: dict[str, Any],
    url: str,
    key: str,
    actor_label: str,
) -> dict[str, Any]:
    """Create the in-app notification (once) and send its e-mail (once); returns what happened."""
    recipient = get_user_model().objects.filter(pk=recipient_id).first()
    if recipient is None or not recipient.is_active:
        return {"notification": None, "created": False, "email": None}
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            key=key,
            defaults={
                "kind": kind,
                "object_type": object_type,
                "object_id": object_id,
                "object_label": object_label[:300],
                "region_id": region_code,
                "context": context,
                "url": url,
                "actor_label": actor_label[:200],
            },
        )
        if created:
            Delivery.objects.create(
                notification=notification,
                channel=Channel.IN_APP,
                status=DeliveryStatus.SENT,
                sent_at=notification.created_at,
            )
        claim, claimed = _claim_email(notification, recipient)
    email_status = str(claim.status)
    if claimed and claim.status == DeliveryStatus.PENDING:
        email_status = _send_email(claim, notification, recipient)
    if created:
        audit.record(
            actor=SYSTEM,
            action=AuditAction.NOTIFICATION_SENT,
            object_type="notifications.notification",
            object_id=str(notification.pk),
            object_label=f"{kind} → {recipient.get_username()}"[:300],
            new={
                "recipient": recipient.get_username(),
                "kind": kind,
                "object": f"{object_type}:{object_id}",
                "key": key,
                "channels": {
                    Channel.IN_APP.value: DeliveryStatus.SENT.value,
                    Channel.EMAIL.value: email_status,
                },
                "caused_by": actor_label,
            },
        )
    return {"notification": notification.pk, "created": created, "email": email_status}


def _claim_email(notification: Notification, recipient: Any) -> tuple[Delivery, bool]:
    """The e-mail delivery row, created (claimed) by the first worker only."""
    preference = preference_of(recipient)
    address = (recipient.email or "").strip()
    if not preference.email:
        status, error = DeliveryStatus.SKIPPED, SkipReason.OPTED_OUT.value
    elif not address:
        status, error = DeliveryStatus.SKIPPED, SkipReason.NO_ADDRESS.value
    else:
        status, error = DeliveryStatus.PENDING, ""
    return Delivery.objects.get_or_create(
        notification=notification,
        channel=Channel.EMAIL,
        defaults={"status": status, "address": address, "error": error},
    )


def compose_email(notification: Notification, recipient: Any, language: str) -> EmailMessage:
    """The e-mail of a notification in the recipient's language: subject, body and a link back."""
    message = render_message(notification.kind, notification.context, language)
    with translation.override(language):
        lines = [message.body]
        if notification.url:
            lines += [
                "",
                _("Open: %(url)s") % {"url": settings.KERJASAMA_SITE_URL.rstrip("/") + notification.url},
            ]
        lines += [
            "",
            "-- ",
            _("Kerjasama sent this notification. Your notifications and settings: %(url)s")
            % {"url": settings.KERJASAMA_SITE_URL.rstrip("/") + "/notifikasi/"},
        ]
    return EmailMessage(
        subject=SUBJECT_PREFIX + message.subject,
        body="\n".join(lines),
        to=[recipient.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )


def _send_email(claim: Delivery, notification: Notification, recipient: Any) -> str:
    language = preference_of(recipient).language
    try:
        compose_email(notification, recipient, language).send(fail_silently=False)
    except Exception as exc:  # SMTP, DNS, TLS or backend errors: recorded on the delivery, never raised
        logger.warning("notification %s: e-mail to %s failed: %s", notification.pk, claim.address, exc)
        Delivery.objects.filter(pk=claim.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
        )
        return DeliveryStatus.FAILED.value
    Delivery.objects.filter(pk=claim.pk, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now()
    )
    return DeliveryStatus.SENT.value
