"""Enumerations of the oversight app (house rule 7): publication decisions, what a party withholds and why.

The reasons to withhold are the exceptions of UU 14/2008 (Keterbukaan Informasi Publik) Pasal 17, letters a to j
as commonly summarised [U: the wording is not verified against the text in REGULATIONS.md; kept as data so a
reviewer corrects a label without touching code].
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentDecision(models.TextChoices):
    """A party's decision on publishing the agreement in the public register."""

    CONSENT = "consent", _("Consents to publication")
    REFUSE = "refuse", _("Refuses publication")


class WithheldItem(models.TextChoices):
    """The parts of a published agreement a party may keep out of the public register."""

    VALUE = "value", _("Value")
    PKS = "pks", _("Signed PKS file")
    OBJECT = "object", _("Object and scope")


class WithholdingReason(models.TextChoices):
    """The exceptions of UU 14/2008 Pasal 17 (huruf a-j) [U]."""

    LAW_ENFORCEMENT = "17a", _("Pasal 17(a): would obstruct law enforcement")
    BUSINESS = "17b", _("Pasal 17(b): intellectual property or fair competition")
    DEFENCE = "17c", _("Pasal 17(c): state defence and security")
    NATURAL_RESOURCES = "17d", _("Pasal 17(d): Indonesia's natural resources")
    ECONOMY = "17e", _("Pasal 17(e): national economic resilience")
    FOREIGN_RELATIONS = "17f", _("Pasal 17(f): foreign relations")
    PERSONAL_DEEDS = "17g", _("Pasal 17(g): personal authentic deeds or wills")
    PRIVACY = "17h", _("Pasal 17(h): personal secrets")
    INTERNAL_MEMO = "17i", _("Pasal 17(i): internal memoranda confidential by nature")
    OTHER_LAW = "17j", _("Pasal 17(j): withheld by another statute")


class PublicationState(models.TextChoices):
    """An agreement's publication state, derived from its parties' decisions (``selectors.publication_state``)."""

    NOT_PUBLISHED = "not_published", _("Not published")
    PARTIAL = "partial", _("Partially consented")
    CONSENTED = "consented", _("Every party consented; shown once in force")
    PUBLISHED = "published", _("Published")


class AnnualReportStatus(models.TextChoices):
    """Where the generation of an annual report stands (``annual_services``)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
