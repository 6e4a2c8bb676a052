"""Every change to functional areas (kawasan fungsional; house rule 2): reference loads and ministry upkeep.

Policy: loading or importing the reference and maintaining areas by hand are national master-data tasks of
Kemendagri (and system administrators). They reuse the ``regions.import_boundaries`` permission, which grants
exactly those two roles; ``SYSTEM`` is the system itself (``kerjasama setup`` / ``import-functional-areas``
run on the server), and every change is still written to the audit trail. Every change bumps the national
reference version (``kerjasama.core.reference``) so cached reference data is rebuilt.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from kerjasama.accounts.policy import require
from kerjasama.core import audit, reference
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError
from kerjasama.core.imports import read_import_text
from kerjasama.regions.domain import codes
from kerjasama.regions.domain.functional_areas import (
    CONFIDENCES,
    KINDS,
    is_area_code,
    parse_functional_areas,
)
from kerjasama.regions.models import FunctionalArea, FunctionalAreaMember, Region

PACKAGE_FILE = "functional_areas.json"
PACKAGE_FORMAT = 1
#: Kemendagri and system administrators (see the module docstring).
PERMISSION = "regions.import_boundaries"
AREA_FIELDS = ("name", "kind", "legal_basis", "notes")
MEMBER_FIELDS = ("confidence", "source", "notes")


@dataclass
class FunctionalAreaLoadReport:
    """What a load changed (or, in a dry run, would change); ``changed`` is False on an idempotent re-run.

    ``removed`` lists the memberships taken away (``"AREA region"``); ``not_in_file`` those that the file does
    not list but that were kept because the load was not asked to replace the members.
    """

    areas_created: int = 0
    areas_updated: int = 0
    areas_kept: int = 0
    members_created: int = 0
    members_updated: int = 0
    members_removed: int = 0
    removed: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.areas_created
            or self.areas_updated
            or self.members_created
            or self.members_updated
            or self.members_removed
        )


# --- reading and writing the reference ----------------------------------------------------------------------


def read_source_file(path: Path) -> dict[str, Any]:
    """Read and check a ``functional_areas.csv`` (e.g. ../shared/domain/functional_areas.csv)."""
    try:
        text = read_import_text(path, app="functional_areas")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise KerjasamaError(
            "functional_areas.unreadable",
            f"Berkas tidak dapat dibaca: {path} ({reason}).",
            f"Cannot read the file: {path} ({reason}).",
        ) from exc
    parsed = parse_functional_areas(text, filename=path.name)
    return {"format": PACKAGE_FORMAT, "areas": parsed["areas"], "lines": parsed["lines"], "file": path.name}


def read_package() -> dict[str, Any]:
    """The reference shipped with the package (``regions/data/functional_areas.json``)."""
    raw = resources.files("kerjasama.regions").joinpath("data", PACKAGE_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def write_package(data: dict[str, Any], path: Path) -> None:
    """Write the shipped package-data file: every member keeps its source, confidence and notes."""
    payload = {
        "format": PACKAGE_FORMAT,
        "about": (
            "Functional areas (kawasan fungsional) and their member regions as Kerjasama ships them, imported "
            "with `kerjasama import-functional-areas` from the project's domain reference "
            "(functional_areas.csv). These are facts with sources, not a legal text: every member row keeps "
            "its source and its confidence (V verified against the legal text, S secondary source, U "
            "unverified). A member is a party to the area; most areas take only part of the outer regencies "
            "(see the notes), so do not derive sizes or populations from these rows."
        ),
        "generated_by": "kerjasama import-functional-areas --export",
        "areas": data["areas"],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --- loading into the database ------------------------------------------------------------------------------


def _where(data: dict[str, Any], area_code: str, region_code: str) -> str:
    line = data.get("lines", {}).get(f"{area_code} {region_code}")
    if line is not None:
        return f"{data.get('file', 'functional_areas.csv')} baris/line {line}"
    return f"{area_code} {region_code}"


def _check_members(data: dict[str, Any]) -> None:
    """Refuse the whole load if a member code is not a region in the database or not autonomous."""
    wanted = {m["region_code"] for area in data["areas"] for m in area["members"]}
    known = dict(Region.objects.filter(code__in=wanted).values_list("code", "is_autonomous"))
    unknown: list[ErrorDetail] = []
    not_autonomous: list[ErrorDetail] = []
    for area in data["areas"]:
        for member in area["members"]:
            code = member["region_code"]
            where = _where(data, area["code"], code)
            if code not in known:
                unknown.append(
                    ErrorDetail(where, f"kode wilayah tidak dikenal: {code}", f"unknown region code: {code}")
                )
            elif not known[code]:
                not_autonomous.append(
                    ErrorDetail(
                        where,
                        f"{code} bukan daerah otonom (wilayah administrasi DKI Jakarta)",
                        f"{code} is not an autonomous region (an administrative unit of DKI Jakarta)",
                    )
                )
    if unknown:
        raise KerjasamaError(
            "regions.unknown_region",
            f"{len(unknown)} anggota kawasan fungsional menyebut kode wilayah yang tidak dikenal; tidak ada "
            "yang diubah.",
            f"{len(unknown)} functional-area members name unknown region codes; nothing was changed.",
            unknown,
        )
    if not_autonomous:
        raise KerjasamaError(
            "functional_areas.not_autonomous",
            "Anggota kawasan fungsional harus daerah otonom; tidak ada yang diubah.",
            "Functional-area members must be autonomous regions; nothing was changed.",
            not_autonomous,
        )


def _sync_members(
    area: FunctionalArea, rows: list[dict[str, Any]], report: FunctionalAreaLoadReport, *, replace: bool
) -> None:
    current = {m.region_id: m for m in area.members.all()}
    wanted = {row["region_code"]: row for row in rows}
    for code, row in wanted.items():
        values = {k: row[k] for k in MEMBER_FIELDS}
        member = current.get(code)
        if member is None:
            FunctionalAreaMember.objects.create(area=area, region_id=code, **values)
            report.members_created += 1
        elif any(getattr(member, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(member, k, v)
            member.save()
            report.members_updated += 1
    for code, member in sorted(current.items()):
        if code in wanted:
            continue
        if not replace:
            report.not_in_file.append(f"{area.code} {code}")
            continue
        member.delete()
        report.members_removed += 1
        report.removed.append(f"{area.code} {code}")


def _check_removals(data: dict[str, Any], existing: dict[str, FunctionalArea], max_share: float) -> None:
    """Refuse (``functional_areas.too_many_removals``) a replace that would take away more than ``max_share``
    of any listed area's current members: a truncated but well-formed file looks exactly like that."""
    problems: list[ErrorDetail] = []
    for row in data["areas"]:
        area = existing.get(row["code"])
        if area is None:
            continue
        current = {m.region_id for m in area.members.all()}
        gone = current - {m["region_code"] for m in row["members"]}
        if current and len(gone) / len(current) > max_share:
            problems.append(
                ErrorDetail(
                    area.code,
                    f"akan menghapus {len(gone)} dari {len(current)} anggota: {', '.join(sorted(gone))}",
                    f"would remove {len(gone)} of {len(current)} members: {', '.join(sorted(gone))}",
                )
            )
    if problems:
        percent = f"{max_share:.0%}"
        raise KerjasamaError(
            "functional_areas.too_many_removals",
            f"Impor ini akan menghapus lebih dari {percent} anggota suatu kawasan; tidak ada yang diubah. Periksa "
            "apakah berkasnya lengkap (lihat --dry-run) dan ulangi dengan --force bila memang dimaksudkan.",
            f"This import would remove more than {percent} of an area's members; nothing was changed. Check "
            "that the file is complete (see --dry-run) and repeat with --force if that is intended.",
            problems,
        )


@transaction.atomic
def load_functional_areas(
    *,
    actor: Actor,
    data: dict[str, Any],
    update_existing: bool,
    replace: bool = False,
    force: bool = False,
    dry_run: bool = False,
) -> FunctionalAreaLoadReport:
    """Load reference functional areas; all or nothing, idempotent, audited when something changed.

    ``update_existing=False`` (used by ``setup``) only creates areas that are missing and never touches an
    existing area, so the ministry's corrections survive. ``True`` (an explicit ``import-functional-areas``)
    brings each listed area back to the source: its fields, and its members added or corrected. Members the
    source does not list are removed only with ``replace`` (otherwise kept and listed in ``not_in_file``), and
    a replace that would remove more than ``KERJASAMA_FUNCTIONAL_AREAS_MAX_REMOVAL_SHARE`` of an area's
    members is refused unless ``force``. ``dry_run`` reports what would change (every removal, whatever
    its share) and changes nothing. Areas
    that the source does not list are left alone.
    """
    require(actor, PERMISSION)
    if data.get("format") != PACKAGE_FORMAT:
        raise KerjasamaError(
            "functional_areas.bad_format",
            "Format data kawasan fungsional tidak dikenal.",
            "Unknown functional-areas data format.",
        )
    _check_members(data)
    report = FunctionalAreaLoadReport(dry_run=dry_run)
    existing = {a.code: a for a in FunctionalArea.objects.prefetch_related("members")}
    if update_existing and replace and not force and not dry_run:
        _check_removals(data, existing, float(settings.KERJASAMA_FUNCTIONAL_AREAS_MAX_REMOVAL_SHARE))
    for row in data["areas"]:
        values = {k: row[k] for k in AREA_FIELDS}
        area = existing.get(row["code"])
        if area is None:
            area = FunctionalArea.objects.create(code=row["code"], is_reference=True, **values)
            report.areas_created += 1
        elif not update_existing:
            report.areas_kept += 1
            continue
        elif not area.is_reference or any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            area.is_reference = True
            area.save()
            report.areas_updated += 1
        _sync_members(area, row["members"], report, replace=replace)
    if dry_run:  # everything above ran for the report; none of it is kept
        transaction.set_rollback(True)
        return report
    if report.changed:
        reference.bump()
        audit.record(
            actor=actor,
            action=AuditAction.FUNCTIONAL_AREAS_LOADED,
            object_type="regions.functionalarea",
            object_id="*",
            object_label=data.get("file", "package data"),
            new={
                k: v for k, v in asdict(report).items() if k not in {"areas_kept", "not_in_file", "dry_run"}
            },
        )
    return report


# --- upkeep by the ministry ---------------------------------------------------------------------------------


def _member_region(region_code: str) -> Region:
    code = codes.normalise(region_code)
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise KerjasamaError(
            "regions.unknown_region",
            f"Wilayah dengan kode {region_code!r} tidak ada.",
            f"No region has the code {region_code!r}.",
        )
    if not region.is_autonomous:
        raise KerjasamaError(
            "functional_areas.not_autonomous",
            f"{region} bukan daerah otonom dan tidak dapat menjadi anggota kawasan fungsional; "
            "untuk DKI Jakarta, anggotanya adalah provinsi (31).",
            f"{region} is not an autonomous region and cannot be a member of a functional area; "
            "for DKI Jakarta, the member is the province (31).",
        )
    return region


def _check_fact(confidence: str, source: str) -> None:
    if confidence not in CONFIDENCES:
        raise KerjasamaError(
            "functional_areas.bad_confidence",
            "Tingkat keyakinan harus V, S atau U.",
            "Confidence must be V, S or U.",
        )
    if not source.strip():
        raise KerjasamaError(
            "functional_areas.source_required",
            "Sumber keanggotaan wajib diisi.",
            "The source of the membership is required.",
        )


@transaction.atomic
def create_functional_area(
    *, actor: Actor, code: str, name: str, kind: str, legal_basis: str, notes: str = ""
) -> FunctionalArea:
    """Record a functional area the ministry maintains by hand (not reference data)."""
    require(actor, PERMISSION)
    code = code.strip().upper()
    if not is_area_code(code):
        raise KerjasamaError(
            "functional_areas.bad_code",
            f"Kode kawasan tidak sah: {code!r} (huruf kapital, angka, garis bawah; 2–40 karakter).",
            f"Malformed area code: {code!r} (capitals, digits, underscores; 2–40 characters).",
        )
    if kind not in KINDS:
        raise KerjasamaError(
            "functional_areas.bad_kind",
            f"Jenis kawasan tidak dikenal: {kind!r}.",
            f"Unknown kind of functional area: {kind!r}.",
        )
    if not name.strip() or not legal_basis.strip():
        raise KerjasamaError(
            "functional_areas.incomplete",
            "Nama dan dasar hukum kawasan wajib diisi (jika tidak ada instrumen, tulis demikian).",
            "The area's name and legal basis are required (if no instrument exists, say so).",
        )
    if FunctionalArea.objects.filter(code=code).exists():
        raise Conflict(
            "functional_areas.duplicate_area",
            f"Kawasan fungsional {code} sudah ada.",
            f"The functional area {code} already exists.",
        )
    try:
        with transaction.atomic():
            area = FunctionalArea.objects.create(
                code=code,
                name=name.strip(),
                kind=kind,
                legal_basis=legal_basis.strip(),
                notes=notes.strip(),
                is_reference=False,
            )
    except IntegrityError as exc:  # created concurrently
        raise Conflict(
            "functional_areas.duplicate_area",
            f"Kawasan fungsional {code} sudah ada.",
            f"The functional area {code} already exists.",
        ) from exc
    reference.bump()
    audit.record(
        actor=actor,
        action=AuditAction.FUNCTIONAL_AREA_CREATED,
        obj=area,
        new={"code": code, "name": area.name, "kind": kind, "legal_basis": area.legal_basis},
    )
    return area


@transaction.atomic
def add_functional_area_member(
    *, actor: Actor, area: FunctionalArea, region_code: str, confidence: str, source: str, notes: str = ""
) -> FunctionalAreaMember:
    """Record that an autonomous region is a party to ``area``, with the source and confidence of that fact."""
    require(actor, PERMISSION)
    _check_fact(confidence, source)
    region = _member_region(region_code)
    duplicate = Conflict(
        "functional_areas.duplicate_member",
        f"{region} sudah menjadi anggota {area.code}.",
        f"{region} is already a member of {area.code}.",
    )
    if FunctionalAreaMember.objects.filter(area=area, region=region).exists():
        raise duplicate
    try:
        with transaction.atomic():
            member = FunctionalAreaMember.objects.create(
                area=area, region=region, confidence=confidence, source=source.strip(), notes=notes.strip()
            )
    except IntegrityError as exc:  # added concurrently
        raise duplicate from exc
    reference.bump()
    audit.record(
        actor=actor,
        action=AuditAction.FUNCTIONAL_AREA_MEMBER_ADDED,
        obj=member,
        new={"area": area.code, "region": region.code, "confidence": confidence, "source": member.source},
    )
    return member


@transaction.atomic
def remove_functional_area_member(*, actor: Actor, member: FunctionalAreaMember, reason: str) -> None:
    """Withdraw a membership (e.g. the official text shows the region is not a party), with a reason."""
    require(actor, PERMISSION)
    if not reason.strip():
        raise KerjasamaError(
            "functional_areas.reason_required",
            "Penghapusan keanggotaan wajib menyebut alasan.",
            "Removing a membership needs a reason.",
        )
    area_code = FunctionalArea.objects.filter(pk=member.area_id).values_list("code", flat=True).first()
    old = {
        "area": area_code,
        "region": member.region_id,
        "confidence": member.confidence,
        "source": member.source,
        "notes": member.notes,
    }
    pk = member.pk
    # A conditional delete: of two concurrent removals one deletes the row, the other gets a clear error.
    # (The queryset delete still sends post_delete, so the row history records it.)
    deleted, _by_model = FunctionalAreaMember.objects.filter(pk=pk).delete()
    if not deleted:
        raise Conflict(
            "functional_areas.member_gone",
            "Keanggotaan ini sudah tidak ada.",
            "This membership no longer exists.",
        )
    reference.bump()
    audit.record(
        actor=actor,
        action=AuditAction.FUNCTIONAL_AREA_MEMBER_REMOVED,
        object_type="regions.functionalareamember",
        object_id=str(pk),
        object_label=f"{area_code} – {member.region_id}",
        old=old,
        reason=reason.strip(),
    )
