"""Notifications: what was sent to whom, when, about which record, and by which channel.

A :class:`Notification` is one message to one official about one record (an identification today; agreements,
deadlines and disputes next). It is created once: ``key`` is an idempotency key unique per recipient, so a
retried delivery task or a repeated event never notifies twice. Each channel it went out on (in the
application, e-mail) leaves one :class:`Delivery` row, which together form the per-object sent log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.notifications.choices import Channel, DeliveryStatus, Language, NotificationKind


class Notification(models.Model):
    """One notification to one recipient (in-app, and the source of its e-mail).

    The message is not stored as text: ``kind`` and ``context`` are, and the subject and body are rendered
    from the kind's templates in the reader's language when shown or e-mailed.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60, choices=NotificationKind.choices)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=80)
    object_label = models.CharField(_("object label"), max_length=300, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The region the record belongs to; it decides who may read the sent log."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    key = models.CharField(_("idempotency key"), max_length=200)
    actor_label = models.CharField(_("caused by"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    # A user's notifications are theirs alone, whoever they are (the ministry reads only its own too).
    restriction = Restriction(user_field="recipient", national_sees_all=False)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notifications_once_per_recipient"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notifications_unread"),
            models.Index(fields=["object_type", "object_id"], name="notifications_object"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.object_type}:{self.object_id})"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Delivery(models.Model):
    """One channel of one notification: whether it was sent, skipped (and why) or failed (and the error).

    The sent log of a record is visible to those whose jurisdiction covers the record's region (Kemendagri
    and system admins everywhere, a province over its kab/kota, a region over itself) and to the recipient.
    """

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices)
    address = models.CharField(_("address"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    restriction = Restriction(region_fields=("notification__region",), user_field="notification__recipient")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="notifications_one_per_channel"),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="notifications_delivery_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.channel}: {self.status}"


class NotificationPreference(models.Model):
    """How one official wants to be notified: the language of the messages and whether to get e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.INDONESIAN
    )
    email = models.BooleanField(_("send e-mail"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}, e-mail={'on' if self.email else 'off'}"


class PendingNotification(models.Model):
    """A notification scheduled by a committed change and not yet delivered (a transactional outbox).

    ``notify`` writes one row per recipient in the caller's transaction, so the intent to notify commits or
    rolls back with the change itself; the delivery task deletes the row once delivered. A queue that was down
    when the change committed (Redis) therefore loses nothing: the hourly ``notifications.redeliver`` task
    delivers every row left behind (delivery is idempotent, so a row whose task did run is harmless).
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pending notification")
        verbose_name_plural = _("pending notifications")

    def __str__(self) -> str:
        return f"{self.payload.get('kind', '')} → {self.recipient_id}"
