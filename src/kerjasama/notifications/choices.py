"""Enumerations of the notifications app (house rule 7): what a notification is about and how it went out."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """The stable kind of a notification: ``<app>.<event>``, never renamed once sent.

    Each kind has its message templates under ``notifications/messages/<kind>/`` (``subject.txt`` and
    ``body.txt``); a test checks that every kind has both.
    """

    IDENTIFICATION_SUBMITTED = "mapping.identification_submitted", _("Identification submitted to the TKKSD")
    IDENTIFICATION_VERIFIED = "mapping.identification_verified", _("Identification verified by the TKKSD")
    IDENTIFICATION_RETURNED = "mapping.identification_returned", _("Identification returned by the TKKSD")
    IDENTIFICATION_PUBLISHED = "mapping.identification_published", _("Identification published")
    IDENTIFICATION_WITHDRAWN = "mapping.identification_withdrawn", _("Identification withdrawn by its unit")
    IDENTIFICATION_COMMENTED = "mapping.identification_commented", _("Comment on an identification")
    TKKSD_DECISION_RECORDED = "tkksd.decision_recorded", _("TKKSD decision recorded")
    AGREEMENT_UPDATED = "agreements.agreement_updated", _("A step on a cooperation agreement")
    DEADLINE_REMINDER = "deadlines.reminder", _("A deadline is coming up")
    REPORT_UPDATED = "reports.report_updated", _("A step on a periodic cooperation report")
    DISPUTE_UPDATED = "disputes.dispute_updated", _("A step on a dispute case")
    PRIVACY_OVERDUE = "privacy.overdue", _("A personal-data deadline of 3x24 hours has passed")


class Channel(models.TextChoices):
    """How a notification reaches its recipient."""

    IN_APP = "in_app", _("In the application")
    EMAIL = "email", _("E-mail")


class DeliveryStatus(models.TextChoices):
    """What happened to one delivery.

    ``pending`` marks an e-mail claimed by a worker and not yet handed to the mail server; a worker that dies
    in between leaves it pending rather than risk sending it twice.
    """

    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class SkipReason(models.TextChoices):
    """Why a channel was skipped (kept in the delivery's ``error`` field as a stable code)."""

    NO_ADDRESS = "no_address", _("The recipient has no e-mail address")
    OPTED_OUT = "opted_out", _("The recipient turned e-mail off")


class Language(models.TextChoices):
    """The language a recipient reads notifications in (the site's ``LANGUAGES``; Indonesian by default)."""

    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")
