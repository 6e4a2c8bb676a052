"""Who settles a dispute (*perselisihan*) between the parties: REGULATIONS.md section 1.11, R22-R26.

- KSDD, kab/kota <-> kab/kota in one province: the governor as GWPP (UU 23/2014 Pasal 370(1)); if the
  governor cannot settle it, the Minister (Pasal 370(3)). The governor's decision is not stated to be final.
- KSDD with a province among the parties: the Minister; "bersifat final" (Pasal 370(2), (4)).
- KSDD, kab/kota of different provinces: nobody is named (gap); the configured default
  (``kabkota_cross_province_dispute_authority``, Minister) and a flag for legal review (R25).
- KSDPK: *musyawarah mufakat*, then the agreement's dispute clause (PP 28/2018 Pasal 21): "perjanjian".
- KSDPL/KSDLL: *negosiasi dan konsultasi* (PP 28/2018 Pasal 34, 41).
- Synergy with the central government: the binding *dokumen kesepakatan* (PP 28/2018 Pasal 46(4)); no
  dispute rule is written, so it is flagged.
PP 28/2018 Pasal 8 sends KSDD disputes to the general rules on inter-regional disputes, i.e. Pasal 370.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.settings import RulebookSettings

Authority = Literal["gubernur", "menteri", "perjanjian"]

BASIS_GWPP = "UU 23/2014 Pasal 370(1), (3), (4); PP 28/2018 Pasal 8"
BASIS_MINISTER = "UU 23/2014 Pasal 370(2), (4); PP 28/2018 Pasal 8"
BASIS_GAP = (
    "UU 23/2014 Pasal 370 dan PP 28/2018 Pasal 8 tidak menyebut penyelesai perselisihan antar-kabupaten/kota "
    "dari provinsi yang berbeda; default setelan (R25) [U], perlu kajian hukum"
)
BASIS_KSDPK = "PP 28/2018 Pasal 21; UU 23/2014 Pasal 366(2) huruf c; PP 28/2018 Pasal 19(2) huruf c"
BASIS_FOREIGN = "PP 28/2018 Pasal 34, 41"
BASIS_SINERGI = (
    "PP 28/2018 Pasal 46(4) (dokumen kesepakatan yang mengikat para pihak) [U: tanpa aturan sengketa]"
)
BASIS_MUSYAWARAH_KSDD = (
    "Praktik baik; tidak diwajibkan UU 23/2014 Pasal 370 atau PP 28/2018 Pasal 8 (R22) [M]"
)


def _step(
    step: str, authority: str, *, required: bool, basis: str, region: str | None = None, final: bool = False
) -> dict[str, Any]:
    return {
        "step": step,
        "authority": authority,
        "region": region,
        "required": required,
        "final": final,
        "basis": basis,
    }


def _route(
    authority: Authority,
    region: str | None,
    basis: str,
    *,
    final: bool,
    steps: list[dict[str, Any]],
    flag: bool = False,
) -> dict[str, Any]:
    return {
        "authority": authority,
        "region": region,
        "basis": basis,
        "final": final,
        "steps": steps,
        "flag_legal_review": flag,
    }


def resolve_dispute(
    ref: ReferenceData,
    parties: Sequence[str],
    type: str = "KSDD",
    settings: RulebookSettings | None = None,
) -> dict[str, Any]:
    """The competent authority for a dispute between ``parties`` (region codes; one for a KSDPK).

    Returns ``{"authority", "region", "basis", "final", "steps", "flag_legal_review"}``. The answer does not
    depend on the order of ``parties``. Raises ``ValueError`` for unknown codes or too few parties: that is
    bad input, not a legal finding.
    """
    settings = settings or RulebookSettings()
    codes = sorted(set(parties))
    facts = [ref.region(c) for c in codes]
    unknown = [c for c, f in zip(codes, facts, strict=True) if f is None]
    if unknown:
        raise ValueError(f"unknown region code(s): {', '.join(unknown)}")
    if type == "KSDPK":
        return _route(
            "perjanjian",
            None,
            BASIS_KSDPK,
            final=False,
            steps=[
                _step("musyawarah_mufakat", "para_pihak", required=True, basis="PP 28/2018 Pasal 21"),
                _step("klausul_perjanjian", "perjanjian", required=True, basis=BASIS_KSDPK),
            ],
        )
    if type in ("KSDPL", "KSDLL"):
        return _route(
            "perjanjian",
            None,
            BASIS_FOREIGN,
            final=False,
            steps=[_step("negosiasi_konsultasi", "para_pihak", required=True, basis=BASIS_FOREIGN)],
        )
    if type == "SINERGI":
        return _route(
            "perjanjian",
            None,
            BASIS_SINERGI,
            final=False,
            steps=[_step("klausul_perjanjian", "perjanjian", required=True, basis=BASIS_SINERGI)],
            flag=True,
        )
    if type != "KSDD":
        raise ValueError(f"unknown cooperation type {type!r}")
    if len(codes) < 2:
        raise ValueError("a KSDD dispute needs at least two distinct regions")

    musyawarah = _step(
        "musyawarah",
        "para_pihak",
        required=settings.require_ksdd_musyawarah_step,
        basis=BASIS_MUSYAWARAH_KSDD,
    )
    levels = {f.level for f in facts if f is not None}
    provinces = {f.province_code for f in facts if f is not None}
    if "provinsi" in levels:
        return _route(
            "menteri",
            None,
            BASIS_MINISTER,
            final=True,
            steps=[musyawarah, _step("menteri", "menteri", required=True, basis=BASIS_MINISTER, final=True)],
        )
    if len(provinces) == 1:
        (province,) = provinces
        return _route(
            "gubernur",
            province,
            BASIS_GWPP,
            final=False,
            steps=[
                musyawarah,
                _step(
                    "gubernur", "gubernur", region=province, required=True, basis="UU 23/2014 Pasal 370(1)"
                ),
                _step(
                    "menteri_bila_gubernur_tidak_dapat_menyelesaikan",
                    "menteri",
                    required=False,
                    final=True,
                    basis="UU 23/2014 Pasal 370(3), (4)",
                ),
            ],
        )
    default = settings.kabkota_cross_province_dispute_authority
    return _route(
        default,
        None,
        BASIS_GAP,
        final=False,
        steps=[musyawarah, _step(default, default, required=True, basis=BASIS_GAP)],
        flag=True,
    )
