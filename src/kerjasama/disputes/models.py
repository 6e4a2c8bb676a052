"""Dispute cases (*perselisihan*) arising from regional cooperation (issue 12, items 1-3).

Who settles: the governor as representative of the central government for kab/kota of one province (UU 23/2014
Pasal 91(3) huruf c, 370(1)); the Minister where a province is a party or the governor cannot settle it (Pasal
92, 370(2)-(4)); the agreement's clause for a KSDPK (PP 28/2018 Pasal 21); the rulebook decides
(``rulebook.resolve_dispute``), the resolver confirms or corrects it at screening.

A case is CONFIDENTIAL: it is visible to its parties (their regions' own officials, a third party's or
ministry's own users), to the resolver in effect (the governor's office of that province) and to the ministry
(national oversight), never to an uninvolved region, not even the province of a party that is not the resolver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction, Scope
from kerjasama.disputes.choices import (
    DisputeKind,
    DisputeRole,
    DisputeStage,
    Initiator,
    Resolver,
    ScreeningOutcome,
    Sector,
)

TEXT_MAX_LENGTH = 4000
TITLE_MAX_LENGTH = 300


@dataclass(frozen=True)
class CaseRestriction(Restriction):
    """Exact membership instead of the jurisdiction's province-wide reach: a region sees a case only as a
    party (its own code among the parties) or as the resolver in effect (``resolver_region``); an
    organisation only as a party; the ministry everything (``national_sees_all``)."""

    prefix: str = ""

    def q(self, scope: Scope, action: str) -> Q | None:
        if scope.national:
            return None
        p = self.prefix
        q = Q(pk__in=[])
        if scope.user_id is None:
            return q
        own = scope.region_code or scope.province_code
        if own:
            q |= Q(**{f"{p}parties__region_id": own}) | Q(**{f"{p}resolver_region_id": own})
        if scope.organisation_id is not None:
            q |= Q(**{f"{p}parties__organisation_id": scope.organisation_id})
        return q

    def fields(self) -> tuple[str, ...]:
        p = self.prefix
        return (f"{p}parties__region", f"{p}parties__organisation", f"{p}resolver_region")


class Dispute(models.Model):
    """One dispute case, from registration through screening and deliberation (issue 12, items 1-3)."""

    number = models.CharField(_("number"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    #: None: a cooperation without a written agreement, an asset split after pemekaran, a synergy.
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.PROTECT, related_name="disputes"
    )
    kind = models.CharField(_("kind of cooperation"), max_length=10, choices=DisputeKind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    #: Codes of ``choices.Cause`` (several allowed; validated by the services).
    causes = models.JSONField(_("causes"), default=list)
    claims = models.TextField(_("claims"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    initiated_by = models.CharField(_("initiated by"), max_length=10, choices=Initiator.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    stage = models.CharField(
        _("stage"), max_length=16, choices=DisputeStage.choices, default=DisputeStage.REGISTERED
    )
    # The rulebook's proposal at registration.
    proposed_resolver = models.CharField(_("proposed resolver"), max_length=10, choices=Resolver.choices)
    proposed_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_basis = models.TextField(_("legal basis of the proposal"), blank=True)
    legal_review = models.BooleanField(_("flagged for legal review"), default=False)
    #: What the screening must look at: ``[{"code", "message_id", "message_en", "basis"}]``.
    flags = models.JSONField(_("screening flags"), default=list)
    # The resolver in effect: the proposal until screening, then the confirmed or corrected one.
    resolver = models.CharField(_("resolver"), max_length=10, choices=Resolver.choices)
    resolver_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolver_basis = models.TextField(_("legal basis"), blank=True)
    screening_outcome = models.CharField(
        _("screening outcome"), max_length=16, choices=ScreeningOutcome.choices, blank=True
    )
    screening_reason = models.TextField(
        _("screening reason"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    referred_to = models.TextField(
        _("where it goes instead"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    deliberation_deadline = models.DateField(_("deliberation deadline"), null=True, blank=True)
    closing_reason = models.TextField(
        _("closing reason"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class DisputeParty(models.Model):
    """A party to the case: a region, or an organisation (a third party, a ministry of a synergy)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=DisputeRole.choices)
    #: False: the party does not take part; the path proceeds without it (issue 12 item 3).
    took_part = models.BooleanField(_("takes part"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        ordering = ["dispute", "position", "id"]
        verbose_name = _("dispute party")
        verbose_name_plural = _("dispute parties")
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False, organisation__isnull=True)
                | Q(region__isnull=True, organisation__isnull=False),
                name="disputes_party_region_xor_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        target: Any = self.region if self.region_id else self.organisation
        return str(getattr(target, "name", target))


class DeliberationRound(models.Model):
    """One meeting of the deliberation (*musyawarah mufakat*): date, minutes, the issue list the parties
    confirm (``confirmed_parties``: ids of ``DisputeParty``)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    meeting_date = models.DateField(_("meeting date"))
    minutes = models.TextField(_("minutes"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    issues = models.JSONField(_("issues"), default=list)
    confirmed_parties = models.JSONField(_("confirmed by"), default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        ordering = ["dispute", "number"]
        verbose_name = _("deliberation round")
        verbose_name_plural = _("deliberation rounds")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "number"], name="disputes_one_round_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.dispute_id} #{self.number}"


class OutcomeKind(models.TextChoices):
    """What a dispute's outcome does to the agreement (issue 12 item 4)."""

    ADDENDUM = "adendum", _("Amend the agreement (addendum)")
    OBLIGATION = "kewajiban", _("Order an obligation")
    TERMINATION = "pengakhiran", _("Terminate the agreement")


class DisputeOutcome(models.Model):
    """One effect of a settlement or a decision on the agreement the case arises from (issue 12 item 4):
    an addendum recorded through ``lifecycle.services.record_amendment``, an obligation through
    ``obligations.services.add_obligation``, or the end of the cooperation through the lifecycle settlement
    (``ensure_settlement``) and ``terminate_agreement``. Confidential as the case (``CaseRestriction``)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=12, choices=OutcomeKind.choices)
    amendment = models.ForeignKey(
        "lifecycle.Amendment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispute_outcomes",
    )
    obligation = models.ForeignKey(
        "obligations.Obligation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispute_outcomes",
    )
    settlement = models.ForeignKey(
        "lifecycle.Settlement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispute_outcomes",
    )
    #: The stage of the case when the outcome was applied (``damai``: a settlement; otherwise a decision).
    stage = models.CharField(_("stage"), max_length=16, choices=DisputeStage.choices)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        ordering = ["dispute", "applied_at", "id"]
        verbose_name = _("dispute outcome")
        verbose_name_plural = _("dispute outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="adendum", amendment__isnull=False, obligation__isnull=True, settlement__isnull=True
                )
                | Q(
                    kind="kewajiban",
                    obligation__isnull=False,
                    amendment__isnull=True,
                    settlement__isnull=True,
                )
                | Q(
                    kind="pengakhiran",
                    settlement__isnull=False,
                    amendment__isnull=True,
                    obligation__isnull=True,
                ),
                name="disputes_outcome_reference_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dispute_id} {self.kind}"
