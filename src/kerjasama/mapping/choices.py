"""Enumerations of the mapping app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentificationStatus(models.TextChoices):
    """The life of a region's identification of one affair (Permendagri 22/2020 Pasal 5; TKKSD role [S])."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the TKKSD")
    VERIFIED = "verified", _("Verified by the TKKSD")
    PUBLISHED = "published", _("Published")


class IndicatorRole(models.TextChoices):
    SERVICE = "service", _("Service level (low means need)")
    CAPACITY = "capacity", _("Spare capacity that can be shared")
    CONTEXT = "context", _("Context (size, density)")


class Better(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class RecommendationCategory(models.TextChoices):
    WAJIB = "wajib", _("Mandatory-eligible")
    SUKARELA = "sukarela", _("Voluntary")
