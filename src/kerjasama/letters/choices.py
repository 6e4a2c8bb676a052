"""Enumerations of the letters app (house rule 7), with Indonesian labels through gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    """The official letters (*naskah dinas*, Permendagri 1/2023) the system writes from an agreement's data."""

    OFFER = "offer", _("Cooperation offer letter (surat penawaran kerja sama)")
    DPRD_REQUEST = "dprd_request", _("Request for DPRD approval (permohonan persetujuan DPRD)")
    OFFER_REPLY = "offer_reply", _("Reply to a cooperation offer (surat jawaban atas penawaran kerja sama)")
    TKKSD_INVITATION = "tkksd_invitation", _("Invitation to a TKKSD meeting (undangan rapat TKKSD)")
    REPORT_COVER = "report_cover", _("Cover letter of the periodic report (surat pengantar laporan)")
    DISPUTE_NOTICE = "dispute_notice", _("Dispute notice (surat pemberitahuan perselisihan)")


#: The kinds drafted from an agreement (its letters page); the others from their own subject.
AGREEMENT_KINDS = (LetterKind.OFFER, LetterKind.DPRD_REQUEST, LetterKind.OFFER_REPLY)


class ReplyDecision(models.TextChoices):
    """What a party region answers to a cooperation offer (the offer stage, PP 28/2018 Pasal 6(1)(b): the
    offered region studies the offer and answers it; any day limit is in Permendagri 22/2020 [U]). The choice
    shapes the reply's default body."""

    ACCEPT = "accept", _("Accept the offer")
    DECLINE = "decline", _("Decline the offer")
    CHANGES = "changes", _("Ask for changes")


class NoticeKind(models.TextChoices):
    """The dispute letters (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8 for KSDD): the notice by a party to the other
    parties, or its request for facilitation to the resolver in effect."""

    NOTICE = "notice", _("Notice of the dispute to the other parties")
    FACILITATION = "facilitation", _("Request for facilitation to the resolver")


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
