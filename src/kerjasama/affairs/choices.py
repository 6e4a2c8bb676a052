"""Enumerations of the affairs app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """UU 23/2014 Pasal 11–12: the three classes of concurrent affairs (code prefix 1, 2, 3)."""

    WAJIB_PELAYANAN_DASAR = "wajib_pelayanan_dasar", _("Mandatory, basic services")
    WAJIB_NON_PELAYANAN_DASAR = "wajib_non_pelayanan_dasar", _("Mandatory, non-basic services")
    PILIHAN = "pilihan", _("Optional")


class Confidence(models.TextChoices):
    """How well a fact of the authority matrix is sourced (see authority_matrix.md)."""

    V = "V", _("Verified (legal text)")
    S = "S", _("Secondary source")
    U = "U", _("Unverified (general knowledge)")


class GovernmentLevel(models.TextChoices):
    PUSAT = "pusat", _("Central government")
    PROVINSI = "provinsi", _("Province")
    KABKOTA = "kabkota", _("Regency/city")


class AuthorityStatus(models.TextChoices):
    HELD = "held", _("Holds authority")
    NOT_HELD = "not_held", _("No authority")
    UNKNOWN = "unknown", _("Not yet covered by the matrix")
