"""Enumerations of the reports app (house rule 7), with Indonesian labels through gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    """A periodic report upward: drafted from the data, submitted, then accepted by the recipient (or returned
    with a reason, back to draft)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")


#: Reports that were sent upward (a province consolidates them; the ministry counts them as reported).
SENT_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class ReportPeriod(models.TextChoices):
    """How often a region reports (``KERJASAMA_REPORT_PERIOD``; the regulation sets no frequency [U])."""

    SEMESTER = "semester", _("Per semester")
    TAHUNAN = "tahunan", _("Yearly")


class ReportLevel(models.TextChoices):
    """Who reports: a kab/kota to the governor (GWPP), a province to the Minister (PP 12/2017 Pasal 24)."""

    KABKOTA = "kabkota", _("Regency/city")
    PROVINSI = "provinsi", _("Province")
