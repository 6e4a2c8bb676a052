"""Who settles a dispute (*perselisihan*) between the parties: REGULATIONS.md section 1.11, R22-R26.

- KSDD, kab/kota <-> kab/kota in one province: the governor as GWPP (UU 23/2014 Pasal 370(1)); if the
  governor cannot settle it, the Minister (Pasal 370(3)). The governor's decision is not stated to be final.
- KSDD with a province among the parties: the Minister; "bersifat final" (Pasal 370(2), (4)).
- KSDD, kab/kota of different provinces: nobody is named (gap); the configured default
  (``kabkota_cross_province_dispute_authority``, Minister) and a flag for legal review (R25).
- KSDPK: *musyawarah mufakat*, then the agreement's dispute clause (PP 28/2018 Pasal 21): "perjanjian".
- KSDPL/KSDLL: *negosiasi dan konsultasi* (PP 28/2018 Pasal 34, 41).
- Synergy with a central ministry or agency: the binding *dokumen kesepakatan* (PP 28/2018 Pasal 46(4)),
  then the configured escalation target (``synergy_dispute_authority``, default the Minister as
  *fasilitasi*: practice, not a decision), flagged for legal review, with the policy-level channel noted
  (DPOD -> President, UU 23/2014 Pasal 396(2)(d), 397): neither Pasal 370 nor PP 28/2018 Pasal 46 names a
  decider (R34).
PP 28/2018 Pasal 8 sends KSDD disputes to the general rules on inter-regional disputes, i.e. Pasal 370.

The parties are classified once, here (``classify_dispute``): the resolver (``resolve_dispute``) and the
rules R23-R25 and R34 (``rules/closing.py``) read the same classification and cite the same basis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.inputs import RulebookInputError, check_party_codes
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.subjects import DisputeType

Authority = Literal["gubernur", "menteri", "perjanjian"]
#: How the parties of a KSDD dispute stand towards UU 23/2014 Pasal 370: a province among them (370(2)),
#: kab/kota of one province (370(1)), kab/kota of different provinces (not regulated, R25).
KsddShape = Literal["provinsi", "satu_provinsi", "beda_provinsi"]

DISPUTE_TYPES: tuple[DisputeType, ...] = get_args(DisputeType)

# The one citation per kind of dispute: the resolver's answer and the rule that checks a record cite it.
BASIS_GWPP = "UU 23/2014 Pasal 370(1), (3), (4); PP 28/2018 Pasal 8"
BASIS_MINISTER = "UU 23/2014 Pasal 370(2), (4); PP 28/2018 Pasal 8"
BASIS_GAP = (
    "UU 23/2014 Pasal 370 (tidak mengatur), 91(3) huruf c, 92; PP 28/2018 Pasal 8 (tidak mengatur), "
    "Pasal 5(2) huruf b; Permendagri [U]"
)
BASIS_KSDPK = "PP 28/2018 Pasal 21; UU 23/2014 Pasal 366(2) huruf c; PP 28/2018 Pasal 19(2) huruf c"
BASIS_FOREIGN = "PP 28/2018 Pasal 34, 41"
BASIS_SINERGI = (
    "UU 23/2014 Pasal 370 (tidak mengatur), 396(2) huruf d, 397; PP 28/2018 Pasal 46 (tidak mengatur "
    "sengketa); fasilitasi Menteri: praktik [S]"
)
BASIS_SINERGI_DOCUMENT = (
    "PP 28/2018 Pasal 46(4) (dokumen kesepakatan yang mengikat para pihak) [U: tanpa aturan sengketa]"
)
BASIS_SINERGI_FACILITATION = (
    "Praktik pembinaan dan pengawasan Kemendagri [S]; bukan keputusan: UU 23/2014 Pasal 370 dan PP 28/2018 "
    "Pasal 46 tidak menyebut penyelesai (R34)"
)
BASIS_DPOD = "UU 23/2014 Pasal 396(2) huruf d, 397"
#: R34's note on a synergy dispute: the statutory channel is one of policy advice, not a case decision.
DPOD_NOTE = Finding(
    "R34",
    "info",
    "Jalur tingkat kebijakan: DPOD \u2192 Presiden (UU 23/2014 Pasal 396(2) huruf d, 397). DPOD memberikan "
    "pertimbangan kepada Presiden mengenai kebijakan, termasuk perselisihan antara daerah dengan "
    "kementerian/lembaga; DPOD tidak memutus perkara.",
    "Policy-level channel: DPOD \u2192 President (UU 23/2014 Pasal 396(2)(d), 397). The DPOD advises the "
    "President on policy, including disputes between a region and a ministry or agency; it does not decide "
    "cases.",
    BASIS_DPOD,
)
BASIS_MUSYAWARAH_KSDD = (
    "Praktik baik; tidak diwajibkan UU 23/2014 Pasal 370 atau PP 28/2018 Pasal 8 (R22) [M]"
)
_KSDD_BASIS: dict[KsddShape, str] = {
    "provinsi": BASIS_MINISTER,
    "satu_provinsi": BASIS_GWPP,
    "beda_provinsi": BASIS_GAP,
}
_OTHER_BASIS: dict[str, str] = {
    "KSDPK": BASIS_KSDPK,
    "KSDPL": BASIS_FOREIGN,
    "KSDLL": BASIS_FOREIGN,
    "SINERGI": BASIS_SINERGI,
}

#: Every code ``DisputeInputError`` carries (the party codes are those of the plan contract).
DISPUTE_INPUT_ERROR_CODES: dict[str, str] = {
    "input.unknown_dispute_type": "The type is not KSDD, KSDPK, SINERGI, KSDPL or KSDLL.",
    "input.malformed_region_code": "A party is not of the form dd or dd.dd.",
    "input.duplicate_party": "A party is listed twice.",
    "input.unknown_region": "A party code is not in the reference data.",
    "input.wrong_party_count": "Wrong number of parties for the type (KSDD >= 2, KSDPK exactly 1, others >= 1).",
}


class DisputeInputError(RulebookInputError):
    """Bad input to the dispute resolver (see ``DISPUTE_INPUT_ERROR_CODES``); not a legal finding."""


@dataclass(frozen=True, slots=True)
class DisputeClassification:
    """How the law sees a dispute between ``parties``: its kind and, for a KSDD, how the parties stand.

    ``parties`` are the distinct region codes, sorted (the answer never depends on their order).
    ``ksdd_shape`` is None unless ``type`` is KSDD; ``province`` is the one province of a ``satu_provinsi``
    dispute (the governor's). ``basis`` is the citation that decides who settles it.
    """

    type: DisputeType
    parties: tuple[str, ...]
    ksdd_shape: KsddShape | None
    province: str | None
    basis: str


def classify_dispute(ref: ReferenceData, parties: Sequence[str], type: str = "KSDD") -> DisputeClassification:
    """Classify the parties of a dispute; raises ``DisputeInputError`` for bad input (an unknown type, a
    malformed, repeated or unregistered code, too few or too many parties)."""
    if type not in DISPUTE_TYPES:
        raise DisputeInputError(
            "input.unknown_dispute_type",
            f"Jenis kerja sama {type!r} tidak dikenal; pilihan: {', '.join(DISPUTE_TYPES)}.",
            f"Unknown cooperation type {type!r}; choose one of {', '.join(DISPUTE_TYPES)}.",
            "type",
        )
    kind: DisputeType = type  # type: ignore[assignment]  # checked against DISPUTE_TYPES just above
    codes = check_party_codes(parties, ref, error=DisputeInputError)
    n = len(codes)
    if (kind == "KSDD" and n < 2) or (kind == "KSDPK" and n != 1) or n < 1:
        need_id, need_en = {
            "KSDD": ("sekurang-kurangnya 2", "at least 2"),
            "KSDPK": ("tepat 1", "exactly 1"),
        }.get(kind, ("sekurang-kurangnya 1", "at least 1"))
        raise DisputeInputError(
            "input.wrong_party_count",
            f"Perselisihan {kind} memerlukan {need_id} daerah; diberikan {n}.",
            f"A {kind} dispute needs {need_en} region(s); {n} given.",
            "parties",
        )
    ordered = tuple(sorted(codes))
    if kind != "KSDD":
        return DisputeClassification(kind, ordered, None, None, _OTHER_BASIS[kind])
    facts = [f for f in (ref.region(c) for c in ordered) if f is not None]
    provinces = {f.province_code for f in facts}
    shape: KsddShape
    if any(f.level == "provinsi" for f in facts):
        shape = "provinsi"
    elif len(provinces) == 1:
        shape = "satu_provinsi"
    else:
        shape = "beda_provinsi"
    province = next(iter(provinces)) if shape == "satu_provinsi" else None
    return DisputeClassification(kind, ordered, shape, province, _KSDD_BASIS[shape])


@dataclass(frozen=True, slots=True)
class SettlementStep:
    """One step on the way to settling a dispute: who acts, whether the law requires it, its basis.

    ``facilitation`` marks a step in which the authority facilitates (*fasilitasi*) and decides nothing
    (R34: the Minister between a region and a ministry or agency, a practice, not a rule).
    """

    step: str
    authority: str
    required: bool
    basis: str
    region: str | None = None
    final: bool = False
    facilitation: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "authority": self.authority,
            "region": self.region,
            "required": self.required,
            "final": self.final,
            "facilitation": self.facilitation,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class DisputeRoute:
    """Who settles a dispute (``authority``, the governor's province as ``region``), whether that decision
    is final, the steps before it, and whether the answer rests on a gap of the law (``flag_legal_review``).

    ``facilitation`` says the authority only facilitates: the law names nobody who decides (R34).
    ``notes`` are the rules' explanations that belong on the record (R34: the DPOD channel).
    """

    authority: Authority
    region: str | None
    basis: str
    final: bool
    steps: tuple[SettlementStep, ...]
    flag_legal_review: bool = False
    facilitation: bool = False
    notes: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "region": self.region,
            "basis": self.basis,
            "final": self.final,
            "steps": [s.to_dict() for s in self.steps],
            "flag_legal_review": self.flag_legal_review,
            "facilitation": self.facilitation,
            "notes": [n.to_dict() for n in self.notes],
        }


def resolve_dispute(
    ref: ReferenceData,
    parties: Sequence[str],
    type: str = "KSDD",
    settings: RulebookSettings | None = None,
) -> DisputeRoute:
    """The competent authority for a dispute between ``parties`` (region codes; one for a KSDPK).

    The answer does not depend on the order of ``parties``. Raises ``DisputeInputError`` for bad input (see
    ``classify_dispute``): that is bad input, not a legal finding.
    """
    settings = settings or RulebookSettings()
    case = classify_dispute(ref, parties, type)
    basis = case.basis
    if case.type == "KSDPK":
        return DisputeRoute(
            "perjanjian",
            None,
            basis,
            final=False,
            steps=(
                SettlementStep(
                    "musyawarah_mufakat", "para_pihak", required=True, basis="PP 28/2018 Pasal 21"
                ),
                SettlementStep("klausul_perjanjian", "perjanjian", required=True, basis=basis),
            ),
        )
    if case.type in ("KSDPL", "KSDLL"):
        return DisputeRoute(
            "perjanjian",
            None,
            basis,
            final=False,
            steps=(SettlementStep("negosiasi_konsultasi", "para_pihak", required=True, basis=basis),),
        )
    if case.type == "SINERGI":
        return _synergy_route(basis, settings)
    musyawarah = SettlementStep(
        "musyawarah",
        "para_pihak",
        required=settings.require_ksdd_musyawarah_step,
        basis=BASIS_MUSYAWARAH_KSDD,
    )
    if case.ksdd_shape == "provinsi":
        return DisputeRoute(
            "menteri",
            None,
            basis,
            final=True,
            steps=(musyawarah, SettlementStep("menteri", "menteri", required=True, basis=basis, final=True)),
        )
    if case.ksdd_shape == "satu_provinsi":
        return DisputeRoute(
            "gubernur",
            case.province,
            basis,
            final=False,
            steps=(
                musyawarah,
                SettlementStep(
                    "gubernur",
                    "gubernur",
                    region=case.province,
                    required=True,
                    basis="UU 23/2014 Pasal 370(1)",
                ),
                SettlementStep(
                    "menteri_bila_gubernur_tidak_dapat_menyelesaikan",
                    "menteri",
                    required=False,
                    final=True,
                    basis="UU 23/2014 Pasal 370(3), (4)",
                ),
            ),
        )
    default = settings.kabkota_cross_province_dispute_authority
    return DisputeRoute(
        default,
        None,
        basis,
        final=False,
        steps=(musyawarah, SettlementStep(default, default, required=True, basis=basis)),
        flag_legal_review=True,
    )


def _synergy_route(basis: str, settings: RulebookSettings) -> DisputeRoute:
    """R34: a dispute between a region and a central ministry or agency. The binding dokumen kesepakatan
    applies first (PP 28/2018 Pasal 46(4)); neither UU 23/2014 Pasal 370 nor PP 28/2018 Pasal 46 names a
    decider, so the escalation target is the configured default (``synergy_dispute_authority``: the Minister's
    facilitation, a practice, not a decision, or the agreement alone), always flagged for legal review and
    noted with the policy-level channel DPOD -> President (UU 23/2014 Pasal 396(2)(d), 397)."""
    document = SettlementStep("klausul_perjanjian", "perjanjian", required=True, basis=BASIS_SINERGI_DOCUMENT)
    if settings.synergy_dispute_authority == "perjanjian":
        return DisputeRoute(
            "perjanjian",
            None,
            basis,
            final=False,
            steps=(document,),
            flag_legal_review=True,
            notes=(DPOD_NOTE,),
        )
    facilitation = SettlementStep(
        "fasilitasi_menteri",
        "menteri",
        required=False,
        basis=BASIS_SINERGI_FACILITATION,
        facilitation=True,
    )
    return DisputeRoute(
        "menteri",
        None,
        basis,
        final=False,
        steps=(document, facilitation),
        flag_legal_review=True,
        facilitation=True,
        notes=(DPOD_NOTE,),
    )
