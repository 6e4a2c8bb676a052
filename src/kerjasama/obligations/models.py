"""Obligations (*hak dan kewajiban*) of an agreement in force, their occurrences, confirmations, escalations.

The PKS states each party's rights and obligations (UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 6(4), 19(2); a
clause typical of Permendagri 22/2020 [U], REGULATIONS.md section 1.4). Here each obligation of a party is data:
who owes it, what, how much, how often; each occurrence (*jatuh tempo*) has its own status and evidence; the
other parties confirm or dispute a fulfilment, and a disagreement is a new row, never an overwrite (issue 11,
item 1). Who sees them: whoever may view the agreement (``Agreement`` restriction, through the agreement).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.obligations.choices import (
    ConfirmationOutcome,
    DueStatus,
    EscalationLevel,
    ObligationKind,
    Recurrence,
)

TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 300
UNIT_MAX_LENGTH = 200


def _through(prefix: str) -> Restriction:
    """Visible wherever the agreement is (its party regions' jurisdictions, a third party's own users)."""
    return Restriction(
        region_fields=(f"{prefix}parties__region",), organisation_field=f"{prefix}parties__organisation"
    )


class Obligation(models.Model):
    """A party's obligation (*kewajiban*) under the PKS: a payment (e.g. a monthly tipping fee), a service, a
    report, with its recurrence from the first due date to the last (by default the agreement's term end)."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="obligations"
    )
    party = models.ForeignKey(
        "agreements.AgreementParty",
        verbose_name=_("obligated party"),
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    owner_unit = models.CharField(_("owner unit"), max_length=UNIT_MAX_LENGTH, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ObligationKind.choices)
    amount = models.DecimalField(
        _("amount (rupiah)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    recurrence = models.CharField(_("recurrence"), max_length=10, choices=Recurrence.choices)
    first_due = models.DateField(_("first due date"))
    #: None: the agreement's term end (``effective_last_due``).
    last_due = models.DateField(_("last due date"), null=True, blank=True)
    source_clause = models.TextField(
        _("source clause (PKS)"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through("agreement__")

    class Meta:
        ordering = ["agreement", "first_due", "id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_due__isnull=True) | Q(last_due__gte=models.F("first_due")),
                name="obligations_last_after_first",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def effective_last_due(self) -> date | None:
        """The last date an occurrence may fall on: its own, else the agreement's term end (None: open)."""
        return self.last_due or self.agreement.term_end


class ObligationDue(models.Model):
    """One occurrence (*jatuh tempo*) of an obligation, with its status, fulfilment and evidence."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="dues")
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=DueStatus.choices, default=DueStatus.PENDING
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    fulfilment_note = models.TextField(
        _("fulfilment note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    #: The evidence (a ``documents.Document`` attached to the obligation: a transfer slip, minutes …).
    evidence = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waived_reason = models.TextField(
        _("reason for waiving"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through("obligation__agreement__")

    class Meta:
        ordering = ["obligation", "due_date", "id"]
        verbose_name = _("obligation due")
        verbose_name_plural = _("obligation dues")
        constraints = [
            models.UniqueConstraint(fields=["obligation", "due_date"], name="obligations_one_due_per_date"),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="obligations_due_status_date")]

    def __str__(self) -> str:
        return f"{self.obligation_id} @ {self.due_date:%Y-%m-%d}"


class FulfilmentConfirmation(models.Model):
    """The counterparty's answer to a fulfilment: confirmed (payment received, service delivered) or disputed,
    with a note. Every answer is a new row: a later disagreement never overwrites an earlier confirmation."""

    due = models.ForeignKey(ObligationDue, on_delete=models.CASCADE, related_name="confirmations")
    party = models.ForeignKey(
        "agreements.AgreementParty",
        verbose_name=_("confirming party"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=ConfirmationOutcome.choices)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = _through("due__obligation__agreement__")

    class Meta:
        ordering = ["due", "recorded_at", "id"]
        verbose_name = _("fulfilment confirmation")
        verbose_name_plural = _("fulfilment confirmations")

    def __str__(self) -> str:
        return f"{self.outcome} {self.due_id}"


class DueEscalation(models.Model):
    """One step of the escalation ladder taken for a late occurrence, recorded once (unique per level), so a
    second run of the daily escalation on the same day notifies nobody twice."""

    due = models.ForeignKey(ObligationDue, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("level"), choices=EscalationLevel.choices)
    days_late = models.PositiveIntegerField(_("days late"))
    on_date = models.DateField(_("escalated on"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = _through("due__obligation__agreement__")

    class Meta:
        ordering = ["due", "level"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(fields=["due", "level"], name="obligations_one_escalation_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.due_id} level {self.level}"
