"""Every change to affairs and the authority matrix (house rule 2)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.affairs.domain.catalogue import parse_affairs, parse_authority
from kerjasama.affairs.domain.characteristics import PACKAGE_CSV, parse_characteristics
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core import audit, reference
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.choices import Confidence
from kerjasama.core.errors import KerjasamaError, reject_unknown_fields
from kerjasama.core.imports import read_import_text

PACKAGE_FILE = "affairs.json"
PACKAGE_FORMAT = 1
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


def read_source_dir(directory: Path) -> dict[str, Any]:
    """Read and check ``urusan.csv`` and ``authority_matrix.csv`` from a directory (e.g. ../shared/domain)."""
    texts: list[str] = []
    for path in (directory / "urusan.csv", directory / "authority_matrix.csv"):
        try:  # each file is capped in size and rows before it is parsed
            texts.append(read_import_text(path, app="affairs"))
        except (OSError, UnicodeDecodeError) as exc:
            raise KerjasamaError(
                "affairs.unreadable",
                f"Berkas tidak dapat dibaca: {path}.",
                f"Cannot read the file: {path}.",
            ) from exc
    affairs_text, matrix_text = texts
    affairs = parse_affairs(affairs_text)
    codes = {a["code"] for a in affairs}
    entries = parse_authority(matrix_text, codes)
    return {
        "format": PACKAGE_FORMAT,
        "affairs": affairs,
        "authority": entries,
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
            "source and confidence (V verified, S secondary source, U unverified)."
        ),
        "affairs": data["affairs"],
        "authority": data["authority"],
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
    report.characteristics_updated = _load_characteristics(
        existing, data.get("characteristics", []), update_existing=update_existing
    )
    entries = {(e.affair_id, e.sub_affair): e for e in AuthorityEntry.objects.all()}
    for row in data["authority"]:
        key = (row["affair_code"], row["sub_affair"])
        values = {k: row[k] for k in ENTRY_FIELDS}
        current_entry = entries.get(key)
        if current_entry is None:
            AuthorityEntry.objects.create(affair_id=key[0], sub_affair=key[1], **values)
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
def update_authority_entry(*, actor: Actor, entry: AuthorityEntry, **changes: Any) -> AuthorityEntry:
    """An official corrects one matrix row (e.g. after reading the official Lampiran)."""
    require(actor, "affairs.edit_authority")
    allowed = {"sub_affair", "pusat", "provinsi", "kabkota", "notes", "confidence", "source", "position"}
    reject_unknown_fields(changes, allowed, app="affairs")
    if "confidence" in changes and changes["confidence"] not in Confidence.values:
        raise KerjasamaError(
            "affairs.bad_confidence", "Tingkat keyakinan harus V, S atau U.", "Confidence must be V, S or U."
        )
    if "source" in changes and not str(changes["source"]).strip():
        raise KerjasamaError("affairs.source_required", "Sumber wajib diisi.", "A source is required.")
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
    entry = AuthorityEntry.objects.create(affair=affair, **values)
    reference.bump()
    audit.record(actor=actor, action=AuditAction.AUTHORITY_ENTRY_CREATED, obj=entry, new=values)
    return entry
