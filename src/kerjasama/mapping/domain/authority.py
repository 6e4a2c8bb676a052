"""Authority per affair for the mapping engine: who may cooperate on what (R11) and cross-border scope notes.

R11 (REGULATIONS.md §5.2): the object of a KSDD must lie within the authority of each party at its level
(UU 23/2014 Pasal 13 and Lampiran; PP 28/2018 Pasal 1 angka 2). Read through ``ReferenceData.authority_status``
per affair and level, once per affair and level pair, never per candidate:

- both levels hold the affair: no remark;
- one level does not hold it and the other does: kept, with a warning naming the level that holds it (the
  cooperation can only cover the holder's authority, the other party supports);
- neither party's level holds it (e.g. ESDM between two kab/kota): excluded, the engine never recommends it;
- the matrix does not cover the affair (``unknown``): kept, with a warning that the matrix is silent.

Cross-border scope (REGULATIONS.md §3.3, authority_matrix.md "Use for KSD"): when the province column of a
sub-affair reads "lintas kab/kota" or "regional" (SPAM lintas kab/kota, WS lintas kab/kota, TPA/TPST regional),
the cross-kab/kota version of that sub-affair is provincial authority; two kab/kota cooperating on the affair
must involve the province. Across provinces the cross-border scope is central (Pasal 13(3)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kerjasama.mapping.domain.results import AuthorityNote
from kerjasama.mapping.domain.texts import join_en, join_id
from kerjasama.rulebook.facts import AUTHORITY_LEVELS, AuthorityLevel, Level
from kerjasama.rulebook.reference import ReferenceData

Finding = dict[str, str]

R11_BASIS = (
    "UU 23/2014 Pasal 13 dan Lampiran; PP 28/2018 Pasal 1 angka 2 (urusan yang menjadi kewenangan daerah)"
)
R9_BASIS = "UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2) dan Penjelasan"
CROSS_BORDER_RE = re.compile(r"\blintas\b|\bregional\b", re.IGNORECASE)

LEVEL_ID: dict[str, str] = {
    "pusat": "Pemerintah Pusat",
    "provinsi": "daerah provinsi",
    "kabkota": "daerah kabupaten/kota",
}
LEVEL_EN: dict[str, str] = {
    "pusat": "the central government",
    "provinsi": "the province",
    "kabkota": "the kabupaten/kota",
}

#: The R9 reminder on a ``wajib`` recommendation when neither party recorded an externality for the affair.
R9_REMINDER: Finding = {
    "rule": "R9",
    "severity": "info",
    "message_id": "Kerja sama wajib perlu mencatat justifikasi: eksternalitas lintas Daerah dan/atau penyediaan "
    "layanan publik yang lebih efisien jika dikelola bersama; belum ada pihak yang menandai eksternalitas.",
    "message_en": "A mandatory cooperation must record its justification: a cross-regional externality and/or "
    "more efficient joint public service; neither party has flagged an externality yet.",
    "basis": R9_BASIS,
}


def _finding(rule: str, severity: str, message_id: str, message_en: str, basis: str) -> Finding:
    return {
        "rule": rule,
        "severity": severity,
        "message_id": message_id,
        "message_en": message_en,
        "basis": basis,
    }


@dataclass(frozen=True, slots=True)
class AffairAuthorityPlan:
    """The R11 decision for every ordered level pair of one affair, and its cross-border sub-affairs.

    ``decisions[(region_level, partner_level)]`` is None when the pair is excluded, else the findings to attach.
    """

    affair_code: str
    decisions: dict[tuple[Level, Level], tuple[Finding, ...] | None]
    cross_border_sub_affairs: tuple[str, ...]


def plan_affair(ref: ReferenceData, affair_code: str) -> AffairAuthorityPlan:
    fact = ref.affair(affair_code)
    label = f"{affair_code} {fact.name_id}" if fact is not None else affair_code
    label_en = f"{affair_code} {fact.name_en}" if fact is not None else affair_code
    status: dict[AuthorityLevel, str] = {
        lvl: ref.authority_status(affair_code, lvl) for lvl in AUTHORITY_LEVELS
    }
    levels: tuple[Level, Level] = ("provinsi", "kabkota")
    decisions: dict[tuple[Level, Level], tuple[Finding, ...] | None] = {}
    for la in levels:
        for lb in levels:
            decisions[(la, lb)] = _decide(status, la, lb, label, label_en)
    rows = ref.affair_authority(affair_code).sub_affairs
    cross = tuple(r.name for r in rows if CROSS_BORDER_RE.search(r.provinsi))
    return AffairAuthorityPlan(affair_code, decisions, cross)


def _decide(
    status: dict[AuthorityLevel, str], la: Level, lb: Level, label: str, label_en: str
) -> tuple[Finding, ...] | None:
    sa, sb = status[la], status[lb]
    if "not_held" in (sa, sb):
        if sa == "not_held" and sb == "not_held":
            return None
        holder, other = (lb, la) if sa == "not_held" else (la, lb)
        if status[holder] != "held":
            return None
        return (
            _finding(
                "R11",
                "warning",
                f"Urusan {label} bukan kewenangan {LEVEL_ID[other]} menurut matriks Lampiran UU 23/2014; "
                f"kewenangannya ada pada {LEVEL_ID[holder]}. Kerja sama hanya dapat mencakup kewenangan "
                f"{LEVEL_ID[holder]}, dengan {LEVEL_ID[other]} sebagai pendukung.",
                f"Affair {label_en} is not held by {LEVEL_EN[other]} according to the UU 23/2014 Lampiran "
                f"matrix; {LEVEL_EN[holder]} holds it. The cooperation can only cover {LEVEL_EN[holder]}'s "
                f"authority, with {LEVEL_EN[other]} in a supporting role.",
                R11_BASIS,
            ),
        )
    if "unknown" in (sa, sb):
        return (
            _finding(
                "R11",
                "warning",
                f"Matriks kewenangan (Lampiran UU 23/2014) belum mencakup urusan {label}; periksa secara manual "
                "bahwa objek kerja sama menjadi kewenangan tiap pihak.",
                f"The authority matrix (UU 23/2014 Lampiran) does not cover affair {label_en}; check by hand "
                "that the object lies within each party's authority.",
                R11_BASIS,
            ),
        )
    return ()


def cross_border_note(
    ref: ReferenceData, affair_code: str, sub_affairs: tuple[str, ...], province_a: str, province_b: str
) -> tuple[AuthorityNote, Finding]:
    """The note for two kab/kota cooperating on an affair whose cross-border scope is another level's."""
    subs_id, subs_en = join_id(list(sub_affairs)), join_en(list(sub_affairs))
    if province_a == province_b:
        prov = ref.region(province_a)
        name = prov.name if prov is not None else province_a
        text_id = (
            f"Lingkup lintas kabupaten/kota dari sub-urusan {subs_id} adalah kewenangan daerah provinsi "
            f"(Lampiran UU 23/2014); {name} perlu dilibatkan sebagai pihak atau pemegang kewenangan."
        )
        text_en = (
            f"The cross-kabupaten/kota scope of the sub-affairs {subs_en} is provincial authority "
            f"(UU 23/2014 Lampiran); {name} must be involved as a party or as the authority holder."
        )
        note = AuthorityNote("provinsi", sub_affairs, text_id, text_en)
    else:
        names = []
        for code in sorted((province_a, province_b)):
            prov = ref.region(code)
            names.append(prov.name if prov is not None else code)
        text_id = (
            f"Kedua kabupaten/kota berada di provinsi berbeda: lingkup lintas provinsi dari sub-urusan {subs_id} "
            "adalah kewenangan Pemerintah Pusat dan lingkup lintas kabupaten/kota kewenangan provinsi "
            f"(Lampiran UU 23/2014); libatkan kementerian teknis serta {join_id(names)}."
        )
        text_en = (
            f"The two kabupaten/kota lie in different provinces: the cross-province scope of the sub-affairs "
            f"{subs_en} is central-government authority and the cross-kabupaten/kota scope provincial "
            f"(UU 23/2014 Lampiran); involve the technical ministry and {join_en(names)}."
        )
        note = AuthorityNote("pusat", sub_affairs, text_id, text_en)
    return note, _finding("R11", "info", note.text_id, note.text_en, R11_BASIS)
