"""Every change to the planning nomenclature: importing an instrument's annex (all or nothing, the difference
shown first) and loading the shipped seed."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from django.db import transaction
from django.db.models import Q

from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.choices import Confidence
from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.planning.domain.nomenclature import NomenclatureDiffFact, NomenclatureRowFact, diff, parse_rows
from kerjasama.planning.models import NomenclatureDecree, NomenclatureEntry
from kerjasama.planning.selectors import in_force

#: Rows an annex may have (the full nomenclature has some tens of thousands of sub-activities).
MAX_ROWS = 100_000


@dataclass
class NomenclatureImportReport:
    """What an import found and, when applied, did."""

    decree: str
    valid_from: int
    rows: int
    difference: NomenclatureDiffFact
    applied: bool = False
    already_applied: bool = False
    ended: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "decree": self.decree,
            "valid_from": self.valid_from,
            "rows": self.rows,
            "added": list(self.difference.added),
            "renamed": [{"code": c, "old": o, "new": n} for c, o, n in self.difference.renamed],
            "ended": list(self.difference.ended),
            "kept": self.difference.kept,
            "applied": self.applied,
            "already_applied": self.already_applied,
        }


def read_csv(data: bytes) -> list[dict[str, str]]:
    """The annex as CSV rows (UTF-8, with or without BOM; ``code,name`` or ``kode,nomenklatur`` columns)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KerjasamaError(
            "planning.not_utf8", "Berkas bukan teks UTF-8.", "The file is not UTF-8 text."
        ) from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if len(rows) > MAX_ROWS:
        raise KerjasamaError(
            "planning.too_many_rows",
            f"Lebih dari {MAX_ROWS} baris.",
            f"More than {MAX_ROWS} rows.",
        )
    return rows


def _parsed(rows: list[dict[str, str]]) -> list[NomenclatureRowFact]:
    facts, problems = parse_rows(rows)
    if problems:
        raise KerjasamaError(
            "planning.bad_rows",
            f"{len(problems)} baris bermasalah; tidak ada yang diimpor.",
            f"{len(problems)} rows have problems; nothing was imported.",
            [ErrorDetail(f"baris/line {p.line} {p.field}", p.message_id, p.message_en) for p in problems],
        )
    if not facts:
        raise KerjasamaError("planning.empty", "Tidak ada baris.", "No rows.")
    return facts


@transaction.atomic
def import_nomenclature(
    *,
    actor: Actor,
    rows: list[dict[str, str]],
    number: str,
    title: str,
    valid_from: int,
    signed_on: date | None = None,
    source: str = "",
    confidence: str = Confidence.V,
    apply: bool = False,
) -> NomenclatureImportReport:
    """Compare an instrument's annex with the nomenclature in force in ``valid_from`` for the affairs it lists;
    with ``apply``, record the instrument, its entries in force from ``valid_from``, and end the entries of
    earlier instruments for those affairs from the year before. A second apply of the same instrument and rows
    changes nothing; the same number with other rows is refused."""
    require(actor, "planning.import")
    facts = _parsed(rows)
    number = number.strip()
    if not number or not title.strip():
        raise KerjasamaError(
            "planning.decree_required",
            "Nomor dan judul keputusan wajib diisi.",
            "The decree's number and title are required.",
        )
    existing = NomenclatureDecree.objects.filter(number=number).first()
    if existing is not None:
        stored = dict(existing.entries.values_list("code", "name"))
        if stored != {f.code: f.name for f in facts} or existing.valid_from != valid_from:
            raise KerjasamaError(
                "planning.decree_exists",
                f"Keputusan {number} sudah diimpor dengan isi lain.",
                f"Decree {number} was already imported with other contents.",
            )
        return NomenclatureImportReport(
            number, valid_from, len(facts), diff(stored, facts), already_applied=True
        )
    # An annex replaces the nomenclature of the affairs it lists (``U.BB``), and only those: a decree or an
    # extract that covers some affairs leaves the others' codes in force.
    affairs = sorted({f.affair_code for f in facts})
    difference = diff(in_force(valid_from, affairs=affairs), facts)
    report = NomenclatureImportReport(number, valid_from, len(facts), difference)
    if not apply:
        return report
    decree = NomenclatureDecree.objects.create(
        number=number,
        title=title.strip()[:300],
        signed_on=signed_on,
        valid_from=valid_from,
        source=source[:500],
        confidence=confidence,
    )
    report.ended = (
        NomenclatureEntry.objects.filter(valid_from__lt=valid_from, affair_code__in=affairs)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
        .update(valid_to=valid_from - 1)
    )
    NomenclatureEntry.objects.bulk_create(
        NomenclatureEntry(
            decree=decree,
            code=f.code,
            level=f.level,
            name=f.name,
            affair_code=f.affair_code,
            valid_from=valid_from,
            confidence=confidence,
            source=source[:500],
        )
        for f in facts
    )
    audit.record(
        actor=actor,
        action=AuditAction.NOMENCLATURE_IMPORTED,
        obj=decree,
        new=report.as_dict() | {"ended_entries": report.ended},
    )
    report.applied = True
    return report


def load_seed(*, actor: Actor) -> str:
    """The codes the project ships with their sources (one decree per distinct instrument of the seed);
    idempotent: an instrument already present is left as it is."""
    text = resources.files("kerjasama.planning").joinpath("data/nomenclature_seed.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    created = 0
    for number in dict.fromkeys(row["decree"] for row in rows):
        if NomenclatureDecree.objects.filter(number=number).exists():
            continue
        mine = [row for row in rows if row["decree"] == number]
        _seed_decree(actor=actor, rows=mine)
        created += len(mine)
    return f"nomenklatur perencanaan / planning nomenclature: +{created}"


@transaction.atomic
def _seed_decree(*, actor: Actor, rows: list[dict[str, str]]) -> None:
    first = rows[0]
    facts = _parsed(rows)
    confidences = [row["confidence"] for row in rows]
    weakest = max(confidences, key=lambda c: "VSU".index(c))
    decree = NomenclatureDecree.objects.create(
        number=first["decree"],
        title=first["title"],
        valid_from=int(first["valid_from"]),
        source="data/nomenclature_seed.csv",
        confidence=weakest,
    )
    NomenclatureEntry.objects.bulk_create(
        NomenclatureEntry(
            decree=decree,
            code=fact.code,
            level=fact.level,
            name=fact.name,
            affair_code=fact.affair_code,
            valid_from=decree.valid_from,
            confidence=row["confidence"],
            source=row["source"],
        )
        for fact, row in zip(facts, rows, strict=True)
    )
    audit.record(actor=actor, action=AuditAction.NOMENCLATURE_IMPORTED, obj=decree, new={"rows": len(facts)})
