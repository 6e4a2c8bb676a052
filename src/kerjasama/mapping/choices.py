"""Enumerations of the mapping app (house rule 7); values the engine reads come from ``mapping.domain``
and the rulebook."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.choices import mirrors
from kerjasama.mapping.domain.inputs import Better as BetterValue
from kerjasama.mapping.domain.results import RecommendationKind as RecommendationKindValue
from kerjasama.rulebook.subjects import Category as CategoryValue


class IdentificationStatus(models.TextChoices):
    """The life of a region's identification of one affair (Permendagri 22/2020 Pasal 5; TKKSD role [S]).

    ``returned`` (*Dikembalikan*) is a submitted identification the TKKSD sent back with a reason: editable like
    a draft, but not a plain draft, so the author sees why it came back. A revision of a published
    identification (``IdentificationRevision``) walks the same states.
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the TKKSD")
    RETURNED = "returned", _("Returned")
    VERIFIED = "verified", _("Verified by the TKKSD")
    PUBLISHED = "published", _("Published")


class IndicatorRole(models.TextChoices):
    SERVICE = "service", _("Service level (low means need)")
    CAPACITY = "capacity", _("Spare capacity that can be shared")
    CONTEXT = "context", _("Context (size, density)")


@mirrors(BetterValue)
class Better(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


@mirrors(CategoryValue)
class RecommendationCategory(models.TextChoices):
    """The KSDD category a recommendation is eligible for (UU 23/2014 Pasal 363-364)."""

    WAJIB = "wajib", _("Mandatory-eligible")
    SUKARELA = "sukarela", _("Voluntary")


@mirrors(RecommendationKindValue)
class RecommendationKind(models.TextChoices):
    """A new cooperation, or the extension of one that ends near the reference year."""

    NEW = "new", _("New cooperation")
    EXTENSION = "extension", _("Extension of an agreement")


#: The states in which the region's cooperation or planning unit may still edit (and delete) the content.
EDITABLE_STATUSES = (IdentificationStatus.DRAFT, IdentificationStatus.RETURNED)
class MappingRunStatus(models.TextChoices):
    """A national mapping run requested from the national page: queued, running, done or failed."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
