"""Settings of the lifecycle app: the default settlement checklist at the end of a cooperation.

PP 28/2018 names the grounds on which a KSDD (Pasal 9(1)) and a KSDPK (Pasal 22) end [V], but no article of
UU 23/2014 or PP 28/2018 lists what the parties settle when it ends. The one verified rule is on results:
money due to a region goes to the *kas daerah* and goods are recorded as regional assets (PP 28/2018 Pasal
20, for a KSDPK [V]); regional assets follow Permendagri 19/2016 [S]. The rest is practice and stays a
setting (``KERJASAMA_SETTLEMENT_ITEMS``, a comma-separated list of the keys below, in order) [U].
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class SettlementItemInfo:
    key: str
    label_id: str
    label_en: str
    basis: str


#: Every item the checklist knows, with its legal basis and confidence tag (REGULATIONS.md).
CATALOGUE: dict[str, SettlementItemInfo] = {
    info.key: info
    for info in (
        SettlementItemInfo(
            "aset",
            "Aset dan barang hasil kerja sama (dicatat sebagai barang milik daerah)",
            "Assets and goods resulting from the cooperation (recorded as regional assets)",
            "PP 28/2018 Pasal 20 (KSDPK) [V]; Permendagri 19/2016 [S]; KSDD [U]",
        ),
        SettlementItemInfo(
            "kewajiban",
            "Hak dan kewajiban yang belum diselesaikan para pihak",
            "Outstanding rights and obligations of the parties",
            "UU 23/2014 Pasal 366(2)(a); PP 28/2018 Pasal 19(2)(a) (content of the contract) [V]; "
            "settlement at the end [U]",
        ),
        SettlementItemInfo(
            "personel",
            "Personel yang ditugaskan dalam kerja sama",
            "Personnel assigned to the cooperation",
            "practice [U]",
        ),
        SettlementItemInfo(
            "arsip",
            "Dokumen dan arsip kerja sama",
            "Documents and archives of the cooperation",
            "practice [U]",
        ),
        SettlementItemInfo(
            "pendanaan",
            "Pendanaan: pembayaran terakhir, uang yang menjadi hak daerah disetor ke kas daerah",
            "Financing: final payments; money due to a region paid into the kas daerah",
            "PP 28/2018 Pasal 20 (KSDPK) [V]; APBD of each party [V: §1.7]; details [U]",
        ),
    )
}

DEFAULT_SETTLEMENT_ITEMS: tuple[str, ...] = ("aset", "kewajiban", "personel", "arsip", "pendanaan")


def settlement_items() -> list[SettlementItemInfo]:
    """The configured checklist, in order; a key the catalogue does not know is shown as itself [U]."""
    keys = getattr(settings, "KERJASAMA_SETTLEMENT_ITEMS", None) or DEFAULT_SETTLEMENT_ITEMS
    seen: list[str] = []
    for key in keys:
        key = str(key).strip()[:40]
        if key and key not in seen:
            seen.append(key)
    return [CATALOGUE.get(k) or SettlementItemInfo(k, k, k, "setting [U]") for k in seen]


def item_info(key: str) -> SettlementItemInfo:
    return CATALOGUE.get(key) or SettlementItemInfo(key, key, key, "setting [U]")
