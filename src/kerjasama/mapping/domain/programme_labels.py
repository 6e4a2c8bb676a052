"""What a programme or activity code of the planning nomenclature is, in words (Kepmendagri 050-5889/2021,
amended by Kepmendagri 900.1.15.5-3406/2024).

The nomenclature's own titles (e.g. "Program Pengelolaan Persampahan") are not yet in the project's reference
data, so a code is described by its structure: its level (program, kegiatan, sub-kegiatan), the government
level of a kegiatan (1 provinsi, 2 kab/kota), and the affair it belongs to. Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from kerjasama.mapping.domain.programmes import PROGRAMME_RE


@dataclass(frozen=True)
class ProgrammeCodeFact:
    """One code with its structural description in Indonesian and English."""

    code: str
    affair_code: str
    kind_id: str
    kind_en: str


def describe_programme_code(code: str) -> ProgrammeCodeFact:
    """The structure of ``code``; a code that does not parse is described as such (never raises)."""
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
