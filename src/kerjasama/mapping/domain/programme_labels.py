"""What a programme or activity code of the planning nomenclature is, in words (Kepmendagri 050-5889/2021,
amended by Kepmendagri 900.1.15.5-3406/2024).

A code is described by its structure: its level (program, kegiatan, sub-kegiatan), the government level of a
kegiatan (1 provinsi, 2 kab/kota), and the affair it belongs to; and by the nomenclature's own title (e.g.
"Fasilitasi Kerja Sama Daerah") where the ``planning`` app holds it for the year (``title``, given by the
caller; empty otherwise: never an invented title). Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from kerjasama.mapping.domain.programmes import PROGRAMME_RE, check_programme_code


@dataclass(frozen=True)
class ProgrammeCodeFact:
    """One code with its structural description in Indonesian and English."""

    code: str
    affair_code: str
    kind_id: str
    kind_en: str
    title: str = ""


def describe_programme_code(code: str, titles: dict[str, str] | None = None) -> ProgrammeCodeFact:
    """The structure of ``code`` with its title from ``titles`` when there; a code that does not parse is
    described as such (never raises)."""
    fact = _structure(code)
    title = (titles or {}).get(code.strip(), "")
    return ProgrammeCodeFact(fact.code, fact.affair_code, fact.kind_id, fact.kind_en, title) if title else fact


def _structure(code: str) -> ProgrammeCodeFact:
    match = PROGRAMME_RE.match(code.strip())
    if not match:
        return ProgrammeCodeFact(code, "", "kode tidak dikenal", "unrecognised code")
    affair = f"{match.group(1)}.{match.group(2)}"
    level_digit, sub = match.group(4), match.group(6)
    if level_digit is None:
        return ProgrammeCodeFact(code, affair, "Program", "Programme")
    level_id = "provinsi" if level_digit == "1" else "kabupaten/kota"
    level_en = "provincial" if level_digit == "1" else "kab/kota"
    if sub is None:
        return ProgrammeCodeFact(code, affair, f"Kegiatan {level_id}", f"{level_en.capitalize()} activity")
    return ProgrammeCodeFact(code, affair, f"Sub-kegiatan {level_id}", f"{level_en.capitalize()} sub-activity")


@dataclass(frozen=True)
class ProgrammeShape:
    """One level of the code structure an affair's codes must follow, with a valid example."""

    kind_id: str
    kind_en: str
    pattern: str
    example: str


def programme_structure(affair_code: str, level: str) -> list[ProgrammeShape]:
    """The shapes of programme, activity and sub-activity codes for ``affair_code`` at a region's ``level``
    (Kepmendagri 050-5889/2021: ``U.BB.PP``, ``U.BB.PP.L.KK``, ``U.BB.PP.L.KK.SSSS``; L is 1 for a province,
    2 for a kab/kota). Each example passes ``check_programme_code``; the nomenclature's titles are not in the
    reference data, so the numbers in the examples are placeholders, not real programmes."""
    digit = "1" if level == "provinsi" else "2"
    shapes = [
        (f"{affair_code}.PP", f"{affair_code}.01"),
        (f"{affair_code}.PP.{digit}.KK", f"{affair_code}.01.{digit}.01"),
        (f"{affair_code}.PP.{digit}.KK.SSSS", f"{affair_code}.01.{digit}.01.0001"),
    ]
    out = []
    for pattern, example in shapes:
        problem = check_programme_code(example, affair_code=affair_code, level=level)
        if problem is not None:  # an affair code the nomenclature cannot hold (not U.BB)
            return []
        fact = describe_programme_code(example)
        out.append(ProgrammeShape(fact.kind_id, fact.kind_en, pattern, example))
    return out
