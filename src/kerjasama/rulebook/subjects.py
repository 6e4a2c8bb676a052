"""What the rules look at: a proposed plan, an agreement's recorded state, a dispute, a takeover.

All plain frozen dataclasses; the Django apps translate their models into these. The vocabulary below
(document kinds, termination grounds, dispute steps) uses the regulation's Indonesian terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

PlanType = Literal["KSDD", "KSDPK", "SINERGI"]
Category = Literal["wajib", "sukarela"]
ThirdPartyKind = Literal[
    "badan_usaha", "bumn", "bumd", "koperasi", "ormas", "perguruan_tinggi", "perseorangan", "lainnya"
]

# The Literals above are the single source of these values (house rule 7): the Django choices
# (``accounts.choices.OrganisationKind``, ``mapping.choices.RecommendationCategory``), the API schema and
# the CLI derive from them.
PLAN_TYPES: tuple[PlanType, ...] = get_args(PlanType)
CATEGORIES: tuple[Category, ...] = get_args(Category)
# PP 28/2018 Pasal 14 and Penjelasan: perseorangan, badan usaha berbadan hukum (BUMN, BUMD, koperasi,
# badan hukum swasta), organisasi kemasyarakatan; private universities fit under (b) or (c) [S].
THIRD_PARTY_KINDS: tuple[ThirdPartyKind, ...] = get_args(ThirdPartyKind)

DocumentKind = Literal[
    "kajian_tkksd",  # TKKSD review record (R16, R21)
    "studi_kelayakan",  # feasibility study (R17)
    "penawaran",  # offer letter (R16)
    "kb",  # Kesepakatan Bersama (R14, R15)
    "persetujuan_dprd",  # DPRD approval (R13)
    "pks",  # Perjanjian Kerja Sama / KSDPK contract (R14, R15, R19, R27)
    "nk",  # Nota Kesepakatan, synergy with central government (R18)
    "rencana_kerja",  # work/action plan attached to an NK (R18)
]
SignatoryRole = Literal["kepala_daerah", "pejabat_dikuasakan", "kepala_opd", "lainnya"]

# PP 28/2018 Pasal 9(1) (KSDD) and Pasal 22 (KSDPK adds a final court decision and bankruptcy).
KSDD_TERMINATION_GROUNDS: tuple[str, ...] = (
    "jangka_waktu_berakhir",
    "tujuan_tercapai",
    "kesepakatan_para_pihak",
    "perubahan_kebijakan",
    "objek_hilang_musnah",
)
KSDPK_EXTRA_TERMINATION_GROUNDS: tuple[str, ...] = ("putusan_pengadilan", "pihak_ketiga_pailit")
# Pasal 9(2): a change of head of region does not end a KSDD.
NOT_A_GROUND_HEAD_OF_REGION = "pergantian_kepala_daerah"

# PP 28/2018 Pasal 4(3) and 16(3): an object outside the development plan only for these purposes (R32).
PLAN_EXCEPTIONS: tuple[str, ...] = ("darurat", "program_strategis_nasional", "tugas_pembantuan")

# PP 28/2018 Pasal 18: criteria a third-party initiative must meet (R17).
INITIATIVE_CRITERIA: tuple[str, ...] = (
    "terintegrasi_rencana_induk",
    "layak_ekonomi_finansial",
    "kemampuan_keuangan_pemrakarsa",
)

DisputeType = Literal["KSDD", "KSDPK", "SINERGI", "KSDPL", "KSDLL"]
DisputeStep = Literal["musyawarah", "gubernur", "menteri", "klausul_perjanjian", "negosiasi_konsultasi"]

ForeignStepKind = Literal[
    "permohonan_dprd",
    "persetujuan_dprd",
    "verifikasi_menteri",
    "persetujuan_naskah",
    "konfirmasi_kemlu",
    "penandatanganan",
]
# R20 / PP 28/2018 Pasal 29-33, 38-40: the order of a KSDPL/KSDLL.
FOREIGN_ORDER: tuple[ForeignStepKind, ...] = (
    "permohonan_dprd",
    "persetujuan_dprd",
    "verifikasi_menteri",
    "persetujuan_naskah",
    "konfirmasi_kemlu",
    "penandatanganan",
)


@dataclass(frozen=True, slots=True)
class ThirdParty:
    """The *pihak ketiga* of a KSDPK (PP 28/2018 Pasal 14)."""

    kind: ThirdPartyKind
    name: str


@dataclass(frozen=True, slots=True)
class Plan:
    """A proposed cooperation as submitted to ``kerjasama check`` / ``POST /api/v1/rulebook/check``.

    ``None`` means the field was omitted; ``plan.PLAN_DEFAULTS`` documents how each omission is read.
    """

    type: PlanType
    parties: tuple[str, ...]
    category: Category | None = None
    third_party: ThirdParty | None = None
    affairs: tuple[str, ...] = ()
    externality: bool = False
    efficiency: bool = False
    burdens_public: bool | None = None
    budgeted_in_apbd: bool | None = None
    feasibility_study: bool | None = None
    term_years: float | None = None
    #: Sub-affair identifiers of the authority matrix (``3.28.02``); their affairs are in ``affairs`` too.
    sub_affairs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentFact:
    """A document recorded on an agreement.

    ``signatory_role`` is the region's signatory; ``surat_kuasa`` records the head of region's written
    authorisation of an official (R15). ``parties`` are the party codes (and the third party's name for a
    KSDPK) the document binds; empty means "the agreement's parties". ``issuer`` is the offering region of
    a ``penawaran``; ``copies_to`` its *tembusan* (R16); ``clauses`` the clause keys of a PKS (R27).
    """

    kind: DocumentKind
    signed: bool = False
    signatory_role: SignatoryRole | None = None
    surat_kuasa: bool = False
    parties: frozenset[str] = frozenset()
    on: date | None = None
    issuer: str | None = None
    copies_to: frozenset[str] = frozenset()
    clauses: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AgreementState:
    """An agreement's recorded state: where it is in its stage table and what has been recorded.

    ``stage`` is a state of ``stages.table_for(type)``. ``term_years`` is the term stated in the PKS or
    contract (R19, R33). ``tkksd_formed`` says the region has a TKKSD formed by its head of region (R21).
    """

    type: PlanType
    parties: tuple[str, ...]
    stage: str = "persiapan"
    third_party: ThirdParty | None = None
    category: Category | None = None
    affairs: tuple[str, ...] = ()
    documents: tuple[DocumentFact, ...] = ()
    dprd_approval_required: bool = False
    third_party_initiated: bool = False
    initiative_criteria: frozenset[str] = frozenset()
    # How the third party of a KSDPK was chosen (a PARTNER_SELECTION_METHODS key), None when not recorded.
    partner_selection: str | None = None
    lawful_object_attested: bool = False
    in_development_plan: bool | None = None
    development_plan_exception: str | None = None
    tkksd_formed: bool = False
    term_years: float | None = None
    termination_ground: str | None = None
    secretariat_recorded: bool = False
    continuous: bool = False
    extension_by_addendum: bool = False

    def docs(self, kind: DocumentKind) -> tuple[DocumentFact, ...]:
        return tuple(d for d in self.documents if d.kind == kind)

    def signed(self, kind: DocumentKind) -> tuple[DocumentFact, ...]:
        return tuple(d for d in self.documents if d.kind == kind and d.signed)

    def has(self, kind: DocumentKind) -> bool:
        return any(d.kind == kind for d in self.documents)

    def party_set(self) -> frozenset[str]:
        extra = (self.third_party.name,) if self.third_party is not None else ()
        return frozenset((*self.parties, *extra))


@dataclass(frozen=True, slots=True)
class ForeignStep:
    kind: ForeignStepKind
    on: date | None = None


@dataclass(frozen=True, slots=True)
class ForeignCooperationState:
    """A KSDPL/KSDLL (cooperation with a foreign local government or institution): steps in recorded order."""

    steps: tuple[ForeignStep, ...] = ()


@dataclass(frozen=True, slots=True)
class DisputeCase:
    """A recorded dispute (*perselisihan*): the parties and the steps taken, in order (R22-R26).

    ``governor_unable`` records that the governor as GWPP could not settle it (UU 23/2014 Pasal 370(3));
    ``decision_region`` the province whose governor decided; ``decision_final`` whether the record marks
    the decision final.
    """

    type: DisputeType
    parties: tuple[str, ...]
    steps: tuple[DisputeStep, ...] = ()
    governor_unable: bool = False
    decision_region: str | None = None
    decision_final: bool = False


@dataclass(frozen=True, slots=True)
class TakeoverCase:
    """A mandatory KSDD that was not carried out and its takeover (*pengambilalihan*, R28)."""

    parties: tuple[str, ...]
    taken_over_by: Literal["pusat", "gwpp"] | None = None
    gwpp_region: str | None = None
    pembinaan_done: bool = False
    evaluation_done: bool = False
    minister_approval: bool = False
    cost_basis: str | None = None
