"""Who watches and who takes over: monitoring (R30) and takeover of a mandatory KSDD (R28).

Monitoring and evaluation (UU 23/2014 Pasal 368; PP 28/2018 Pasal 44): GWPP for cooperation by kab/kota
within one province, the Minister for cooperation involving a province. Nobody is named for kab/kota of
different provinces: no monitor is assigned and the record is flagged.

Takeover (UU 23/2014 Pasal 364(3)-(5); PP 28/2018 Pasal 10-11): pairings (a)-(d) of Pasal 364(2) -> the
central government; (e) kab/kota in one province -> GWPP after *pembinaan*, evaluation and the Minister's
approval. PP Pasal 10 keys on who failed, which differs for kab/kota of different provinces; the setting
``takeover_cross_province_kabkota`` chooses (default: the statute, the central government) with a flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from kerjasama.rulebook.reference import PAIRING_D, PAIRING_E, ReferenceData
from kerjasama.rulebook.settings import RulebookSettings

BASIS_MONITORING = "UU 23/2014 Pasal 368; PP 28/2018 Pasal 44"
BASIS_TAKEOVER_PUSAT = "UU 23/2014 Pasal 364(3), (5); PP 28/2018 Pasal 10, 11(1), 11(3)"
BASIS_TAKEOVER_GWPP = "UU 23/2014 Pasal 364(4), (5); PP 28/2018 Pasal 10, 11(2), 11(3)"


def monitoring_authority(
    ref: ReferenceData, parties: Sequence[str], type: str, settings: RulebookSettings
) -> dict[str, Any]:
    """``{"authority": "gubernur"|"menteri"|None, "region", "basis", "reporting_line", "reporting_frequency",
    "flag_legal_review"}`` for an agreement's region parties (order-independent)."""
    facts = [f for f in (ref.region(c) for c in sorted(set(parties))) if f is not None]
    levels = {f.level for f in facts}
    provinces = {f.province_code for f in facts}
    line = settings.reporting_line_provinsi if "provinsi" in levels else settings.reporting_line_kabkota
    result: dict[str, Any] = {
        "authority": None,
        "region": None,
        "basis": BASIS_MONITORING,
        "reporting_line": list(line),
        "reporting_frequency": settings.reporting_frequency,
        "flag_legal_review": False,
    }
    if type == "SINERGI" or "provinsi" in levels:
        # The Minister: cooperation involving a province (Pasal 368); synergy falls under the Minister's
        # general pembinaan (PP Pasal 44), an inference, hence the flag for synergy.
        result.update(authority="menteri", flag_legal_review=type == "SINERGI")
    elif len(provinces) == 1:
        (province,) = provinces
        result.update(authority="gubernur", region=province)
    else:
        result.update(flag_legal_review=True)
    return result


def takeover_authority(
    ref: ReferenceData, parties: Sequence[str], settings: RulebookSettings
) -> dict[str, Any]:
    """Who takes over a mandatory KSDD that was not carried out: ``{"authority": "pusat"|"gwpp", "region",
    "basis", "flag_legal_review"}``."""
    codes = sorted({c for c in parties if ref.region(c) is not None})
    if len(codes) < 2:
        raise ValueError("a takeover concerns a mandatory KSDD between at least two known regions")
    pairings = {ref.pairing(a, b) for a, b in combinations(codes, 2)}
    if pairings == {PAIRING_E}:
        fact = ref.region(codes[0])
        return {
            "authority": "gwpp",
            "region": fact.province_code if fact else None,
            "basis": BASIS_TAKEOVER_GWPP,
            "flag_legal_review": False,
        }
    if pairings <= {PAIRING_D, PAIRING_E}:
        # Only kab/kota, across provinces: UU Pasal 364(3) says the central government, PP Pasal 10 implies
        # GWPP (and does not say which governor).
        chosen = settings.takeover_cross_province_kabkota
        return {
            "authority": chosen,
            "region": None,
            "basis": BASIS_TAKEOVER_PUSAT if chosen == "pusat" else BASIS_TAKEOVER_GWPP,
            "flag_legal_review": True,
        }
    return {"authority": "pusat", "region": None, "basis": BASIS_TAKEOVER_PUSAT, "flag_legal_review": False}
