"""The official business audit trail (house rule 3, first layer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def visible_to(self, user: object) -> AuditEventQuerySet:
        """Audit events are shown to system admins, the ministry and auditors; others see their own acts."""
        from kerjasama.accounts.policy import jurisdiction_of

        scope = jurisdiction_of(user)
        if scope.sees_audit_trail:
            return self
        if scope.user_id is None:
            return self.none()
        return self.filter(actor_id=scope.user_id)


class AuditEvent(models.Model):
    """One business event: who did what to which record, when, with the values before and after.

    Rows are only ever added (services write them through ``kerjasama.core.audit.record``); the admin shows
    them read-only.
    """

    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=200)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, db_index=True)
    object_id = models.CharField(_("object id"), max_length=80, db_index=True)
    object_label = models.CharField(_("object label"), max_length=300, blank=True)
    old = models.JSONField(_("before"), null=True, blank=True)
    new = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"
