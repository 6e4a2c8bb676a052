"""Enumerations of the letters app (house rule 7), with Indonesian labels through gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    """The official letters (*naskah dinas*, Permendagri 1/2023) the system writes from an agreement's data."""

    OFFER = "offer", _("Cooperation offer letter (surat penawaran kerja sama)")
    DPRD_REQUEST = "dprd_request", _("Request for DPRD approval (permohonan persetujuan DPRD)")


class LetterStatus(models.TextChoices):
    """A draft is editable and has no number; a final letter is numbered and frozen (a change is a new version)."""

    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final (numbered)")


class LetterNature(models.TextChoices):
    """The nature (*sifat*) of an official letter as its header states it (Permendagri 1/2023)."""

    BIASA = "biasa", _("Ordinary (biasa)")
    PENTING = "penting", _("Important (penting)")
    SEGERA = "segera", _("Urgent (segera)")
    SANGAT_SEGERA = "sangat_segera", _("Very urgent (sangat segera)")
    RAHASIA = "rahasia", _("Confidential (rahasia)")


class SignerCapacity(models.TextChoices):
    """In what capacity the signatory signs: the definitive office holder, or an acting head (*Plt.*, *Plh.*)
    who writes neither NIP nor rank (Permendagri 1/2023 Pasal 44, per issue 15)."""

    DEFINITIVE = "definitive", _("Office holder")
    PLT = "plt", _("Acting head (Plt.)")
    PLH = "plh", _("Daily acting head (Plh.)")
