"""The planning nomenclature (*klasifikasi, kodefikasi dan nomenklatur perencanaan pembangunan dan keuangan
daerah*: Kepmendagri 050-5889/2021, amended by Kepmendagri 900.1.15.5-3406/2024) as rows an instrument's annex
lists, and what a new instrument changes. Pure Python.

Codes: programme ``U.BB.PP`` (e.g. 1.03.02), activity (*kegiatan*) ``U.BB.PP.L.KK`` where L is 1 for a province
and 2 for a kab/kota, sub-activity (*sub kegiatan*) ``U.BB.PP.L.KK.SSSS`` (2 or 4 digits: the count is [U]).
``U.BB`` is the affair (*urusan*) or, for supporting affairs like the regional secretariat, its ``4.xx`` code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CODE_RE = re.compile(r"^(\d)\.(\d{2})\.(\d{2})(?:\.([12])\.(\d{2})(?:\.(\d{2}|\d{4}))?)?$")
LEVELS = ("program", "kegiatan", "sub_kegiatan")
NAME_MAX_LENGTH = 300


@dataclass(frozen=True)
class NomenclatureRowFact:
    """One line of an instrument's annex: its code, level (from the code's shape) and name."""

    code: str
    level: str
    name: str

    @property
    def affair_code(self) -> str:
        return ".".join(self.code.split(".")[:2])


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    message_id: str
    message_en: str


def level_of(code: str) -> str | None:
    """``program``, ``kegiatan`` or ``sub_kegiatan`` for a well-formed code, else None."""
    match = CODE_RE.match(code)
    if match is None:
        return None
    if match.group(4) is None:
        return "program"
    return "kegiatan" if match.group(6) is None else "sub_kegiatan"


def parse_rows(rows: Iterable[Mapping[str, str]]) -> tuple[list[NomenclatureRowFact], list[RowProblem]]:
    """The annex's rows (``code`` and ``name`` columns; line numbers count the header as line 1), and every
    problem found: a bad code, an empty or too long name, a code twice, an activity without its programme
    listed. An import applies nothing when there is any problem."""
    facts: list[NomenclatureRowFact] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or row.get("kode") or "").strip()
        name = " ".join((row.get("name") or row.get("nomenklatur") or "").split())
        level = level_of(code)
        if level is None:
            problems.append(
                RowProblem(
                    line,
                    "code",
                    f"kode {code!r} bukan kode program (1.03.02), kegiatan (1.03.02.2.01) atau sub kegiatan",
                    f"code {code!r} is not a programme (1.03.02), activity (1.03.02.2.01) or sub-activity code",
                )
            )
            continue
        if not name or len(name) > NAME_MAX_LENGTH:
            problems.append(
                RowProblem(
                    line,
                    "name",
                    f"nomenklatur kosong atau lebih dari {NAME_MAX_LENGTH} karakter",
                    f"name empty or longer than {NAME_MAX_LENGTH} characters",
                )
            )
            continue
        if code in seen:
            problems.append(
                RowProblem(line, "code", f"kode {code} sudah ada di baris {seen[code]}",
                           f"code {code} already on line {seen[code]}")
            )
            continue
        seen[code] = line
        facts.append(NomenclatureRowFact(code, level, name))
    listed = set(seen)
    for fact in facts:
        parent = parent_of(fact.code)
        if parent is not None and parent not in listed:
            problems.append(
                RowProblem(
                    seen[fact.code],
                    "code",
                    f"induk {parent} dari kode {fact.code} tidak tercantum",
                    f"the parent {parent} of code {fact.code} is not listed",
                )
            )
    return facts, sorted(problems, key=lambda p: p.line)


def parent_of(code: str) -> str | None:
    """The programme of an activity, the activity of a sub-activity; None for a programme."""
    parts = code.split(".")
    if len(parts) == 5:
        return ".".join(parts[:3])
    if len(parts) == 6:
        return ".".join(parts[:5])
    return None


@dataclass(frozen=True)
class NomenclatureDiffFact:
    """What a new instrument changes against the nomenclature in force: codes added, renamed (same code, new
    name: ``(code, old, new)``), ended (in force but not listed) and kept."""

    added: tuple[str, ...]
    renamed: tuple[tuple[str, str, str], ...]
    ended: tuple[str, ...]
    kept: int

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.renamed) + len(self.ended)


def diff(in_force: Mapping[str, str], rows: Iterable[NomenclatureRowFact]) -> NomenclatureDiffFact:
    """``in_force`` maps each code in force to its name."""
    new = {row.code: row.name for row in rows}
    both = sorted(set(new) & set(in_force))
    return NomenclatureDiffFact(
        added=tuple(sorted(set(new) - set(in_force))),
        renamed=tuple((code, in_force[code], new[code]) for code in both if in_force[code] != new[code]),
        ended=tuple(sorted(set(in_force) - set(new))),
        kept=sum(1 for code in set(new) & set(in_force) if in_force[code] == new[code]),
    )
