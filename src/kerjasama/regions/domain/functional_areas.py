"""Reading and checking the functional-area reference (*kawasan fungsional*; pure Python, no Django).

A functional area is a set of regions tied together by a regulation or a formal arrangement: a national
strategic urban area (*Kawasan Strategis Nasional*, KSN) with its own spatial-plan Perpres, an economic zone,
a river basin (*wilayah sungai*), or a voluntary joint secretariat under a KSD agreement. Membership ties are
one of the inputs of the mapping of affairs to cooperate on (PP 28/2018 Pasal 3; Permendagri 22/2020).

The source is ``functional_areas.csv`` (one row per member region, see ``functional_areas.md``): every row
keeps its source and a confidence (V verified against the legal text, S secondary source, U unverified). A row
means the region is a party to the area, not that its whole territory is inside. A file with any bad row is
refused whole, with a report of every bad row (house rule 6).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.regions.domain import codes
from kerjasama.rulebook.facts import CONFIDENCES

COLUMNS = [
    "area_id",
    "area_name",
    "kind",
    "legal_basis",
    "member_code",
    "member_name",
    "confidence",
    "source",
    "notes",
]
#: The kinds of functional area; ``regions.choices.FunctionalAreaKind`` carries their labels.
KINDS = ("metropolitan", "economic_zone", "river_basin", "strategic", "island", "tourism", "other")
AREA_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
#: Area-level columns that every row of one area must repeat identically.
AREA_FIELDS = (("area_name", "name"), ("kind", "kind"), ("legal_basis", "legal_basis"))


def is_area_code(code: str) -> bool:
    """A short stable key in capitals, digits and underscores, e.g. ``KARTAMANTUL``, ``CEKUNGAN_BANDUNG``."""
    return bool(AREA_CODE_RE.match(code))


def _rows(text: str, filename: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise KerjasamaError(
            "functional_areas.bad_header",
            f"{filename}: kolom tidak ada: {', '.join(missing)}.",
            f"{filename}: missing columns: {', '.join(missing)}.",
            [
                ErrorDetail(f"{filename} baris/line 1", f"kolom {c!r} tidak ada", f"no column {c!r}")
                for c in missing
            ],
        )
    rows = []
    for row in reader:
        extra = None in row  # more cells than headers
        clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if extra:
            clean["__extra__"] = "x"
        rows.append(clean)
    return rows


def _row_problem(row: dict[str, str]) -> tuple[str, str] | None:
    """The first problem of one row on its own, as (Indonesian, English), or None."""
    if "__extra__" in row:
        return "jumlah sel melebihi kolom", "more cells than columns"
    if not row["area_id"]:
        return "area_id kosong", "empty area_id"
    if not is_area_code(row["area_id"]):
        return (
            f"area_id tidak sah: {row['area_id']!r} (huruf kapital, angka, garis bawah)",
            f"malformed area_id: {row['area_id']!r} (capitals, digits, underscores)",
        )
    if not row["area_name"]:
        return "nama kawasan (area_name) kosong", "empty area_name"
    if row["kind"] not in KINDS:
        return (
            f"jenis kawasan tidak dikenal: {row['kind']!r} (pilihan: {', '.join(KINDS)})",
            f"unknown kind: {row['kind']!r} (one of: {', '.join(KINDS)})",
        )
    if not row["legal_basis"]:
        return "dasar hukum (legal_basis) kosong", "empty legal_basis"
    if codes.level_of(codes.normalise(row["member_code"])) is None:
        return (
            f"kode wilayah tidak sah: {row['member_code']!r}",
            f"malformed region code: {row['member_code']!r}",
        )
    if row["confidence"] not in CONFIDENCES:
        return (
            f"tingkat keyakinan harus V, S atau U, bukan {row['confidence']!r}",
            f"confidence must be V, S or U, not {row['confidence']!r}",
        )
    if not row["source"]:
        return "sumber kosong", "empty source"
    return None


def parse_functional_areas(text: str, *, filename: str = "functional_areas.csv") -> dict[str, Any]:
    """The areas of ``functional_areas.csv``, in file order, each with its members in file order.

    Returns ``{"areas": [{"code", "name", "kind", "legal_basis", "notes", "members": [{"region_code",
    "region_name", "confidence", "source", "notes"}]}], "lines": {"AREA region_code": line}}``; ``lines``
    serves error reports that name the row (e.g. an unknown region code found later against the database).
    """
    rows = _rows(text, filename)
    problems: list[ErrorDetail] = []
    areas: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    lines: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        where = f"{filename} baris/line {line}"
        problem = _row_problem(row)
        if problem is not None:
            problems.append(ErrorDetail(where, *problem))
            continue
        area_code, member_code = row["area_id"], codes.normalise(row["member_code"])
        area = areas.get(area_code)
        if area is None:
            area = areas[area_code] = {
                "code": area_code,
                "name": row["area_name"],
                "kind": row["kind"],
                "legal_basis": row["legal_basis"],
                "notes": "",
                "members": [],
            }
            first_line[area_code] = line
        else:
            clash = [column for column, key in AREA_FIELDS if row[column] != area[key]]
            if clash:
                problems.append(
                    ErrorDetail(
                        where,
                        f"{', '.join(clash)} berbeda dengan baris {first_line[area_code]} untuk {area_code}",
                        f"{', '.join(clash)} differs from line {first_line[area_code]} for {area_code}",
                    )
                )
                continue
        key = f"{area_code} {member_code}"
        if key in lines:
            problems.append(
                ErrorDetail(
                    where,
                    f"anggota ganda: {member_code} sudah ada di {area_code} (baris {lines[key]})",
                    f"duplicate member: {member_code} is already in {area_code} (line {lines[key]})",
                )
            )
            continue
        lines[key] = line
        area["members"].append(
            {
                "region_code": member_code,
                "region_name": row["member_name"],
                "confidence": row["confidence"],
                "source": row["source"],
                "notes": row["notes"],
            }
        )
    if not problems and not areas:
        problems.append(ErrorDetail(filename, "berkas tidak berisi baris", "the file has no rows"))
    if problems:
        raise KerjasamaError(
            "functional_areas.bad_rows",
            f"{filename} ditolak seluruhnya: {len(problems)} masalah.",
            f"{filename} was rejected as a whole: {len(problems)} problems.",
            problems,
        )
    return {"areas": list(areas.values()), "lines": lines}
