"""Enumerations of the obligations app (house rule 7), with Indonesian labels through gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationKind(models.TextChoices):
    """What a party owes under the PKS's clause on rights and obligations (*hak dan kewajiban*)."""

    PAYMENT = "payment", _("Payment")
    SERVICE = "service", _("Service")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class Recurrence(models.TextChoices):
    """How often an obligation falls due (``domain.recurrence.STEP_MONTHS``)."""

    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMESTER = "semester", _("Every semester")
    YEARLY = "yearly", _("Yearly")


class DueStatus(models.TextChoices):
    """The status of one occurrence (*jatuh tempo*) of an obligation."""

    PENDING = "pending", _("Pending")
    FULFILLED = "fulfilled", _("Fulfilled")
    LATE = "late", _("Late")
    WAIVED = "waived", _("Waived")


#: Occurrences that may still be fulfilled or waived.
OPEN_STATUSES = (DueStatus.PENDING, DueStatus.LATE)


class ConfirmationOutcome(models.TextChoices):
    """The counterparty's answer to a recorded fulfilment (payment received, service delivered)."""

    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")


class EscalationLevel(models.IntegerChoices):
    """The steps of the ladder a late occurrence walks (days late: ``KERJASAMA_OBLIGATION_ESCALATION_DAYS``)."""

    REMINDER = 0, _("Reminder to the owner")
    ESCALATION = 1, _("Escalation (eskalasi) to the cooperation unit")
    PARTNER_AND_GOVERNOR = 2, _("Visible to the partner and the governor's office")
