"""The characteristics of each affair that the mapping reads (pure Python, no Django).

Two questions the recommendation engine must answer per affair, read from the project-owned
``affairs/data/affair_characteristics.csv`` (one row per affair, each with its source and confidence):

- **Cross-regional externality** (*eksternalitas lintas Daerah*): mandatory cooperation covers only affairs
  that have one (UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2) and its Penjelasan: "Urusan Pemerintahan yang
  pelaksanaannya memiliki dampak lintas Daerah"). The Lampiran of UU 23/2014 marks such affairs where it gives
  the province what crosses kab/kota lines (Pasal 13(3)(c): benefits or negative impacts across kab/kota);
  ``externality_basis`` says which rows.
- **Reach**: ``service`` (a service delivered to people, e.g. health referral, schools, waste, water,
  transport: its value decays with distance), ``any_distance`` (promotion, investment, trade: distance does not
  matter) or ``regional`` (neither). This is policy, not law: it steers the ranking, never the legal category.

``area_kinds`` lists the functional-area kinds (``regions.domain.functional_areas.KINDS``) whose shared
membership is evidence for the affair (a river basin for the environment, a metropolitan area for transport).
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.rulebook.facts import CONFIDENCES

#: How distance bears on an affair; ``affairs.choices.AffairReach`` and ``mapping.domain.inputs`` mirror it.
AffairReach = Literal["service", "regional", "any_distance"]
REACHES: tuple[AffairReach, ...] = ("service", "regional", "any_distance")
#: Kept in step with ``regions.domain.functional_areas.KINDS`` (a test holds them equal).
AREA_KINDS = ("metropolitan", "economic_zone", "river_basin", "strategic", "island", "tourism", "other")
COLUMNS = ["affair_code", "externality", "externality_basis", "reach", "area_kinds", "confidence", "source"]
PACKAGE_CSV = "affair_characteristics.csv"


def parse_characteristics(
    text: str, affair_codes: set[str], *, filename: str = PACKAGE_CSV
) -> list[dict[str, Any]]:
    """One row per affair of ``affair_codes``; any bad row (or a missing affair) refuses the whole file."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise KerjasamaError(
            "affairs.bad_header",
            f"{filename}: kolom tidak ada: {', '.join(missing)}.",
            f"{filename}: missing columns: {', '.join(missing)}.",
        )
    problems: list[ErrorDetail] = []
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        where = f"{filename} baris/line {line}"
        if None in raw:
            problems.append(ErrorDetail(where, "jumlah sel melebihi kolom", "more cells than columns"))
            continue
        row = {k: (v or "").strip() for k, v in raw.items()}
        code = row["affair_code"]
        kinds = tuple(k for k in row["area_kinds"].split(";") if k.strip())
        if code not in affair_codes:
            problems.append(ErrorDetail(where, f"kode urusan tidak dikenal: {code!r}", f"unknown affair: {code!r}"))
        elif code in seen:
            problems.append(ErrorDetail(where, f"urusan ganda: {code}", f"duplicate affair: {code}"))
        elif row["externality"] not in ("yes", "no"):
            problems.append(
                ErrorDetail(where, "eksternalitas harus yes atau no", "externality must be yes or no")
            )
        elif row["reach"] not in REACHES:
            problems.append(
                ErrorDetail(
                    where,
                    f"jangkauan harus salah satu dari {', '.join(REACHES)}",
                    f"reach must be one of {', '.join(REACHES)}",
                )
            )
        elif any(k not in AREA_KINDS for k in kinds):
            problems.append(
                ErrorDetail(where, f"jenis kawasan tidak dikenal: {kinds}", f"unknown area kind: {kinds}")
            )
        elif row["confidence"] not in CONFIDENCES:
            problems.append(
                ErrorDetail(where, "tingkat keyakinan harus V, S atau U", "confidence must be V, S or U")
            )
        elif not row["source"] or not row["externality_basis"]:
            problems.append(ErrorDetail(where, "sumber atau dasar kosong", "empty source or basis"))
        else:
            seen.add(code)
            rows.append(
                {
                    "affair_code": code,
                    "externality": row["externality"] == "yes",
                    "externality_basis": row["externality_basis"],
                    "reach": row["reach"],
                    "area_kinds": ";".join(kinds),
                    "confidence": row["confidence"],
                    "source": row["source"],
                }
            )
    if not problems:
        for code in sorted(affair_codes - seen):
            problems.append(ErrorDetail(filename, f"urusan {code} tidak ada", f"affair {code} is missing"))
    if problems:
        raise KerjasamaError(
            "affairs.bad_rows",
            f"{filename} ditolak seluruhnya: {len(problems)} masalah.",
            f"{filename} was rejected as a whole: {len(problems)} problems.",
            problems,
        )
    return rows
