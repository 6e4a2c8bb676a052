"""The lifecycle of a cooperation in force: its amendments (*adendum*), its lineage (extension and renewal
as a new agreement), and the settlement at its end (*berakhirnya kerja sama*, PP 28/2018 Pasal 9, 22).

Every row is seen by whoever sees its agreement (one record seen identically by every party, issue 10); every
change goes through ``lifecycle.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.agreements.models import NUMBER_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.lifecycle.choices import SettlementStatus, SuccessionKind


def _through(path: str) -> Restriction:
    return Restriction(
        region_fields=(f"{path}__parties__region",), organisation_field=f"{path}__parties__organisation"
    )


class Amendment(models.Model):
    """An adendum to the PKS: a new, effective-dated version of some of its terms (object, scope, financing,
    value, the parties' shares). Never the term end: an extension is a new agreement (R19)."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="amendments",
        verbose_name=_("agreement"),
    )
    #: 1, 2, 3 … per agreement, in the order recorded.
    sequence = models.PositiveIntegerField(_("amendment number"))
    number = models.CharField(_("document number"), max_length=NUMBER_MAX_LENGTH, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    signed_on = models.DateField(_("signed on"))
    effective_from = models.DateField(_("effective from"))
    #: The changed terms (``lifecycle.domain.terms.TERM_FIELDS``), in their stored form.
    changes = models.JSONField(_("changed terms"), default=dict)
    reason = models.TextField(_("reason"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through("agreement")

    class Meta:
        ordering = ["agreement", "sequence"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "sequence"], name="lifecycle_amendment_sequence"),
        ]

    def __str__(self) -> str:
        return f"Adendum {self.sequence}: {self.title}"


class Succession(models.Model):
    """The lineage of a cooperation: ``successor`` is the new agreement that extends (*perpanjangan*) or renews
    (*pembaruan*) ``predecessor`` through the full procedure again (REGULATIONS.md §1.6, R19). One successor
    per predecessor; if the proposed successor is cancelled, a new proposal takes its place in the link."""

    predecessor = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="successor_link"
    )
    successor = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="predecessor_link"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through("predecessor")

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="lifecycle_succession_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id} ({self.kind})"


class Settlement(models.Model):
    """The settlement (*penyelesaian*) when a cooperation ends: a checklist of what the parties settle (assets,
    outstanding obligations, personnel, archives, financing; ``lifecycle.conf``), the ground of PP 28/2018
    Pasal 9(1) or 22, and the termination document."""

    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="settlement"
    )
    ground = models.CharField(_("ground for ending"), max_length=40, blank=True)
    document_number = models.CharField(
        _("termination document number"), max_length=NUMBER_MAX_LENGTH, blank=True
    )
    document_date = models.DateField(_("termination document date"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through("agreement")

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self) -> str:
        return f"Penyelesaian {self.agreement_id}"


class SettlementItem(models.Model):
    """One item of the settlement checklist: settled or not applicable, with a note."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(_("item"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=SettlementStatus.choices, default=SettlementStatus.PENDING
    )
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through("settlement__agreement")

    class Meta:
        ordering = ["settlement", "position", "id"]
        verbose_name = _("settlement item")
        verbose_name_plural = _("settlement items")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "key"], name="lifecycle_settlement_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.status}"
