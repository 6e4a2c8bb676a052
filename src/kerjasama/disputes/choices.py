"""Enumerations of the dispute cases (issue 12, items 1-3). English msgids; Indonesian in the .po."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.disputes.domain.events import SECTORS


class DisputeKind(models.TextChoices):
    """The cooperation the dispute arises from (PP 28/2018 Pasal 8, 21, 46; ``lainnya``: e.g. an asset split
    after pemekaran between regions, treated by the resolver as a dispute between regions, UU 23/2014 Pasal 370)."""

    KSDD = "KSDD", _("Cooperation between regions (KSDD)")
    KSDPK = "KSDPK", _("Cooperation with a third party (KSDPK)")
    SINERGI = "SINERGI", _("Central-regional synergy")
    LAINNYA = "lainnya", _("Other (no written agreement)")


class Sector(models.TextChoices):
    """The five sectors of the ministry's draft dispute guideline and "other" (the codes of ``domain.SECTORS``)."""

    PELAYANAN_PUBLIK = "pelayanan_publik", _("Public services")
    INVESTASI = "investasi", _("Investment")
    PENGADAAN = "pengadaan", _("Procurement of goods and services")
    INFRASTRUKTUR = "infrastruktur", _("Infrastructure")
    ASET = "aset", _("Assets")
    LAINNYA = "lainnya", _("Other sector")


assert tuple(Sector.values) == SECTORS, "the sectors follow the early warning's vocabulary"


class Cause(models.TextChoices):
    """Causes of a dispute (issue 12 item 1; the guideline names lack of commitment and exceeding authority)."""

    NON_PERFORMANCE = "wanprestasi", _("Non-performance")
    COMMITMENT = "komitmen", _("Lack of commitment")
    AUTHORITY = "kewenangan", _("Exceeding authority")
    FINANCING = "pembiayaan", _("Financing, fees or arrears")
    TARIFF_REVIEW = "tarif", _("Tariff or fee review not done")
    ASSETS = "aset", _("Assets")
    BOUNDARY = "batas", _("Boundary or location")
    INTERPRETATION = "tafsir", _("Interpretation of a clause")
    CHANGE = "perubahan", _("Change of leadership or regulation")
    COMMUNITY = "penolakan", _("Community rejection")
    FORCE_MAJEURE = "keadaan_kahar", _("Force majeure")
    OTHER = "lainnya", _("Other cause")


class Initiator(models.TextChoices):
    """Who brought the dispute: a party, or the authority on its own initiative (UU 23/2014 Pasal 370)."""

    PARTY = "pihak", _("A party")
    GOVERNOR = "gubernur", _("The governor's office on its own initiative")
    MINISTRY = "menteri", _("The ministry on its own initiative")


class Resolver(models.TextChoices):
    """Who settles it (``rulebook.resolve_dispute``): the governor as GWPP, the Minister, the agreement's clause."""

    GOVERNOR = "gubernur", _("Governor (as representative of the central government)")
    MINISTER = "menteri", _("Minister of Home Affairs")
    AGREEMENT = "perjanjian", _("The agreement's dispute clause")


class DisputeStage(models.TextChoices):
    """Where a case stands. Facilitation, decision and implementation are the next slices' stages."""

    REGISTERED = "didaftarkan", _("Registered, awaiting screening")
    DELIBERATION = "musyawarah", _("Deliberation between the parties")
    FACILITATION = "fasilitasi", _("Facilitation by the resolver")
    DECISION = "keputusan", _("Decision")
    IMPLEMENTATION = "pelaksanaan", _("Implementation of the decision")
    NOT_COMPETENT = "bukan_wewenang", _("Not our authority")
    SETTLED = "damai", _("Settled by agreement")
    WITHDRAWN = "dicabut", _("Withdrawn")
    CLOSED = "selesai", _("Closed")


#: Stages from which no step leads on.
CLOSED_STAGES = (
    DisputeStage.NOT_COMPETENT,
    DisputeStage.SETTLED,
    DisputeStage.WITHDRAWN,
    DisputeStage.CLOSED,
)
OPEN_STAGES = tuple(s for s in DisputeStage if s not in CLOSED_STAGES)


class ScreeningOutcome(models.TextChoices):
    ACCEPTED = "diterima", _("Accepted: within the resolver's authority")
    NOT_COMPETENT = "bukan_wewenang", _("Not our authority")


class DisputeRole(models.TextChoices):
    CLAIMANT = "pemohon", _("Claimant")
    RESPONDENT = "termohon", _("Respondent")


class Forum(models.TextChoices):
    """The forum a KSDPK dispute clause names after deliberation (PP 28/2018 Pasal 21: the agreement decides;
    BANI arbitration under UU 30/1999 [U: not among the sources read])."""

    MEDIATION = "mediasi", _("Mediation")
    ARBITRATION = "arbitrase", _("Arbitration (BANI)")
    COURT = "pengadilan", _("Court")


class ExtendableStep(models.TextChoices):
    """A step whose due date may be extended with a reason (issue 12 item 3)."""

    DELIBERATION = "musyawarah", _("Deliberation")
    FACILITATION = "fasilitasi", _("Facilitation")
    DECISION = "keputusan", _("Decision")
    ORDER = "perintah", _("Ordered action")
