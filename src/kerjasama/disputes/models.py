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
    Forum,
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
    # Facilitation by the resolver (UU 23/2014 Pasal 370(1)-(3)); bounded by KERJASAMA_DISPUTE_FACILITATION_DAYS.
    facilitation_deadline = models.DateField(_("facilitation deadline"), null=True, blank=True)
    evaluation = models.TextField(
        _("neutral evaluation"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    # The decision (Pasal 370(1)-(4)); for a KSDPK case, the forum of the agreement's clause and its outcome.
    decision_deadline = models.DateField(_("decision deadline"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=120, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_text = models.TextField(
        _("decision"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    decision_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: True only for the Minister's decision ("bersifat final", Pasal 370(4)); never for a governor's.
    decision_final = models.BooleanField(_("final"), default=False)
    #: The law's wording of the decision's status, shown with it (``services.decision_wording``).
    decision_basis = models.TextField(_("legal basis of the decision"), blank=True)
    forum = models.CharField(_("forum"), max_length=12, choices=Forum.choices, blank=True)
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


class DisputeNumberedRecord(models.Model):
    """What a dispute's numbered meeting records share (a deliberation round, a facilitation session): who
    recorded it and when, read within the dispute's case restriction. Numbered per dispute by
    ``services._record_numbered``."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        abstract = True
        ordering = ["dispute", "number"]


class DeliberationRound(DisputeNumberedRecord):
    """One meeting of the deliberation (*musyawarah mufakat*): date, minutes, the issue list the parties
    confirm (``confirmed_parties``: ids of ``DisputeParty``)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    meeting_date = models.DateField(_("meeting date"))
    minutes = models.TextField(_("minutes"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    issues = models.JSONField(_("issues"), default=list)
    confirmed_parties = models.JSONField(_("confirmed by"), default=list)
    history = HistoricalRecords()

    class Meta(DisputeNumberedRecord.Meta):
        verbose_name = _("deliberation round")
        verbose_name_plural = _("deliberation rounds")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "number"], name="disputes_one_round_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.dispute_id} #{self.number}"


class FacilitationSession(DisputeNumberedRecord):
    """One facilitation session held by the resolver after a failed deliberation (UU 23/2014 Pasal 370(1)-(3)):
    its date, who attended for each party (``attendees``: ``[{"party": DisputeParty id, "names": text}]``)
    and a summary (the minutes)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("session"))
    session_date = models.DateField(_("session date"))
    attendees = models.JSONField(_("attendees"), default=list)
    summary = models.TextField(_("summary"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    history = HistoricalRecords()

    class Meta(DisputeNumberedRecord.Meta):
        verbose_name = _("facilitation session")
        verbose_name_plural = _("facilitation sessions")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "number"], name="disputes_one_session_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.dispute_id} F#{self.number}"


class ClarificationRequest(models.Model):
    """The resolver asks one party to clarify something by a due date; the party answers (facilitation)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="clarifications")
    party = models.ForeignKey(DisputeParty, on_delete=models.PROTECT, related_name="clarifications")
    question = models.TextField(_("question"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    due_date = models.DateField(_("due date"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        ordering = ["dispute", "due_date", "id"]
        verbose_name = _("clarification request")
        verbose_name_plural = _("clarification requests")

    def __str__(self) -> str:
        return f"{self.dispute_id} K#{self.pk}"


class DisputeOrder(models.Model):
    """What the decision orders one party to do by when (issue 12 item 3: implementation tracked as obligations
    on the parties). Where the case's agreement is in force, a one-off ``obligations.Obligation`` mirrors it
    (``obligation``) so the agreement's obligations page shows it. ``status`` is ``open`` until the party
    records its fulfilment; the resolver then confirms it (``confirmed_at``); an open order past its due date
    reads as late (``effective_status``)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")
        LATE = "late", _("Late")

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="orders")
    party = models.ForeignKey(DisputeParty, on_delete=models.PROTECT, related_name="orders")
    action = models.TextField(_("what must be done"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    fulfilment_note = models.TextField(
        _("fulfilment note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    obligation = models.ForeignKey(
        "obligations.Obligation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        ordering = ["dispute", "position", "id"]
        verbose_name = _("ordered action")
        verbose_name_plural = _("ordered actions")

    def __str__(self) -> str:
        return f"{self.dispute_id} P#{self.position + 1}"

    def effective_status(self, today: Any) -> str:
        """``late`` for an open order past its due date, else the stored status."""
        if self.status == self.Status.OPEN and today > self.due_date:
            return self.Status.LATE
        return self.status


class DisputeLesson(models.Model):
    """A lesson recorded at the closure of a case (issue 12 item 7: the evidence base for the ministry's dispute
    guideline). Recorded only on a closed case by its parties, the resolver or the ministry; as confidential as
    the case (``CaseRestriction``); published only anonymised and aggregated (``disputes.statistics``)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = CaseRestriction(prefix="dispute__")

    class Meta:
        ordering = ["dispute", "recorded_at", "id"]
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")

    def __str__(self) -> str:
        return f"{self.dispute_id}: {self.text[:60]}"


# --- Early warning: the risk event log, the stored assessments and the regions' aggregates (issue 12 items 5
# and 9). Self-contained block (``early_warning.py`` reads and writes these). No regulation defines a risk of
# dispute (UU 23/2014 Pasal 370 and PP 28/2018 Pasal 8, 21 only say who settles one): the indicators are the
# system's documented heuristics (``domain/``). A high score is not proof of a dispute.

#: Who sees the risk of an agreement: exactly who sees the agreement (its party regions' officials, the
#: governor's office of their province, the ministry, a third party for its own agreements).
_RISK_THROUGH_AGREEMENT = Restriction(
    region_fields=("agreement__parties__region",), organisation_field="agreement__parties__organisation"
)


class RiskEventKind(models.TextChoices):
    """The events the system has no other source for, recorded by hand (the engine's vocabulary,
    ``domain.events.EVENT_KINDS``); the rest (obligations, payments, monev, addenda, extensions, settlements,
    disputes) is read from the other apps' rows."""

    LEADERSHIP_CHANGE = "leadership_change", _("Change of head of region")
    COMMUNITY_PROTEST = "community_protest", _("Community protest or rejection")
    SERVICE_INTERRUPTION = "service_interruption", _("Service interruption")
    WARNING_LETTER = "warning_letter", _("Warning letter (SP1-SP3)")
    AUDIT_FINDING = "audit_finding", _("Audit finding (BPK/BPKP/Inspektorat)")
    COMPLAINT = "complaint", _("Complaint")
    REGULATION_CHANGE = "regulation_change", _("Change of regulation")
    TARIFF_REVIEW_DONE = "tariff_review_done", _("Tariff or fee review done")
    ADDENDUM_UNAPPROVED = "addendum_unapproved", _("Addendum without the required approval")
    TRANSITION_PLAN = "transition_plan", _("Transition plan agreed")


class RiskEvent(models.Model):
    """One event of the risk event log, recorded by a party's cooperation unit, the governor's office or the
    ministry (``disputes.record_risk_event``)."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="risk_events", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=RiskEventKind.choices)
    date = models.DateField(_("date"))
    #: The party concerned (None: the agreement as a whole).
    party = models.ForeignKey(
        "agreements.AgreementParty", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount = models.DecimalField(_("amount (rupiah)"), max_digits=18, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _RISK_THROUGH_AGREEMENT

    class Meta:
        ordering = ["agreement", "-date", "-id"]
        verbose_name = _("risk event")
        verbose_name_plural = _("risk events")
        indexes = [models.Index(fields=["agreement", "date"], name="disputes_riskevent_agr_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class RiskAssessment(models.Model):
    """The stored early-warning assessment of one agreement (the engine's output), recomputed as its events
    change (``tasks.recompute_agreement_risk``) and daily. ``evidence_events``: the events cited by the
    indicators, by their index (``{"3": {"date", "kind", "party", "amount_idr", "days_late", "rating", "note",
    "source"}}``), so the page shows what lies behind each indicator."""

    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="risk_assessment"
    )
    score = models.FloatField(_("score"))
    band = models.PositiveSmallIntegerField(_("band"))
    label_id = models.CharField(max_length=30)
    label_en = models.CharField(max_length=30)
    indicators = models.JSONField(_("indicators"), default=list)
    mitigations = models.JSONField(_("mitigations"), default=list)
    evidence_events = models.JSONField(default=dict)
    completeness = models.FloatField(_("data completeness"))
    as_of = models.DateField(_("as of"))
    computed_at = models.DateTimeField(_("computed at"))

    objects = RestrictedQuerySet.as_manager()
    restriction = _RISK_THROUGH_AGREEMENT

    class Meta:
        ordering = ["-band", "-score", "agreement_id"]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        indexes = [models.Index(fields=["-band", "-score"], name="disputes_risk_band_score")]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.score} ({self.band})"


class RegionRisk(models.Model):
    """The aggregate of a region's (or a province's, over its kab/kota and itself) active agreements: the
    highest band, the mean score, how many agreements per band."""

    region = models.OneToOneField("regions.Region", on_delete=models.CASCADE, related_name="+")
    agreements = models.PositiveIntegerField(_("agreements"), default=0)
    max_band = models.PositiveSmallIntegerField(_("highest band"), default=1)
    mean_score = models.FloatField(_("mean score"), default=0.0)
    #: ``{"1": n, ..., "5": n}``.
    band_counts = models.JSONField(_("agreements per band"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-max_band", "-mean_score", "region_id"]
        verbose_name = _("regional risk")
        verbose_name_plural = _("regional risks")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.max_band}"


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
