"""Enumerations of the privacy app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    """The data subject's rights a request exercises (UU 27/2022 Pasal 5-9, 11 [U])."""

    ACCESS = "access", _("Access to and a copy of one's data (akses)")
    CORRECTION = "correction", _("Correction (pembetulan)")
    RESTRICTION = "restriction", _("Restriction of processing (pembatasan)")
    DELETION = "deletion", _("Deletion where lawful (penghapusan)")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused with reasons")


class BreachStatus(models.TextChoices):
    OPEN = "open", _("Recorded, not yet notified")
    NOTIFIED = "notified", _("Notified")


class RetentionActionKind(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymised")
    ERASE = "erase", _("Erased")
