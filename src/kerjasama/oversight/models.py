"""Publication consent: each party's recorded decision on showing an agreement in the public register.

UU 14/2008 Pasal 11 counts agreements of a public body with third parties among the information available at
any time [U]; Pasal 17 lists the exceptions a body may invoke to withhold part of it. The system never decides
for a party: an agreement is public only once every party has consented (``selectors.publication_state``),
and each withheld part stays out of the register with its Pasal 17 reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.oversight.choices import (
    AnnualReportStatus,
    ConsentDecision,
    PublicationState,
    WithheldItem,
    WithholdingReason,
)


class PublicationConsent(models.Model):
    """One party's current decision on publishing one agreement (changed in place; history keeps the past).

    ``withheld`` is a list of ``{"item": WithheldItem, "reason": WithholdingReason}``."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="publication_consents",
    )
    party = models.ForeignKey(
        "agreements.AgreementParty", verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ConsentDecision.choices)
    withheld = models.JSONField(_("withheld items"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    is_example = models.BooleanField(_("example data"), default=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(
        region_fields=("agreement__parties__region",), organisation_field="agreement__parties__organisation"
    )

    class Meta:
        ordering = ["agreement", "party"]
        verbose_name = _("publication consent")
        verbose_name_plural = _("publication consents")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="oversight_one_consent_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}/{self.party_id}: {self.decision}"

    def withheld_items(self) -> set[str]:
        return {str(entry.get("item")) for entry in self.withheld or []}

    def withheld_labels(self) -> list[str]:
        """Each withheld part with its reason, in words ("Value: Pasal 17(b): ...")."""
        items, reasons = dict(WithheldItem.choices), dict(WithholdingReason.choices)
        return [
            f"{items.get(e.get('item'), e.get('item'))} — {reasons.get(e.get('reason'), e.get('reason'))}"
            for e in self.withheld or []
        ]


class QualitySummary(models.Model):
    """The precomputed data-quality score of one autonomous region (issue 13 item 5; ``oversight.quality``),
    written by ``kerjasama quality-recompute`` (``quality_services.recompute_quality``) so the rankings read a
    constant, small number of rows. It describes the data; it hides nothing."""

    region = models.OneToOneField(
        "regions.Region",
        verbose_name=_("region"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="quality_summary",
    )
    score = models.FloatField(_("score"))
    parts = models.JSONField(_("parts"), default=dict, blank=True)
    agreements = models.PositiveIntegerField(_("agreements"), default=0)
    findings = models.PositiveIntegerField(_("findings"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-score", "region"]
        verbose_name = _("data-quality summary")
        verbose_name_plural = _("data-quality summaries")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.score}"


class AgreementPublication(models.Model):
    """The stored publication state of one agreement (``oversight.publication_store``), so the public register,
    the open data and the public API read an indexed column instead of recounting every agreement's parties and
    consents per request (issue 13 items 3-4).

    It is derived data: ``state`` is always what ``selectors.state_of`` gives for the agreement's parties,
    consents and stage (UU 14/2008 Pasal 11: published only once every party consented [U]). The consent
    service and every save of an agreement, a party or a consent refresh it (``publication_store.connect``);
    ``kerjasama publication-recompute`` rebuilds every row (after ``KERJASAMA_PUBLIC_REGISTER_STAGES`` changes
    or bulk writes, which send no signal). An agreement without a row is not published."""

    agreement = models.OneToOneField(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        primary_key=True,
        on_delete=models.CASCADE,
        # No database constraint: a cascade deleting an agreement may refresh (and so re-create) the row while
        # deleting the parties, before the agreement goes; the agreement's own post_delete removes it then.
        db_constraint=False,
        related_name="publication",
    )
    state = models.CharField(_("state"), max_length=15, choices=PublicationState.choices, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["agreement"]
        verbose_name = _("publication state")
        verbose_name_plural = _("publication states")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.state}"


class DashboardSnapshot(models.Model):
    """The precomputed figures of one oversight dashboard (issue 13 item 1; ``oversight.dashboard``): the
    country (``scope="nasional"``), a province or an autonomous kab/kota, written by ``kerjasama
    dashboard-recompute`` and the hourly task (``dashboard_services.recompute_dashboards``) so each page reads one
    row whatever the data size. The figures are counts by code: no title, name or text of a record."""

    scope = models.CharField(_("scope"), max_length=20, primary_key=True)
    figures = models.JSONField(_("figures"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["scope"]
        verbose_name = _("dashboard snapshot")
        verbose_name_plural = _("dashboard snapshots")

    def __str__(self) -> str:
        return f"{self.scope}: {self.computed_at:%Y-%m-%d %H:%M}"


class AnnualReport(models.Model):
    """The annual summary of regional cooperation (*laporan tahunan kerja sama daerah*, issue 13 item 6) of the
    country (``scope="nasional"``, issued by Kemendagri, Ditjen Bina Administrasi Kewilayahan) or of one
    province (issued by its governor as central government's representative): PP 12/2017 Pasal 24 (the
    governor reports the supervision of the kab/kota upward) and PP 28/2018 Pasal 37 (Kemendagri's guidance and
    supervision of regional cooperation).

    One row per (scope, year), regenerated on request (``annual_services.request_annual_report``); its PDF and
    XLSX are written by a task from the dashboards' stored figures (``DashboardSnapshot``) into the documents
    storage, and read only through the permission-checked download. Counts only: no agreement's title."""

    scope = models.CharField(_("scope"), max_length=20)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=AnnualReportStatus.choices, default=AnnualReportStatus.QUEUED
    )
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveSmallIntegerField(_("steps in all"), default=0)
    pdf_name = models.CharField(_("PDF file"), max_length=200, blank=True)
    xlsx_name = models.CharField(_("XLSX file"), max_length=200, blank=True)
    data_as_of = models.DateTimeField(_("data as of"), null=True, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-year", "scope"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "year"], name="oversight_one_annual_report_per_scope_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.year}: {self.status}"

    @property
    def progress_percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0
