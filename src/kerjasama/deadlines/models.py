"""Reminders of deadlines (*pengingat tenggat*) and the private calendar tokens of the ICS feed.

A :class:`Reminder` is one message about one deadline, for one lead time, to one official: created once
(unique on item key, due date, lead and recipient), then sent once (claimed by compare-and-swap) or cancelled
when its deadline vanishes or moves (an extension or amendment of the agreement: issue 11 item 5). Its rows
are the per-agreement log of what was sent to whom; state changes are stamped on the row (``sent_at``,
``cancelled_at`` with the reason), and each ``kerjasama remind`` run writes one audit event with its counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.deadlines.choices import CancelReason, ReminderStatus


class Reminder(models.Model):
    """A reminder of a deadline ``lead_days`` before its ``due_date``, to one recipient, sent on ``send_on``."""

    key = models.CharField(_("deadline key"), max_length=200)
    source = models.CharField(_("source"), max_length=40)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_reminders",
    )
    due_date = models.DateField(_("due date"))
    lead_days = models.PositiveIntegerField(_("lead (days)"))
    working_days = models.BooleanField(_("working days"), default=False)
    send_on = models.DateField(_("send on"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.SCHEDULED
    )
    title_id = models.CharField(_("title (Indonesian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    #: The run that claimed it (compare-and-swap of a whole batch: ``scheduled`` -> ``sent`` with this token).
    claim = models.CharField(_("claimed by run"), max_length=32, blank=True, default="")
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=10, choices=CancelReason.choices, blank=True
    )

    # Whoever may view the agreement reads its log; the recipient always reads their own reminders.
    restriction = Restriction(
        region_fields=("agreement__parties__region",),
        organisation_field="agreement__parties__organisation",
        user_field="recipient",
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-send_on", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "due_date", "lead_days", "recipient"], name="deadlines_reminder_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReminderStatus.values), name="deadlines_reminder_status"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "send_on"], name="deadlines_due"),
            models.Index(fields=["agreement", "-send_on"], name="deadlines_agreement_log"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.due_date} -{self.lead_days}d → {self.recipient_id} ({self.status})"


class CalendarToken(models.Model):
    """A user's private calendar feed token; only its SHA-256 is stored (the token is shown once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    history = HistoricalRecords()
    restriction = Restriction(user_field="user", national_sees_all=False)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"{self.user_id} ({'revoked' if self.revoked_at else 'active'})"
