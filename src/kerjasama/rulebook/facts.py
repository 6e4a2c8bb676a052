"""Plain-data inputs of the rulebook: regions, concurrent affairs and the authority matrix.

The Django apps own the master data; they hand it to the rulebook as these frozen dataclasses (see
``ReferenceData`` in ``reference.py``). Nothing here knows about a database.

Code formats (REGULATIONS.md R1, Permendagri 58/2021 code rules carried into Kepmendagri
300.2.2-2138/2025): a province is ``PP``, a kabupaten/kota ``PP.KK`` with ``KK`` 01-69 for a kabupaten and
71-99 for a kota. Affair codes follow Kepmendagri 050-5889/2021: ``C.NN`` (R10).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args, overload

Level = Literal["provinsi", "kabkota"]
Kind = Literal["provinsi", "kabupaten", "kota"]
AuthorityLevel = Literal["pusat", "provinsi", "kabkota"]
AuthorityStatus = Literal["held", "not_held", "unknown"]
#: How well a fact is sourced: V verified in the legal text, S a secondary source, U unverified
#: (general knowledge). Strongest first: U is the weakest, then S, then V.
Confidence = Literal["V", "S", "U"]

AUTHORITY_LEVELS: tuple[AuthorityLevel, ...] = get_args(AuthorityLevel)
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
AFFAIR_CATEGORIES = ("wajib_pelayanan_dasar", "wajib_non_pelayanan_dasar", "pilihan")

# ASCII digits only: ``\d`` would also accept other scripts' digits.
PROVINCE_CODE_RE = re.compile(r"[0-9]{2}")
KABKOTA_CODE_RE = re.compile(r"[0-9]{2}\.[0-9]{2}")
AFFAIR_CODE_RE = re.compile(r"[0-9]\.[0-9]{2}")
#: A sub-affair (*sub urusan*) of the authority matrix: the affair code and the sub-affair's number within the
#: affair, e.g. ``3.28.02`` (Lampiran UU 23/2014 huruf BB, No. 2 Pengelolaan Hutan). See ``sub_affair_code``.
SUB_AFFAIR_CODE_RE = re.compile(r"[0-9]\.[0-9]{2}\.[0-9]{2}")


@overload
def weakest_confidence(confidences: Iterable[str]) -> Confidence | None: ...
@overload
def weakest_confidence(confidences: Iterable[str], default: Confidence) -> Confidence: ...
def weakest_confidence(confidences: Iterable[str], default: Confidence | None = None) -> Confidence | None:
    """The weakest of a set of confidence tags: any U makes it U, else any S makes it S, else V.

    ``default`` for an empty set. Raises ``ValueError`` for a tag that is not V, S or U. The one meaning of
    "weakest" in Kerjasama (the authority matrix and functional-area memberships both use it).
    """
    weakest: Confidence | None = None
    for tag in confidences:
        if tag not in CONFIDENCES:
            raise ValueError(f"confidence must be V, S or U, not {tag!r}")
        rank = CONFIDENCES.index(tag)
        if weakest is None or rank > CONFIDENCES.index(weakest):
            weakest = CONFIDENCES[rank]
    return default if weakest is None else weakest


def code_level(code: str) -> Level | None:
    """``provinsi``/``kabkota`` when ``code`` has a region-code shape, else None (R1 format only)."""
    if PROVINCE_CODE_RE.fullmatch(code):
        return "provinsi"
    if KABKOTA_CODE_RE.fullmatch(code):
        return "kabkota"
    return None


def code_kind(code: str) -> Kind | None:
    """The kind a code implies (R1): ``KK`` 01-69 kabupaten, 71-99 kota; None if out of both ranges."""
    level = code_level(code)
    if level == "provinsi":
        return "provinsi"
    if level == "kabkota":
        number = int(code[3:])
        if 1 <= number <= 69:
            return "kabupaten"
        if 71 <= number <= 99:
            return "kota"
    return None


def sub_affair_code(affair_code: str, number: int) -> str:
    """The stable identifier of a sub-affair: ``<affair>.<NN>``, NN its 1-based number within the affair.

    The number is the row's order within its affair in the source matrix, which follows the Lampiran's own
    "No" column where the matrix lists every sub-urusan (e.g. 3.28.02 = Lampiran BB No. 2 Pengelolaan Hutan).
    The affairs app stores the identifier once and never renumbers a stored row (see affairs/services.py).
    """
    if not 1 <= number <= 99:
        raise ValueError(f"sub-affair number must be 1-99, not {number}")
    return f"{affair_code}.{number:02d}"


def is_affair_code(code: str) -> bool:
    """True for the ``d.dd`` shape of Kepmendagri 050-5889/2021 codes (known or not)."""
    return AFFAIR_CODE_RE.fullmatch(code) is not None


@dataclass(frozen=True, slots=True)
class RegionFact:
    """An administrative region with its Kemendagri code.

    ``autonomous`` is False for DKI Jakarta's administrative kota and kabupaten (31.01, 31.71-31.75): they
    are not *daerah otonom* and cannot be parties to a KSD (R3, REGULATIONS.md section 4.2).
    ``province_code`` is the region's own code for a province.
    """

    code: str
    name: str
    level: Level
    kind: Kind
    province_code: str
    autonomous: bool = True


@dataclass(frozen=True, slots=True)
class AffairFact:
    """One of the 32 concurrent government affairs (*urusan pemerintahan konkuren*, UU 23/2014 Pasal 12)."""

    code: str
    name_id: str
    name_en: str
    category: str
    #: Why the authority matrix does not cover the affair yet (shown where "not covered" is shown), if known.
    not_covered_id: str = ""
    not_covered_en: str = ""


@dataclass(frozen=True, slots=True)
class SubAffairRow:
    """One row of the authority matrix (UU 23/2014 Lampiran I): a sub-affair and the text per level.

    An empty text means the level holds nothing for this sub-affair (or nothing was found).
    ``confidence`` is the weaker of the provinsi and kab/kota tags (authority_matrix.md).
    """

    affair_code: str
    name: str
    pusat: str
    provinsi: str
    kabkota: str
    confidence: Confidence
    source: str = ""
    #: The stable identifier (``sub_affair_code``); empty for rows built without one (e.g. in tests).
    code: str = ""

    @property
    def label(self) -> str:
        """``3.28.02 Pengelolaan Hutan``, or the name alone when the row has no identifier."""
        return f"{self.code} {self.name}" if self.code else self.name

    def text(self, level: AuthorityLevel) -> str:
        if level == "pusat":
            return self.pusat
        if level == "provinsi":
            return self.provinsi
        return self.kabkota


@dataclass(frozen=True, slots=True)
class AffairAuthorityFact:
    """Who holds an affair, per level, derived from its matrix rows.

    A level holds the affair if at least one sub-affair row has non-empty text for it. An affair without
    rows is ``unknown`` at every level: the matrix does not cover it, so nothing is guessed (R11).
    """

    affair_code: str
    pusat: AuthorityStatus
    provinsi: AuthorityStatus
    kabkota: AuthorityStatus
    sub_affairs: tuple[SubAffairRow, ...] = ()

    def status(self, level: AuthorityLevel) -> AuthorityStatus:
        if level == "pusat":
            return self.pusat
        if level == "provinsi":
            return self.provinsi
        return self.kabkota

    def holders(self) -> tuple[AuthorityLevel, ...]:
        return tuple(level for level in AUTHORITY_LEVELS if self.status(level) == "held")


def unknown_authority(affair_code: str) -> AffairAuthorityFact:
    return AffairAuthorityFact(affair_code, "unknown", "unknown", "unknown", ())


def authority_from_rows(rows: Iterable[SubAffairRow]) -> dict[str, AffairAuthorityFact]:
    """Group matrix rows by affair and derive the held/not_held status per level."""
    grouped: dict[str, list[SubAffairRow]] = {}
    for row in rows:
        grouped.setdefault(row.affair_code, []).append(row)
    result: dict[str, AffairAuthorityFact] = {}
    for code, group in grouped.items():

        def status(level: AuthorityLevel, group: list[SubAffairRow] = group) -> AuthorityStatus:
            return "held" if any(r.text(level).strip() for r in group) else "not_held"

        result[code] = AffairAuthorityFact(
            code, status("pusat"), status("provinsi"), status("kabkota"), tuple(group)
        )
    return result


def affairs_from_csv_rows(rows: Iterable[Mapping[str, str]]) -> list[AffairFact]:
    """``urusan.csv`` rows (code,name_id,name_en,category) to facts."""
    return [
        AffairFact(r["code"].strip(), r["name_id"].strip(), r["name_en"].strip(), r["category"].strip())
        for r in rows
    ]


_CONFIDENCE_TAGS: dict[str, Confidence] = {tag: tag for tag in CONFIDENCES}


def authority_rows_from_csv_rows(rows: Iterable[Mapping[str, str]]) -> list[SubAffairRow]:
    """``authority_matrix.csv`` rows to facts (columns as documented in authority_matrix.md)."""
    result: list[SubAffairRow] = []
    for r in rows:
        tag = r.get("confidence", "U").strip() or "U"
        confidence = _CONFIDENCE_TAGS.get(tag)
        if confidence is None:
            raise ValueError(f"authority row {r.get('affair_code')!r}: confidence {tag!r}")
        result.append(
            SubAffairRow(
                affair_code=r["affair_code"].strip(),
                name=r["sub_affair"].strip(),
                pusat=r.get("pusat", "").strip(),
                provinsi=r.get("provinsi", "").strip(),
                kabkota=r.get("kabkota", "").strip(),
                confidence=confidence,
                source=r.get("source", "").strip(),
                code=r.get("code", "").strip(),
            )
        )
    return result
