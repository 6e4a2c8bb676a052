"""The official business audit trail (house rule 3, first layer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.scoping import RestrictedQuerySet, Restriction


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

    objects = RestrictedQuerySet.as_manager()
    # Shown whole to system admins, the ministry and auditors; everyone else sees only their own acts.
    restriction = Restriction(audit=True, user_field="actor", national_sees_all=False)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class ReferenceVersion(models.Model):
    """A counter that a service bumps, inside its transaction, whenever it changes a set of reference data.

    Caches of that data (the rulebook's national reference: regions, adjacency and its overrides, affairs and
    the authority matrix, functional areas) compare the counter, one indexed read, and rebuild when it moved.
    A row, not a process-local value, so every worker and server sees the same version; and bumped in the
    same transaction as the change, so a rolled-back change leaves the version as it was.
    """

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reference data version")
        verbose_name_plural = _("reference data versions")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
