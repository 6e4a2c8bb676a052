"""Monitoring and evaluation (*pemantauan dan evaluasi*, monev) of agreements in force.

PP 28/2018 Pasal 44(5): monitoring and evaluation of regional cooperation follow the rules on *pembinaan dan
pengawasan penyelenggaraan pemerintahan daerah*, i.e. PP 12/2017, whose Pasal 24 sends reports from the
bupati/wali kota to the governor as central government's representative (GWPP) and from the governor to the
Minister [V by reference, REGULATIONS.md §1.8, R30]. UU 23/2014 Pasal 368 names the GWPP as the monitor of
kab/kota cooperation in its province. The period and format are not set by any source [U]: the period is a
setting (``kerjasama.monev.conf``), a semester by default.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.monev.choices import AssessmentStatus

TEXT_MAX_LENGTH = 4000
REF_MAX_LENGTH = 200


def _through_period() -> Restriction:
    # Seen wherever the agreement is seen (its party regions' jurisdictions, the third party's organisation).
    return Restriction(
        region_fields=("period__agreement__parties__region",),
        organisation_field="period__agreement__parties__organisation",
    )


class MonevPeriod(models.Model):
    """One monev period (*periode pemantauan dan evaluasi*) of an agreement in force, generated from its
    ``term_start`` (``services.generate_periods``); each party reports on it by its ``due`` date."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="monev_periods",
    )
    sequence = models.PositiveIntegerField(_("number"))
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    due = models.DateField(_("self-assessment due"))
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(
        region_fields=("agreement__parties__region",), organisation_field="agreement__parties__organisation"
    )

    class Meta:
        ordering = ["agreement", "start"]
        verbose_name = _("monev period")
        verbose_name_plural = _("monev periods")
        indexes = [models.Index(fields=["due"], name="monev_period_due")]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "start"], name="monev_one_period_per_start"),
            models.UniqueConstraint(fields=["agreement", "sequence"], name="monev_one_period_per_number"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="monev_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"


class SelfAssessment(models.Model):
    """A party's self-assessment (*evaluasi mandiri*) for one period: progress against the PKS work plan,
    outputs, budget realised, problems and follow-up (REGULATIONS.md §1.8, "what a report should hold" [U]).

    Revisions: a draft is edited in place; once submitted it is fixed, and a correction is a new revision
    (``revision`` + 1), so what was submitted on a date stays answerable."""

    period = models.ForeignKey(
        MonevPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="self_assessments"
    )
    party = models.ForeignKey(
        "agreements.AgreementParty", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    progress_percent = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    outputs = models.TextField(_("outputs"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    budget_realised = models.DecimalField(
        _("budget realised (rupiah)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    problems = models.TextField(_("problems"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    follow_up = models.TextField(_("follow-up"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_period()

    class Meta:
        ordering = ["period", "party", "revision"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["period", "party", "revision"], name="monev_one_revision_number"),
            models.UniqueConstraint(
                fields=["period", "party"], condition=Q(status="draft"), name="monev_one_open_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.party_id} · r{self.revision}"


class TkksdEvaluation(models.Model):
    """The evaluation by a party region's TKKSD of that party's implementation in one period, with a rating
    (scale a setting [U]) and notes, linked to the TKKSD meeting decision that took it where there is one
    (``tkksd`` subject ``monev.monevperiod``), else the meeting reference as text."""

    period = models.ForeignKey(
        MonevPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="tkksd_evaluations"
    )
    party = models.ForeignKey(
        "agreements.AgreementParty", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.CharField(_("rating"), max_length=20)
    notes = models.TextField(_("notes"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    decision = models.ForeignKey(
        "tkksd.Decision",
        verbose_name=_("TKKSD decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting_ref = models.CharField(_("meeting reference"), max_length=REF_MAX_LENGTH, blank=True)
    evaluated_at = models.DateTimeField(_("recorded at"))
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_period()

    class Meta:
        ordering = ["period", "party"]
        verbose_name = _("TKKSD evaluation")
        verbose_name_plural = _("TKKSD evaluations")
        constraints = [
            models.UniqueConstraint(fields=["period", "party"], name="monev_one_tkksd_evaluation"),
        ]

    def __str__(self) -> str:
        return f"TKKSD {self.period} · {self.rating}"


class GovernorEvaluation(models.Model):
    """The evaluation by the governor's office (GWPP) of a province of an agreement with a party in its
    province, for one period (UU 23/2014 Pasal 368; PP 12/2017 Pasal 24(1) via PP 28/2018 Pasal 44(5))."""

    period = models.ForeignKey(
        MonevPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="governor_evaluations"
    )
    province = models.ForeignKey(
        "regions.Region", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(_("rating"), max_length=20)
    notes = models.TextField(_("notes"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    evaluated_at = models.DateTimeField(_("recorded at"))
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_period()

    class Meta:
        ordering = ["period", "province"]
        verbose_name = _("governor's evaluation")
        verbose_name_plural = _("governor's evaluations")
        constraints = [
            models.UniqueConstraint(fields=["period", "province"], name="monev_one_governor_evaluation"),
        ]

    def __str__(self) -> str:
        return f"GWPP {self.province_id} {self.period} · {self.rating}"
