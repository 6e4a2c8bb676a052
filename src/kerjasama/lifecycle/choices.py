"""Enumerations of the lifecycle app (house rule 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SuccessionKind(models.TextChoices):
    """How a new agreement follows an old one. Both are a NEW agreement through the full current procedure
    (REGULATIONS.md §1.6, R19 [S: S-yogya]); the old end date is never edited."""

    PERPANJANGAN = "perpanjangan", _("Extension (perpanjangan)")
    PEMBARUAN = "pembaruan", _("Renewal (pembaruan)")


class SettlementStatus(models.TextChoices):
    """One item of the settlement at the end of a cooperation."""

    PENDING = "pending", _("Not yet settled")
    DONE = "done", _("Settled")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


#: Statuses that settle an item.
RESOLVED = (SettlementStatus.DONE, SettlementStatus.NOT_APPLICABLE)
