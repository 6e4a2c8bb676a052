"""Enumerations of the monev app (house rule 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    """A self-assessment revision: editable while a draft, fixed once submitted (a change is a new revision)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class PartyMonevStatus(models.TextChoices):
    """A party's standing in one monev period, as the pages and the API show it."""

    SUBMITTED = "submitted", _("Submitted")
    DRAFT = "draft", _("Draft, not submitted")
    OPEN = "open", _("Not yet due")
    OVERDUE = "overdue", _("Overdue")


class Flag(models.TextChoices):
    """Stagnation signals on an agreement in force (issue 11, item 6)."""

    STAGNANT = "stagnant", _("No recorded event for a long time")
    MISSED_TWICE = "missed_twice", _("Monev missed twice")
