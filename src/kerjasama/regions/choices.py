"""Enumerations of the regions app (house rule 7); the values are the rulebook's and the regions domain's.

The confidence of a functional-area membership (V/S/U) is ``kerjasama.core.choices.Confidence``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.choices import mirrors
from kerjasama.regions.domain.functional_areas import KINDS as FUNCTIONAL_AREA_KINDS
from kerjasama.regions.domain.instruments import CHANGE_KINDS
from kerjasama.rulebook.facts import Kind as KindValue
from kerjasama.rulebook.facts import Level as LevelValue


@mirrors(LevelValue)
class Level(models.TextChoices):
    PROVINSI = "provinsi", _("Province")
    KABKOTA = "kabkota", _("Regency/city")


@mirrors(KindValue)
class Kind(models.TextChoices):
    PROVINSI = "provinsi", _("Province")
    KABUPATEN = "kabupaten", _("Regency (kabupaten)")
    KOTA = "kota", _("City (kota)")


class OverrideEffect(models.TextChoices):
    ADD = "add", _("Border exists (add)")
    REMOVE = "remove", _("No border (remove)")


@mirrors(FUNCTIONAL_AREA_KINDS)
class FunctionalAreaKind(models.TextChoices):
    """Kinds of functional area (kawasan fungsional); the values are ``domain.functional_areas.KINDS``."""

    METROPOLITAN = "metropolitan", _("Metropolitan urban area")
    ECONOMIC_ZONE = "economic_zone", _("Economic zone")
    RIVER_BASIN = "river_basin", _("River basin")
    STRATEGIC = "strategic", _("Strategic area")
    ISLAND = "island", _("Island area")
    TOURISM = "tourism", _("Tourism area")
    OTHER = "other", _("Other functional tie")


#: Integrity check after every load (Kepmendagri 300.2.2-2138/2025; REGULATIONS.md R2).
EXPECTED_COUNTS = {"provinsi": 38, "kabupaten": 416, "kota": 98}

#: DKI Jakarta's kota/kabupaten administrasi are not autonomous regions and can never be a KSD party
#: (UU 29/2007 on DKI Jakarta; REGULATIONS.md R3, DKI caveat [U]).
DKI_PROVINCE_CODE = "31"


@mirrors(CHANGE_KINDS)
class ChangeKind(models.TextChoices):
    """How an instrument changes a code (``domain.instruments.CHANGE_KINDS``)."""

    NEW = "new", _("New")
    RENAMED = "renamed", _("Renamed")
    RECODED = "recoded", _("Recoded")
    SPLIT = "split", _("Split")
    MERGED = "merged", _("Merged")
    ENDED = "ended", _("Removed/ended")
