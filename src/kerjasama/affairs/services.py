"""Every change to affairs and the authority matrix (house rule 2)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.affairs.domain.catalogue import (
    merge_supplement,
    parse_affairs,
    parse_authority,
    parse_not_covered,
)
from kerjasama.affairs.domain.characteristics import PACKAGE_CSV, parse_characteristics
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core import audit, reference
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.choices import Confidence
from kerjasama.core.errors import KerjasamaError, reject_unknown_fields
from kerjasama.core.imports import read_import_text
from kerjasama.core.versioning import claim_version
from kerjasama.rulebook.facts import sub_affair_code

PACKAGE_FILE = "affairs.json"
PACKAGE_FORMAT = 1
#: Project-owned data beside the package file: matrix rows for affairs the shared matrix does not cover yet
#: (each with source and confidence), and why the remaining affairs are not covered.
DATA_DIR = Path(__file__).resolve().parent / "data"
SUPPLEMENT_FILE = "authority_matrix_supplement.csv"
NOT_COVERED_FILE = "authority_not_covered.csv"
ENTRY_FIELDS = ["position", "pusat", "provinsi", "kabkota", "notes", "confidence", "source"]
#: Affair fields filled from ``affair_characteristics.csv`` (project-owned: shipped with the package).
CHARACTERISTIC_FIELDS = {
    "externality": "cross_regional_externality",
    "externality_basis": "externality_basis",
    "reach": "reach",
    "area_kinds": "area_kinds",
    "confidence": "characteristics_confidence",
    "source": "characteristics_source",
}


@dataclass
class AffairsReport:
    affairs_created: int = 0
    affairs_updated: int = 0
    entries_created: int = 0
    entries_updated: int = 0
    entries_kept: int = 0
    characteristics_updated: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.affairs_created
            or self.affairs_updated
            or self.entries_created
            or self.entries_updated
            or self.characteristics_updated
        )


def _read(path: Path) -> str:
    try:  # each file is capped in size and rows before it is parsed
        return read_import_text(path, app="affairs")
    except (OSError, UnicodeDecodeError) as exc:
        raise KerjasamaError(
            "affairs.unreadable",
            f"Berkas tidak dapat dibaca: {path}.",
            f"Cannot read the file: {path}.",
        ) from exc


def read_source_dir(directory: Path, *, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Read and check ``urusan.csv`` and ``authority_matrix.csv`` from a directory (e.g. ../shared/domain),
    then the project's supplement (``data_dir``), whose rows fill only affairs the shared matrix does not
    cover (shared rows win, ``merge_supplement``), and the reasons the rest are not covered."""
    affairs_text, matrix_text = _read(directory / "urusan.csv"), _read(directory / "authority_matrix.csv")
    supplement_text, not_covered_text = _read(data_dir / SUPPLEMENT_FILE), _read(data_dir / NOT_COVERED_FILE)
    affairs = parse_affairs(affairs_text)
    codes = {a["code"] for a in affairs}
    shared = parse_authority(matrix_text, codes)
    supplement = parse_authority(supplement_text, codes, filename=SUPPLEMENT_FILE)
    entries, dropped = merge_supplement(shared, supplement)
    covered = {e["affair_code"] for e in entries}
    reasons = parse_not_covered(not_covered_text, codes, filename=NOT_COVERED_FILE)
    return {
        "format": PACKAGE_FORMAT,
        "affairs": affairs,
        "authority": entries,
        "not_covered": {code: reason for code, reason in sorted(reasons.items()) if code not in covered},
        "supplement_superseded": len(dropped),
        "characteristics": read_characteristics(codes),
    }


def read_characteristics(affair_codes: set[str]) -> list[dict[str, Any]]:
    """The project-owned affair characteristics (externality, reach, area kinds; source and confidence per
    row), shipped beside the package data; the shared domain folder does not hold them."""
    text = resources.files("kerjasama.affairs").joinpath("data", PACKAGE_CSV).read_text("utf-8")
    return parse_characteristics(text, affair_codes)


def read_package() -> dict[str, Any]:
    raw = resources.files("kerjasama.affairs").joinpath("data", PACKAGE_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    data["characteristics"] = read_characteristics({a["code"] for a in data["affairs"]})
    return data


def write_package(data: dict[str, Any], path: Path) -> None:
    payload = {
        "format": PACKAGE_FORMAT,
        "about": (
            "The 32 concurrent affairs (Kepmendagri 050-5889/2021 codes) and the UU 23/2014 Lampiran authority "
            "matrix as Kerjasama ships them, imported with `kerjasama import-affairs`; each matrix row keeps its "
            "source and confidence (V verified, S secondary source, U unverified). Rows come from the shared "
            "authority_matrix.csv, then the project's authority_matrix_supplement.csv for affairs the shared "
            "matrix does not cover; not_covered says why the remaining affairs are not covered yet. Each row's "
            "code is its stable sub-affair identifier."
        ),
        "affairs": data["affairs"],
        "authority": data["authority"],
        "not_covered": data.get("not_covered", {}),
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@transaction.atomic
def load_affairs(*, actor: Actor, data: dict[str, Any], update_existing: bool) -> AffairsReport:
    """Load affairs and matrix rows. ``update_existing=False`` (used by ``setup``) keeps rows an official
    edited in the admin; ``True`` (an explicit ``import-affairs``) brings them back to the source."""
    require(actor, "affairs.edit_authority")
    if data.get("format") != PACKAGE_FORMAT:
        raise KerjasamaError(
            "affairs.bad_format", "Format data urusan tidak dikenal.", "Unknown affairs data format."
        )
    report = AffairsReport()
    existing = {a.code: a for a in Affair.objects.all()}
    for row in data["affairs"]:
        values = {"name_id": row["name_id"], "name_en": row["name_en"], "category": row["category"]}
        current = existing.get(row["code"])
        if current is None:
            existing[row["code"]] = Affair.objects.create(code=row["code"], **values)
            report.affairs_created += 1
        elif update_existing and any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            current.save()
            report.affairs_updated += 1
    not_covered: dict[str, list[str]] = data.get("not_covered", {})
    for code, affair in existing.items():
        reason_id, reason_en = not_covered.get(code, ["", ""])
        blank = not affair.not_covered_id and not affair.not_covered_en
        if (affair.not_covered_id, affair.not_covered_en) != (reason_id, reason_en) and (
            update_existing or blank
        ):
            affair.not_covered_id, affair.not_covered_en = reason_id, reason_en
            affair.save(update_fields=["not_covered_id", "not_covered_en"])
            report.affairs_updated += 1
    report.characteristics_updated = _load_characteristics(
        existing, data.get("characteristics", []), update_existing=update_existing
    )
    entries = {(e.affair_id, e.sub_affair): e for e in AuthorityEntry.objects.all()}
    taken = {e.code for e in entries.values()}
    for row in data["authority"]:
        key = (row["affair_code"], row["sub_affair"])
        values = {k: row[k] for k in ENTRY_FIELDS}
        current_entry = entries.get(key)
        if current_entry is None:
            code = _free_code(row["affair_code"], row.get("code", ""), taken)
            AuthorityEntry.objects.create(affair_id=key[0], sub_affair=key[1], code=code, **values)
            report.entries_created += 1
        elif any(getattr(current_entry, k) != v for k, v in values.items()):
            if update_existing:
                for k, v in values.items():
                    setattr(current_entry, k, v)
                current_entry.save()
                report.entries_updated += 1
            else:
                report.entries_kept += 1
    if report.changed:
        reference.bump()
        audit.record(
            actor=actor,
            action=AuditAction.AFFAIRS_LOADED,
            object_type="affairs.affair",
            object_id="*",
            object_label="urusan + authority matrix",
            new=report.__dict__,
        )
    return report


def _free_code(affair_code: str, wanted: str, taken: set[str]) -> str:
    """The sub-affair identifier for a new row: the one its source number gives, or the next free number of
    the affair when a stored row already holds it (a stored identifier is never renumbered)."""
    code = wanted if wanted and wanted not in taken else ""
    if not code:
        free = (n for n in range(1, 100) if sub_affair_code(affair_code, n) not in taken)
        number = next(free, None)
        if number is None:
            raise KerjasamaError(
                "affairs.too_many_sub_affairs",
                f"Urusan {affair_code} sudah memiliki 99 sub-urusan.",
                f"Affair {affair_code} already has 99 sub-affairs.",
            )
        code = sub_affair_code(affair_code, number)
    taken.add(code)
    return code
def _load_characteristics(
    affairs: dict[str, Affair], rows: list[dict[str, Any]], *, update_existing: bool
) -> int:
    """Fill each affair's characteristics from its row; an affair never filled (no source yet) always is,
    one already filled only on an explicit import (``update_existing``). Returns how many changed."""
    changed = 0
    for row in rows:
        affair = affairs.get(row["affair_code"])
        if affair is None or (affair.characteristics_source and not update_existing):
            continue
        values = {field: row[key] for key, field in CHARACTERISTIC_FIELDS.items()}
        if any(getattr(affair, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(affair, k, v)
            affair.save()
            changed += 1
    return changed


@transaction.atomic
def update_authority_entry(
    *, actor: Actor, entry: AuthorityEntry, expected_version: int | None = None, **changes: Any
) -> AuthorityEntry:
    """An official corrects one matrix row (e.g. after reading the official Lampiran).

    ``expected_version`` is the version the editing form read; a save from an older one is refused with
    ``affairs.stale_version`` (409) and nothing is written (issue 8, item 11).
    """
    require(actor, "affairs.edit_authority")
    allowed = {"sub_affair", "pusat", "provinsi", "kabkota", "notes", "confidence", "source", "position"}
    reject_unknown_fields(changes, allowed, app="affairs")
    if "confidence" in changes and changes["confidence"] not in Confidence.values:
        raise KerjasamaError(
            "affairs.bad_confidence", "Tingkat keyakinan harus V, S atau U.", "Confidence must be V, S or U."
        )
    if "source" in changes and not str(changes["source"]).strip():
        raise KerjasamaError("affairs.source_required", "Sumber wajib diisi.", "A source is required.")
    claim_version(entry, expected=expected_version, code="affairs.stale_version")
    old = {k: getattr(entry, k) for k in allowed}
    for k, v in changes.items():
        setattr(entry, k, v)
    entry.save()
    reference.bump()
    audit.record(
        actor=actor,
        action=AuditAction.AUTHORITY_ENTRY_UPDATED,
        obj=entry,
        old=old,
        new={k: getattr(entry, k) for k in allowed},
    )
    return entry


@transaction.atomic
def create_authority_entry(*, actor: Actor, affair: Affair, **values: Any) -> AuthorityEntry:
    require(actor, "affairs.edit_authority")
    if not str(values.get("sub_affair", "")).strip() or not str(values.get("source", "")).strip():
        raise KerjasamaError(
            "affairs.entry_incomplete",
            "Sub-urusan dan sumber wajib diisi.",
            "The sub-affair and the source are required.",
        )
    values.pop("code", None)  # assigned here, never chosen by hand
    taken = set(AuthorityEntry.objects.filter(affair=affair).values_list("code", flat=True))
    entry = AuthorityEntry.objects.create(affair=affair, code=_free_code(affair.code, "", taken), **values)
    reference.bump()
    audit.record(actor=actor, action=AuditAction.AUTHORITY_ENTRY_CREATED, obj=entry, new=values)
    return entry
