"""Enumerations of the planning app, with Indonesian labels through gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.choices import mirrors
from kerjasama.planning.domain import nomenclature


@mirrors(nomenclature.LEVELS)
class NomenclatureLevel(models.TextChoices):
    """The three levels of the planning nomenclature (Kepmendagri 050-5889/2021)."""

    PROGRAM = "program", _("Programme (program)")
    KEGIATAN = "kegiatan", _("Activity (kegiatan)")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub-activity (sub kegiatan)")
