"""Enumerations of the agreements app (house rule 7). Values the rulebook reads come from the rulebook."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.choices import mirrors
from kerjasama.rulebook.subjects import Category as CategoryValue
from kerjasama.rulebook.subjects import DocumentKind as DocumentKindValue
from kerjasama.rulebook.subjects import PlanType as PlanTypeValue


@mirrors(PlanTypeValue)
class AgreementType(models.TextChoices):
    """The kind of cooperation (UU 23/2014 Pasal 363; PP 28/2018 Pasal 1, 14, 46)."""

    KSDD = "KSDD", _("Cooperation between regions (KSDD)")
    KSDPK = "KSDPK", _("Cooperation with a third party (KSDPK)")
    SINERGI = "SINERGI", _("Synergy with the central government (Nota Kesepakatan)")


@mirrors(CategoryValue)
class AgreementCategory(models.TextChoices):
    """A KSDD's category (UU 23/2014 Pasal 363(3); PP 28/2018 Pasal 3(1))."""

    WAJIB = "wajib", _("Mandatory")
    SUKARELA = "sukarela", _("Voluntary")


class AgreementStage(models.TextChoices):
    """Every stage id of the rulebook's tables for KSDD, KSDPK and SINERGI (``rulebook.stages``); which of
    them an agreement may take is its type's table (PP 28/2018 Pasal 6(1), 19(1), 46)."""

    PERSIAPAN = "persiapan", _("Preparation")
    PENAWARAN = "penawaran", _("Offer")
    PENYUSUNAN_KB = "penyusunan_kb", _("Drafting the KB")
    KB_DITANDATANGANI = "kb_ditandatangani", _("KB signed")
    MENUNGGU_DPRD = "menunggu_dprd", _("Awaiting DPRD approval")
    PENYUSUNAN_PKS = "penyusunan_pks", _("Drafting the PKS")
    PENYUSUNAN_NK = "penyusunan_nk", _("Drafting the Nota Kesepakatan and work plan")
    PELAKSANAAN = "pelaksanaan", _("In force (implementation)")
    BERAKHIR = "berakhir", _("Ended")
    DIBATALKAN = "dibatalkan", _("Cancelled")


#: Stages in which the proposal's content may still be edited (``update_proposal``).
EDITABLE_STAGES = (
    AgreementStage.PERSIAPAN,
    AgreementStage.PENYUSUNAN_KB,
    AgreementStage.PENYUSUNAN_PKS,
    AgreementStage.PENYUSUNAN_NK,
)
#: Stages that end the record's workflow.
CLOSED_STAGES = (AgreementStage.BERAKHIR, AgreementStage.DIBATALKAN)


class OriginKind(models.TextChoices):
    """Where a proposal came from ("ajukan kerja sama" from a recommendation or a plan check; issue 10)."""

    RECOMMENDATION = "recommendation", _("Mapping recommendation")
    PLAN_CHECK = "plan_check", _("Plan check")
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported register")


class PartyRole(models.TextChoices):
    PROPOSER = "proposer", _("Proposer")
    PARTNER = "partner", _("Partner")


class PartyStatus(models.TextChoices):
    """A party's own status on the shared record (issue 10, item 2)."""

    AWARE = "aware", _("Aware")
    REVIEWING = "reviewing", _("Reviewing")
    APPROVED = "approved", _("Approved")
    SIGNED = "signed", _("Signed")
    DECLINED = "declined", _("Declined")


class TkksdReview(models.TextChoices):
    """The party region's TKKSD review of the proposal (Permendagri 22/2020; R16, R21)."""

    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with reasons")
    REJECTED = "rejected", _("Rejected")


class DprdOutcome(models.TextChoices):
    """The DPRD's decision on a request for approval (PP 28/2018 Pasal 6(2); UU 23/2014 Pasal 154(1)(i))."""

    PENDING = "pending", _("Awaiting decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


@mirrors(DocumentKindValue)
class RecordedDocumentKind(models.TextChoices):
    """The documents the rulebook reads on an agreement (``rulebook.subjects.DocumentKind``)."""

    KAJIAN_TKKSD = "kajian_tkksd", _("TKKSD review record")
    STUDI_KELAYAKAN = "studi_kelayakan", _("Feasibility study")
    PENAWARAN = "penawaran", _("Offer letter")
    KB = "kb", _("Kesepakatan Bersama (KB)")
    PERSETUJUAN_DPRD = "persetujuan_dprd", _("DPRD approval")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
    NK = "nk", _("Nota Kesepakatan (NK)")
    RENCANA_KERJA = "rencana_kerja", _("Work plan")


class SigningDocument(models.TextChoices):
    """The document a party signs on its own side (issue 10: each party signs its own side)."""

    KB = "kb", _("Kesepakatan Bersama (KB)")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
    NK = "nk", _("Nota Kesepakatan (NK)")


class KsdpkKind(models.TextChoices):
    """The kinds of KSDPK (UU 23/2014 Pasal 366(1); PP 28/2018 Pasal 15(1)); (b)-(d) follow their own sector
    rules as well (Pasal 15(2)-(4))."""

    PELAYANAN_PUBLIK = "pelayanan_publik", _("(a) Provision of public services")
    PENGELOLAAN_ASET = "pengelolaan_aset", _("(b) Management of regional assets")
    INVESTASI = "investasi", _("(c) Investment")
    LAINNYA = "lainnya", _("(d) Other cooperation")


class PartnerSelectionMethod(models.TextChoices):
    """How the third party of a KSDPK was chosen. PP 28/2018 prescribes no selection procedure: a third-party
    initiative is weighed on the Pasal 18 criteria; otherwise the sector rules of the kind apply (Pasal
    15(2)-(4)), named here as recorded facts, not checked [U]."""

    PRAKARSA_PIHAK_KETIGA = "prakarsa_pihak_ketiga", _("Third-party initiative (PP 28/2018 Pasal 18)")
    PENGADAAN = "pengadaan", _("Procurement of goods/services (Pasal 15(4))")
    PEMANFAATAN_BMD = "pemanfaatan_bmd", _("Partner selection for regional assets (BMD rules)")
    KPBU = "kpbu", _("Public-private partnership (KPBU)")
    LAINNYA = "lainnya", _("Other, as the sector rules say")
