"""Enumerations of the affairs app (house rule 7); the values are the rulebook's (``rulebook.facts``).

The confidence of a matrix row (V/S/U) is ``kerjasama.core.choices.Confidence``, shared with ``regions``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.affairs.domain.characteristics import REACHES
from kerjasama.core.choices import mirrors
from kerjasama.rulebook.facts import AFFAIR_CATEGORIES
from kerjasama.rulebook.facts import AuthorityLevel as AuthorityLevelValue
from kerjasama.rulebook.facts import AuthorityStatus as AuthorityStatusValue


@mirrors(AFFAIR_CATEGORIES)
class Category(models.TextChoices):
    """UU 23/2014 Pasal 11–12: the three classes of concurrent affairs (code prefix 1, 2, 3)."""

    WAJIB_PELAYANAN_DASAR = "wajib_pelayanan_dasar", _("Mandatory, basic services")
    WAJIB_NON_PELAYANAN_DASAR = "wajib_non_pelayanan_dasar", _("Mandatory, non-basic services")
    PILIHAN = "pilihan", _("Optional")


@mirrors(AuthorityLevelValue)
class GovernmentLevel(models.TextChoices):
    PUSAT = "pusat", _("Central government")
    PROVINSI = "provinsi", _("Province")
    KABKOTA = "kabkota", _("Regency/city")


@mirrors(AuthorityStatusValue)
class AuthorityStatus(models.TextChoices):
    HELD = "held", _("Holds authority")
    NOT_HELD = "not_held", _("No authority")
    UNKNOWN = "unknown", _("Not yet covered by the matrix")


@mirrors(REACHES)
class AffairReach(models.TextChoices):
    """How distance bears on an affair in the mapping (policy, not law; ``affairs.domain.characteristics``)."""

    SERVICE = "service", _("Service delivered to people (decays with distance)")
    REGIONAL = "regional", _("Regional (nearby partners)")
    ANY_DISTANCE = "any_distance", _("Distance does not matter")
