"""Reading and checking the affairs list and the authority matrix (pure Python, no Django).

The sources are ``urusan.csv`` (the 32 concurrent affairs, Kepmendagri 050-5889/2021 codes) and
``authority_matrix.csv`` (UU 23/2014 Lampiran, paraphrased per sub-affair with source and confidence).
A file with any bad row is refused whole, with a report of every bad row (house rule 6).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.rulebook.facts import CONFIDENCES, sub_affair_code

AFFAIR_CODE_RE = re.compile(r"^([123])\.(\d{2})$")
CATEGORY_BY_PREFIX = {"1": "wajib_pelayanan_dasar", "2": "wajib_non_pelayanan_dasar", "3": "pilihan"}
AFFAIR_COLUMNS = ["code", "name_id", "name_en", "category"]
AUTHORITY_COLUMNS = [
    "affair_code",
    "affair_name",
    "sub_affair",
    "pusat",
    "provinsi",
    "kabkota",
    "notes",
    "confidence",
    "source",
]
EXPECTED_AFFAIRS = 32


def _rows(text: str, columns: list[str], filename: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise KerjasamaError(
            "affairs.bad_header",
            f"{filename}: kolom tidak ada: {', '.join(missing)}.",
            f"{filename}: missing columns: {', '.join(missing)}.",
        )
    rows = []
    for row in reader:
        if None in row:  # more cells than headers
            row["__extra__"] = "x"
        rows.append({k: (v or "").strip() for k, v in row.items() if k is not None})
    return rows


def parse_affairs(text: str, *, filename: str = "urusan.csv") -> list[dict[str, str]]:
    """The 32 affairs; codes 1.01–3.32 numbered 01–32 with a prefix that matches the category (R10)."""
    rows = _rows(text, AFFAIR_COLUMNS, filename)
    problems: list[ErrorDetail] = []
    seen: set[str] = set()
    affairs = []
    for line, row in enumerate(rows, start=2):
        where = f"{filename} baris/line {line}"
        code = row["code"]
        match = AFFAIR_CODE_RE.match(code)
        if "__extra__" in row:
            problems.append(ErrorDetail(where, "jumlah sel melebihi kolom", "more cells than columns"))
        elif not match:
            problems.append(
                ErrorDetail(where, f"kode urusan tidak sah: {code!r}", f"malformed affair code: {code!r}")
            )
        elif code in seen:
            problems.append(
                ErrorDetail(where, f"kode urusan ganda: {code}", f"duplicate affair code: {code}")
            )
        elif not 1 <= int(match.group(2)) <= EXPECTED_AFFAIRS:
            problems.append(
                ErrorDetail(where, f"nomor urut di luar 01–32: {code}", f"number outside 01–32: {code}")
            )
        elif row["category"] != CATEGORY_BY_PREFIX[match.group(1)]:
            problems.append(
                ErrorDetail(
                    where,
                    f"kategori {row['category']!r} tidak cocok dengan kode {code}",
                    f"category {row['category']!r} does not match code {code}",
                )
            )
        elif not row["name_id"] or not row["name_en"]:
            problems.append(ErrorDetail(where, "nama urusan kosong", "empty affair name"))
        else:
            seen.add(code)
            affairs.append({k: row[k] for k in AFFAIR_COLUMNS})
    if not problems and len(affairs) != EXPECTED_AFFAIRS:
        problems.append(
            ErrorDetail(
                filename, f"ada {len(affairs)} urusan, seharusnya 32", f"{len(affairs)} affairs, expected 32"
            )
        )
    if problems:
        raise KerjasamaError(
            "affairs.bad_rows",
            f"{filename} ditolak seluruhnya: {len(problems)} masalah.",
            f"{filename} was rejected as a whole: {len(problems)} problems.",
            problems,
        )
    return affairs


def parse_authority(
    text: str, affair_codes: set[str], *, filename: str = "authority_matrix.csv"
) -> list[dict[str, Any]]:
    """The sub-affair rows of the authority matrix, each with its source and confidence."""
    rows = _rows(text, AUTHORITY_COLUMNS, filename)
    problems: list[ErrorDetail] = []
    seen: set[tuple[str, str]] = set()
    entries: list[dict[str, Any]] = []
    positions: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        where = f"{filename} baris/line {line}"
        code, sub = row["affair_code"], row["sub_affair"]
        if "__extra__" in row:
            problems.append(ErrorDetail(where, "jumlah sel melebihi kolom", "more cells than columns"))
        elif code not in affair_codes:
            problems.append(
                ErrorDetail(where, f"kode urusan tidak dikenal: {code!r}", f"unknown affair code: {code!r}")
            )
        elif not sub:
            problems.append(ErrorDetail(where, "sub-urusan kosong", "empty sub-affair"))
        elif (code, sub) in seen:
            problems.append(ErrorDetail(where, f"sub-urusan ganda: {sub}", f"duplicate sub-affair: {sub}"))
        elif row["confidence"] not in CONFIDENCES:
            problems.append(
                ErrorDetail(
                    where,
                    f"tingkat keyakinan harus V, S atau U, bukan {row['confidence']!r}",
                    f"confidence must be V, S or U, not {row['confidence']!r}",
                )
            )
        elif not row["source"]:
            problems.append(ErrorDetail(where, "sumber kosong", "empty source"))
        elif positions.get(code, 0) >= 99:
            problems.append(ErrorDetail(where, "lebih dari 99 sub-urusan", "more than 99 sub-affairs"))
        else:
            seen.add((code, sub))
            positions[code] = positions.get(code, 0) + 1
            entries.append(
                {
                    "affair_code": code,
                    "code": sub_affair_code(code, positions[code]),
                    "position": positions[code],
                    "sub_affair": sub,
                    "pusat": row["pusat"],
                    "provinsi": row["provinsi"],
                    "kabkota": row["kabkota"],
                    "notes": row["notes"],
                    "confidence": row["confidence"],
                    "source": row["source"],
                }
            )
    if problems:
        raise KerjasamaError(
            "affairs.bad_rows",
            f"{filename} ditolak seluruhnya: {len(problems)} masalah.",
            f"{filename} was rejected as a whole: {len(problems)} problems.",
            problems,
        )
    return entries


NOT_COVERED_COLUMNS = ["affair_code", "reason_id", "reason_en"]


def merge_supplement(
    shared: list[dict[str, Any]], supplement: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The shared matrix followed by the project's supplement, and the supplement rows left out.

    Shared rows win: an affair the shared matrix covers at all is taken from it alone, so the two sources'
    wordings of one affair's sub-affairs are never mixed (nor their numbering); the supplement fills only the
    affairs the shared matrix does not cover yet.
    """
    covered = {e["affair_code"] for e in shared}
    kept = [e for e in supplement if e["affair_code"] not in covered]
    dropped = [e for e in supplement if e["affair_code"] in covered]
    return shared + kept, dropped


def parse_not_covered(
    text: str, affair_codes: set[str], *, filename: str = "authority_not_covered.csv"
) -> dict[str, list[str]]:
    """Why an affair is not covered by the matrix yet: ``{code: [reason_id, reason_en]}``."""
    rows = _rows(text, NOT_COVERED_COLUMNS, filename)
    problems: list[ErrorDetail] = []
    reasons: dict[str, list[str]] = {}
    for line, row in enumerate(rows, start=2):
        where = f"{filename} baris/line {line}"
        code = row["affair_code"]
        if "__extra__" in row:
            problems.append(ErrorDetail(where, "jumlah sel melebihi kolom", "more cells than columns"))
        elif code not in affair_codes:
            problems.append(
                ErrorDetail(where, f"kode urusan tidak dikenal: {code!r}", f"unknown affair code: {code!r}")
            )
        elif code in reasons:
            problems.append(ErrorDetail(where, f"urusan ganda: {code}", f"duplicate affair: {code}"))
        elif not row["reason_id"] or not row["reason_en"]:
            problems.append(ErrorDetail(where, "alasan kosong", "empty reason"))
        else:
            reasons[code] = [row["reason_id"], row["reason_en"]]
    if problems:
        raise KerjasamaError(
            "affairs.bad_rows",
            f"{filename} ditolak seluruhnya: {len(problems)} masalah.",
            f"{filename} was rejected as a whole: {len(problems)} problems.",
            problems,
        )
    return reasons
