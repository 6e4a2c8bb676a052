"""The periodic report upward of a region's cooperations (*laporan pelaksanaan kerja sama daerah*).

PP 28/2018 Pasal 44(5) puts the monitoring of regional cooperation under PP 12/2017, whose Pasal 24 sends the
reports from the bupati/wali kota to the governor as central government's representative (GWPP), and from
the governor to the Minister [V by reference, REGULATIONS.md §1.8, R30]. One report per region and period
(frequency a setting: ``reports.conf``); its content is generated from the data (``reports.domain.content``)
and frozen when submitted. Who sees it: the region's own officials, the governor's office (and the province's
officials) of its province, and the ministry (the region's jurisdiction: ``Restriction(region_fields)``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.reports.choices import ReportLevel, ReportPeriod, ReportStatus

TEXT_MAX_LENGTH = 4000
NUMBER_MAX_LENGTH = 100
NAME_MAX_LENGTH = 200
NIP_MAX_LENGTH = 30


class PeriodicReport(models.Model):
    """A region's report for one period: drafted from the data, submitted upward, accepted or returned."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=10, choices=ReportLevel.choices)
    period_kind = models.CharField(_("period"), max_length=10, choices=ReportPeriod.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_label = models.CharField(_("period"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    number = models.CharField(_("letter number"), max_length=NUMBER_MAX_LENGTH, blank=True)
    report_date = models.DateField(_("letter date"), null=True, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=NAME_MAX_LENGTH, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=NAME_MAX_LENGTH, blank=True)
    signatory_nip = models.CharField(_("signatory's NIP"), max_length=NIP_MAX_LENGTH, blank=True)
    unit_notes = models.TextField(
        _("notes of the unit"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    #: The generated content (``reports.domain.content``); frozen once submitted.
    content = models.JSONField(_("content"), default=dict)
    generated_at = models.DateTimeField(_("generated at"))
    #: For a province report: the kab/kota reports it consolidates (their frozen snapshots).
    consolidated = models.ManyToManyField(
        "self",
        verbose_name=_("consolidated reports"),
        symmetrical=False,
        blank=True,
        related_name="consolidated_in",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(
        _("reason for returning"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["content"])
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-period_start", "region"]
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        constraints = [
            models.UniqueConstraint(fields=["region", "period_start"], name="reports_one_per_region_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="reports_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.region_id}"

    @property
    def title(self) -> str:
        """ "Laporan Pelaksanaan Kerja Sama Daerah Semester I Tahun 2026" (the letter's subject)."""
        label = self.period_label
        if label.startswith("Semester "):
            head, _sep, year = label.rpartition(" ")
            label = f"{head} Tahun {year}"
        return f"Laporan Pelaksanaan Kerja Sama Daerah {label}"
