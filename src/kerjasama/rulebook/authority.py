"""Who holds the object of a cooperation: the one authority decision of Kerjasama (R11).

R11 (REGULATIONS.md section 5.2): the object of a KSD must lie within the authority (*kewenangan*) of each
party at its level (PP 28/2018 Pasal 1 angka 2: "Urusan Pemerintahan yang menjadi kewenangan Daerah"; UU
23/2014 Pasal 13 and its Lampiran, "Pembagian Urusan Pemerintahan Konkuren"). The plan checker (rule R11 in
``rules/objects.py``) and the mapping engine's recommendations (``mapping/domain/authority.py``) both decide
through the functions below, so the checker never says something the recommendation page contradicts.

The object is an affair, optionally narrowed to some of its sub-affairs (*sub urusan*, e.g. 3.28.02
Pengelolaan Hutan). A level holds the object when at least one of the judged sub-affair rows gives it
authority (a non-empty cell); an affair without matrix rows is ``unknown`` at every level.

``judge_levels`` gives the verdict for the levels of the parties:

- ``held``: every party's level holds the object; nothing to say;
- ``shared``: some party's level does not hold it, another party's does: a warning naming the holder (the
  cooperation can cover only the holder's authority, the other party supports);
- ``outside``: no party's level holds it (e.g. forestry management between two kabupaten, Lampiran BB:
  provincial and central authority except the kab/kota's own Tahura): an error; the mapping engine never
  recommends such a pair;
- ``unknown``: the matrix does not cover the affair: a warning, never a silent pass.

``cross_border_note`` adds the scope test of Pasal 13(3)-(4): where the province column of a judged
sub-affair reads "lintas kab/kota" or "regional" (SPAM lintas kab/kota, TPA/TPST regional, persampahan
regional), the cross-kab/kota version of that sub-affair is provincial authority, so kab/kota cooperating
on it must involve their province (named); across provinces the cross-province scope is central
(Pasal 13(3) huruf a). At affair level (no sub-affair named) this is an ``info``: the cooperation may not
touch the cross-border part; with the sub-affair named it is a ``warning``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from kerjasama.rulebook.facts import AUTHORITY_LEVELS, AuthorityLevel, AuthorityStatus, Level, SubAffairRow
from kerjasama.rulebook.findings import Severity
from kerjasama.rulebook.reference import ReferenceData

Verdict = Literal["held", "shared", "outside", "unknown"]
VERDICTS: tuple[Verdict, ...] = ("held", "shared", "outside", "unknown")

#: Legal basis of every authority statement (R11).
AUTHORITY_BASIS = (
    "UU 23/2014 Pasal 13 dan Lampiran; PP 28/2018 Pasal 1 angka 2 (urusan yang menjadi kewenangan daerah)"
)
#: "lintas (Daerah) kab/kota", "regional": the province column's words for a cross-kab/kota scope.
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
_REGIONAL_FIRST: tuple[AuthorityLevel, ...] = ("provinsi", "kabkota", "pusat")


def join_id(items: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b, dan c``."""
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def join_en(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class ObjectScope:
    """The object judged: one affair, narrowed to the named sub-affairs or (``narrowed=False``) all of them."""

    affair_code: str
    label_id: str
    label_en: str
    rows: tuple[SubAffairRow, ...]
    narrowed: bool
    #: Every row of the affair (for a narrowed scope, the rows the parties could hold instead).
    affair_rows: tuple[SubAffairRow, ...] = ()
    not_covered_id: str = ""
    not_covered_en: str = ""

    def status(self, level: AuthorityLevel) -> AuthorityStatus:
        if not self.rows:
            return "unknown"
        return "held" if any(r.text(level).strip() for r in self.rows) else "not_held"

    def holders(self) -> tuple[AuthorityLevel, ...]:
        return tuple(level for level in _REGIONAL_FIRST if self.status(level) == "held")

    def cross_border_rows(self) -> tuple[SubAffairRow, ...]:
        """The judged rows whose cross-kab/kota scope is provincial (province column "lintas"/"regional")."""
        return tuple(r for r in self.rows if CROSS_BORDER_RE.search(r.provinsi))


def object_scope(ref: ReferenceData, affair_code: str, sub_affairs: Iterable[str] = ()) -> ObjectScope:
    """The scope of ``affair_code``; ``sub_affairs`` (identifiers, any affair) narrow it to that affair's own."""
    fact = ref.affair(affair_code)
    name_id = fact.name_id if fact is not None else ""
    name_en = fact.name_en if fact is not None else ""
    every = ref.affair_authority(affair_code).sub_affairs
    named = [row for code in sub_affairs if (row := ref.sub_affair(code)) is not None]
    own = tuple(row for row in named if row.affair_code == affair_code)
    if own:
        names = join_id([r.label for r in own])
        names_en = join_en([r.label for r in own])
        return ObjectScope(
            affair_code,
            f"sub-urusan {names} (urusan {affair_code} {name_id})",
            f"sub-affair {names_en} (affair {affair_code} {name_en})",
            own,
            True,
            every,
        )
    return ObjectScope(
        affair_code,
        f"urusan {affair_code} {name_id}".strip(),
        f"affair {affair_code} {name_en}".strip(),
        every,
        False,
        every,
        fact.not_covered_id if fact is not None else "",
        fact.not_covered_en if fact is not None else "",
    )


@dataclass(frozen=True, slots=True)
class AuthorityJudgement:
    """The verdict for the parties' levels; ``severity`` and the messages are empty when ``held``."""

    verdict: Verdict
    lacking: tuple[Level, ...]
    holders: tuple[AuthorityLevel, ...]
    severity: Severity | None
    message_id: str
    message_en: str


def _who(levels: tuple[Level, ...], parties: Mapping[Level, str] | None, lang: str) -> str:
    names = LEVEL_ID if lang == "id" else LEVEL_EN
    parts = []
    for level in levels:
        named = parties.get(level) if parties else None
        parts.append(f"{names[level]} ({named})" if named else names[level])
    return join_id(parts) if lang == "id" else join_en(parts)


def judge_levels(
    scope: ObjectScope, levels: Collection[Level], *, parties: Mapping[Level, str] | None = None
) -> AuthorityJudgement:
    """The R11 verdict for parties at ``levels`` (see the module docstring). ``parties`` optionally names the
    parties per level in the messages (the plan checker does; a recommendation names levels only)."""
    regional: tuple[Level, ...] = ("provinsi", "kabkota")
    wanted = tuple(level for level in regional if level in levels)
    holders = scope.holders()
    status = {level: scope.status(level) for level in wanted}
    if not scope.rows or "unknown" in status.values():
        reason_id = f" Alasan: {scope.not_covered_id}" if scope.not_covered_id else ""
        reason_en = f" Reason: {scope.not_covered_en}" if scope.not_covered_en else ""
        return AuthorityJudgement(
            "unknown",
            (),
            (),
            "warning",
            f"Matriks kewenangan (Lampiran UU 23/2014) belum mencakup {scope.label_id}; periksa secara manual "
            f"bahwa objek kerja sama menjadi kewenangan tiap pihak.{reason_id}",
            f"The authority matrix (UU 23/2014 Lampiran) does not cover {scope.label_en}; check by hand that "
            f"the object lies within each party's authority.{reason_en}",
        )
    lacking = tuple(level for level in wanted if status[level] == "not_held")
    if not lacking:
        return AuthorityJudgement("held", (), holders, None, "", "")
    holding = tuple(level for level in wanted if status[level] == "held")
    if holding:
        holder_id, holder_en = _who(holding, None, "id"), _who(holding, None, "en")
        other_id, other_en = LEVEL_ID[lacking[0]], LEVEL_EN[lacking[0]]
        return AuthorityJudgement(
            "shared",
            lacking,
            holders,
            "warning",
            f"{_cap(scope.label_id)} bukan kewenangan {_who(lacking, parties, 'id')} menurut matriks Lampiran "
            f"UU 23/2014; kewenangannya ada pada {holder_id}. Kerja sama hanya dapat mencakup kewenangan "
            f"{holder_id}, dengan {other_id} sebagai pendukung.",
            f"{_cap(scope.label_en)} is not held by {_who(lacking, parties, 'en')} according to the UU 23/2014 "
            f"Lampiran matrix; {holder_en} holds it. The cooperation can only cover {holder_en}'s authority, "
            f"with {other_en} in a supporting role.",
        )
    if holders:
        held_id = "kewenangannya ada pada " + join_id([LEVEL_ID[h] for h in holders])
        held_en = "it is held by " + join_en([LEVEL_EN[h] for h in holders])
    else:
        held_id, held_en = "tidak tercatat pada tingkat mana pun", "it is recorded at no level"
    hint_id = hint_en = ""
    if scope.narrowed:
        others = [
            r
            for r in scope.affair_rows
            if r not in scope.rows and any(r.text(level).strip() for level in lacking)
        ]
        if others:
            names = [f"{r.label} ({r.text(lacking[0]) or '-'})" for r in others]
            hint_id = (
                f" Sub-urusan urusan ini yang menjadi kewenangan {LEVEL_ID[lacking[0]]}: {'; '.join(names)}."
            )
            hint_en = f" Sub-affairs of this affair that {LEVEL_EN[lacking[0]]} holds: {'; '.join(names)}."
    return AuthorityJudgement(
        "outside",
        lacking,
        holders,
        "error",
        f"{_cap(scope.label_id)} bukan kewenangan {_who(lacking, parties, 'id')} menurut matriks Lampiran "
        f"UU 23/2014; {held_id}.{hint_id}",
        f"{_cap(scope.label_en)} is not within the authority of {_who(lacking, parties, 'en')} under the UU "
        f"23/2014 Lampiran matrix; {held_en}.{hint_en}",
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class CrossBorderNote:
    """The cross-border scope of the judged sub-affairs belongs to ``level`` (provinsi or pusat)."""

    level: AuthorityLevel
    sub_affairs: tuple[str, ...]
    provinces: tuple[str, ...]
    severity: Severity
    text_id: str
    text_en: str


def province_label(ref: ReferenceData, code: str) -> str:
    """ "Provinsi Daerah Istimewa Yogyakarta": the province by name (its code when unknown)."""
    fact = ref.region(code)
    if fact is None:
        return code
    return fact.name if fact.name.lower().startswith("provinsi") else f"Provinsi {fact.name}"


def cross_border_note(
    ref: ReferenceData,
    scope: ObjectScope,
    kabkota_provinces: Collection[str],
    province_parties: Collection[str],
) -> CrossBorderNote | None:
    """The note for two or more kab/kota (in ``kabkota_provinces``, their provinces) cooperating on ``scope``.

    None when no judged sub-affair has a cross-kab/kota scope, or when all the kab/kota lie in one province
    that is itself a party (it then holds the cross-kab/kota scope as a party).
    """
    rows = scope.cross_border_rows()
    provinces = sorted(set(kabkota_provinces))
    if not rows or not provinces:
        return None
    subs = tuple(r.label if scope.narrowed else r.name for r in rows)
    subs_id, subs_en = join_id(list(subs)), join_en(list(subs))
    severity: Severity = "warning" if scope.narrowed else "info"
    if len(provinces) == 1:
        if provinces[0] in province_parties:
            return None
        name = province_label(ref, provinces[0])
        return CrossBorderNote(
            "provinsi",
            subs,
            (provinces[0],),
            severity,
            f"Lingkup lintas kabupaten/kota dari sub-urusan {subs_id} adalah kewenangan daerah provinsi "
            f"(Lampiran UU 23/2014); {name} perlu dilibatkan sebagai pihak atau pemegang kewenangan.",
            f"The cross-kabupaten/kota scope of the sub-affairs {subs_en} is provincial authority "
            f"(UU 23/2014 Lampiran); {name} must be involved as a party or as the authority holder.",
        )
    names = [province_label(ref, code) for code in provinces]
    return CrossBorderNote(
        "pusat",
        subs,
        tuple(provinces),
        severity,
        f"Kabupaten/kota para pihak berada di provinsi berbeda: lingkup lintas provinsi dari sub-urusan "
        f"{subs_id} adalah kewenangan Pemerintah Pusat dan lingkup lintas kabupaten/kota kewenangan provinsi "
        f"(Lampiran UU 23/2014); libatkan kementerian teknis serta {join_id(names)}.",
        f"The kabupaten/kota parties lie in different provinces: the cross-province scope of the sub-affairs "
        f"{subs_en} is central-government authority and the cross-kabupaten/kota scope provincial "
        f"(UU 23/2014 Lampiran); involve the technical ministry and {join_en(names)}.",
    )


__all__ = [
    "AUTHORITY_BASIS",
    "AUTHORITY_LEVELS",
    "CROSS_BORDER_RE",
    "VERDICTS",
    "AuthorityJudgement",
    "CrossBorderNote",
    "ObjectScope",
    "Verdict",
    "cross_border_note",
    "judge_levels",
    "object_scope",
    "province_label",
]
