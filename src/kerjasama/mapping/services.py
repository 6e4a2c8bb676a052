"""Every change to region profiles and identifications (house rule 2).

Identification workflow: draft → submitted → verified by the region's TKKSD → published; the TKKSD may
return a submitted identification to draft with a reason. Transitions claim the row by compare-and-swap on
the expected status, so two officials pressing a button at once produce one change and one clear error.
"""

from __future__ import annotations

import io
import math
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.affairs.models import Affair
from kerjasama.core import audit, xlsx
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.archives import check_zip_directory
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError
from kerjasama.core.transitions import transition
from kerjasama.core.versioning import claim_version, stale_version
from kerjasama.mapping import notices
from kerjasama.mapping.catalogue import INDICATORS
from kerjasama.mapping.choices import IdentificationStatus, MappingRunStatus
from kerjasama.mapping.domain.programmes import check_programme_code
from kerjasama.mapping.models import Identification, Indicator, IndicatorValue, MappingRun
from kerjasama.mapping.tasks import schedule_refresh
from kerjasama.regions.models import Region

MIN_YEAR = 2000
TEMPLATE_HEADER = ["kode_indikator", "indikator", "satuan", "tahun", "nilai", "sumber"]


def _max_year() -> int:
    return date.today().year + 1


def _affected(
    region_codes: set[str],
    *,
    identifications_changed: bool = False,
    affairs: dict[str, tuple[bool, bool]] | None = None,
) -> None:
    """Mark the changed regions in the same transaction as the change; the refresh task, enqueued when it
    commits, recomputes their recommendations (``kerjasama map --refresh`` does it by hand).

    ``affairs``: the affairs whose identifications changed status, each with whether the identification
    states a need and an offer (its texts do not change in a transition). The refresh then recomputes only the
    region's neighbours and the regions that can match it on those affairs (issue 9: a bounded set). The mark
    keeps ``[affair, needs, offers]`` entries; an identification change of unknown affairs (empty list) keeps
    the safe superset.
    """
    from kerjasama.mapping.models import StaleRegion

    wanted = [[code, needs, offers] for code, (needs, offers) in sorted((affairs or {}).items())]
    for code in region_codes:
        stale, created = StaleRegion.objects.get_or_create(
            region_id=code,
            defaults={"identifications_changed": identifications_changed, "affairs": wanted},
        )
        if created or not identifications_changed:
            continue
        if not stale.identifications_changed:
            stale.identifications_changed, stale.affairs = True, wanted
        elif stale.affairs and wanted:
            merged: dict[str, list[bool]] = {}
            for affair, needs, offers in [*stale.affairs, *wanted]:
                sides = merged.setdefault(affair, [False, False])
                sides[0], sides[1] = sides[0] or bool(needs), sides[1] or bool(offers)
            stale.affairs = [[affair, n, o] for affair, (n, o) in sorted(merged.items())]
        else:
            stale.affairs = []  # one of the marks does not know its affairs: recompute the superset
        stale.save(update_fields=["identifications_changed", "affairs", "marked_at"])
    if region_codes:
        schedule_refresh()


# --- the indicator catalogue ---------------------------------------------------------------------------------


@transaction.atomic
def ensure_indicator_catalogue(*, actor: Actor) -> int:
    """Create or update the indicators of ``catalogue.INDICATORS``; returns how many changed."""
    changed = 0
    affairs = set(Affair.objects.values_list("code", flat=True))
    for position, spec in enumerate(INDICATORS):
        values = {k: spec[k] for k in ("name_id", "name_en", "unit", "role", "better", "worst", "best")}  # type: ignore[literal-required]
        indicator, created = Indicator.objects.get_or_create(
            code=spec["code"], defaults={**values, "position": position}
        )
        if not created and any(getattr(indicator, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(indicator, k, v)
            indicator.save()
            changed += 1
        wanted = {a for a in spec["affairs"] if a in affairs}
        if created or set(indicator.affairs.values_list("code", flat=True)) != wanted:
            indicator.affairs.set(list(Affair.objects.filter(code__in=wanted)))
            changed += int(not created)
        changed += int(created)
    if changed:
        audit.record(
            actor=actor,
            action=AuditAction.INDICATORS_LOADED,
            object_type="mapping.indicator",
            object_id="*",
            new={"changed": changed},
        )
    return changed


# --- profile values -------------------------------------------------------------------------------------------


def _check_value(indicator: Indicator, year: Any, value: Any, source: str) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not isinstance(year, int) or not MIN_YEAR <= year <= _max_year():
        problems.append(
            (f"tahun harus {MIN_YEAR}–{_max_year()}", f"the year must be {MIN_YEAR}–{_max_year()}")
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.append(("nilai harus berupa angka", "the value must be a number"))
    elif value < 0 or (indicator.unit == "%" and value > 100):
        problems.append(
            (
                f"nilai {value} di luar rentang {indicator.unit}",
                f"the value {value} is out of range for {indicator.unit}",
            )
        )
    if not source.strip():
        problems.append(("sumber data wajib diisi", "the source is required"))
    return problems


@transaction.atomic
def set_indicator_value(
    *, actor: Actor, region: Region, indicator_code: str, year: int, value: float, source: str
) -> IndicatorValue:
    require(actor, "mapping.edit_region", region)
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        raise KerjasamaError(
            "mapping.unknown_indicator",
            f"Indikator tidak dikenal: {indicator_code}.",
            f"Unknown indicator: {indicator_code}.",
        )
    problems = _check_value(indicator, year, value, source)
    if problems:
        raise KerjasamaError(
            "mapping.bad_value",
            "; ".join(p[0] for p in problems) + ".",
            "; ".join(p[1] for p in problems) + ".",
        )
    old = IndicatorValue.objects.filter(region=region, indicator=indicator, year=year).first()
    row, _created = IndicatorValue.objects.update_or_create(
        region=region,
        indicator=indicator,
        year=year,
        defaults={
            "value": float(value),
            "source": source.strip(),
            "is_example": False,
            "updated_by": user_or_none(actor),
        },
    )
    audit.record(
        actor=actor,
        action=AuditAction.PROFILE_VALUE_SET,
        obj=row,
        old={"value": old.value, "source": old.source} if old else None,
        new={"value": row.value, "source": row.source},
    )
    _affected({region.code})
    return row


def profile_template_xlsx(region: Region) -> bytes:
    """The XLSX a region fills in: one row per indicator, with code, name and unit filled in."""
    from openpyxl.styles import Font

    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "profil"
    xlsx.append_row(sheet, ["kode_wilayah", region.code, region.name])
    xlsx.append_row(sheet, TEMPLATE_HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for indicator in Indicator.objects.order_by("position", "code"):
        xlsx.append_row(
            sheet, [indicator.code, indicator.name_id, indicator.unit, date.today().year - 1, None, ""]
        )
    for column, width in zip("ABCDEF", (22, 48, 14, 8, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    return xlsx.to_bytes(book)


@dataclass
class ProfileImportReport:
    region: str
    saved: int = 0
    skipped_empty: int = 0
    problems: list[ErrorDetail] = field(default_factory=list)


MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: Rows read before the data: the region line and the header.
TEMPLATE_HEAD_ROWS = 2


def _too_many_rows(limit: int) -> KerjasamaError:
    return KerjasamaError(
        "mapping.too_many_rows",
        f"Berkas memuat lebih dari {limit} baris data; hapus baris di bawah data atau bagi berkasnya.",
        f"The file holds more than {limit} data rows; delete the rows below the data or split the file.",
    )


def _read_profile_rows(content: bytes) -> list[tuple[Any, ...]]:
    """The rows of the template's first sheet, read without a transaction and with every cap applied first.

    Refused before parsing: more than 2 MB, not a zip, or a zip directory declaring more than
    ``KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES`` unpacked (``mapping.archive_too_large``). While parsing (in
    openpyxl's streaming read-only mode, six columns only): more than ``KERJASAMA_IMPORT_MAX_ROWS`` data rows
    stops the reading at once (``mapping.too_many_rows``).
    """
    from openpyxl import load_workbook

    if len(content) > MAX_UPLOAD_BYTES or not content.startswith(b"PK"):
        raise KerjasamaError(
            "mapping.bad_upload",
            "Berkas harus berupa XLSX (templat profil) dan paling besar 2 MB.",
            "The file must be an XLSX (the profile template) of at most 2 MB.",
        )
    stream = io.BytesIO(content)
    directory = check_zip_directory(
        stream,
        max_uncompressed=int(settings.KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES),
        code="mapping.archive_too_large",
    )
    unreadable = KerjasamaError(
        "mapping.bad_upload", "Berkas XLSX tidak dapat dibaca.", "The XLSX file cannot be read."
    )
    if directory is None:
        raise unreadable
    max_rows = int(settings.KERJASAMA_IMPORT_MAX_ROWS)
    rows: list[tuple[Any, ...]] = []
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            # max_row and max_col bound the reading whatever the sheet's own dimension claims; one row more
            # than allowed is enough to know the file is too long.
            limit = TEMPLATE_HEAD_ROWS + max_rows + 1
            for row in sheet.iter_rows(max_row=limit, max_col=len(TEMPLATE_HEADER), values_only=True):
                rows.append(row)
                if len(rows) >= limit:
                    break
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise unreadable from exc
    if len(rows) > TEMPLATE_HEAD_ROWS + max_rows:
        raise _too_many_rows(max_rows)
    return rows


def import_profile_xlsx(*, actor: Actor, region: Region, content: bytes) -> ProfileImportReport:
    """Import a filled template: every row is checked first; one bad row rejects the whole file.

    The file is read and checked outside any transaction (a large or hostile file never holds the database's
    write lock); only the checked values are written, in one short transaction.
    """
    require(actor, "mapping.edit_region", region)
    rows = _read_profile_rows(content)
    report = ProfileImportReport(region=region.code)
    if len(rows) < 2 or str(rows[0][1] if len(rows[0]) > 1 else "").strip() != region.code:
        found = rows[0][1] if rows and len(rows[0]) > 1 else None
        raise KerjasamaError(
            "mapping.wrong_region",
            f"Templat ini untuk wilayah {found!r}, bukan {region.code}.",
            f"This template is for region {found!r}, not {region.code}.",
        )
    if [str(c or "").strip() for c in rows[1][:6]] != TEMPLATE_HEADER:
        raise KerjasamaError(
            "mapping.bad_header",
            "Baris judul templat tidak sesuai; unduh templat terbaru.",
            "The template's header row does not match; download the current template.",
        )
    indicators = {i.code: i for i in Indicator.objects.all()}
    valid: list[tuple[Indicator, int, float, str]] = []
    for line, row in enumerate(rows[2:], start=3):
        cells = list(row[:6]) + [None] * (6 - len(row[:6]))
        code, _name, unit, year, value, source = cells
        where = f"baris/row {line}"
        if value is None or value == "":
            report.skipped_empty += 1
            continue
        indicator = indicators.get(str(code or "").strip())
        if indicator is None:
            report.problems.append(
                ErrorDetail(where, f"indikator tidak dikenal: {code!r}", f"unknown indicator: {code!r}")
            )
            continue
        if str(unit or "").strip() != indicator.unit:
            report.problems.append(
                ErrorDetail(
                    where,
                    f"satuan {unit!r} bukan {indicator.unit!r}",
                    f"unit {unit!r} is not {indicator.unit!r}",
                )
            )
            continue
        year_value = (
            int(year)
            if isinstance(year, (int, float)) and not isinstance(year, bool) and year == int(year)
            else year
        )
        problems = _check_value(indicator, year_value, value, str(source or ""))
        for message_id, message_en in problems:
            report.problems.append(ErrorDetail(where, message_id, message_en))
        if not problems:
            valid.append((indicator, int(year_value), float(value), str(source).strip()))
    if report.problems:
        raise KerjasamaError(
            "mapping.bad_rows",
            f"Impor ditolak seluruhnya: {len(report.problems)} masalah.",
            f"The import was rejected as a whole: {len(report.problems)} problems.",
            report.problems,
        )
    with transaction.atomic():
        changes, history = _write_profile_values(actor=actor, region=region, valid=valid)
        report.saved = len(valid)
        summary = _import_audit(report, changes, history)
        audit.record(
            actor=actor,
            action=AuditAction.PROFILE_IMPORTED,
            obj=region,
            old=summary["old"],
            new=summary["new"],
        )
        _affected({region.code})
    return report


#: How many changed rows one import's audit event lists (old → new); it always counts them all.
IMPORT_AUDIT_MAX_ROWS = 100


def _write_profile_values(
    *, actor: Actor, region: Region, valid: list[tuple[Indicator, int, float, str]]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Write an import's checked values, each with a row-history entry; return the changes and their history.

    A change is a new value or one whose value or source differs from what it replaces (old → new). The
    history rows of this import share one change reason, ``impor-profil:<id>``, which links the audit event
    to every old and new row (``IndicatorValue.history.filter(history_change_reason=...)``).
    """
    reason = f"impor-profil:{uuid.uuid4().hex[:16]}"
    keys = {(indicator.code, year) for indicator, year, _value, _source in valid}
    existing = {
        (row.indicator_id, row.year): row
        for row in IndicatorValue.objects.select_for_update().filter(
            region=region,
            indicator_id__in={code for code, _year in keys},
            year__in={year for _code, year in keys},
        )
    }
    changes: list[dict[str, Any]] = []
    for indicator, year, number, source_text in valid:
        row = existing.get((indicator.code, year))
        old = None
        if row is None:
            row = IndicatorValue(region=region, indicator=indicator, year=year)
        else:
            old = {"value": row.value, "source": row.source, "is_example": row.is_example}
        row.value, row.source, row.is_example = number, source_text, False
        row.updated_by = user_or_none(actor)
        # Read by django-simple-history, as in ``core.transitions``: who wrote the row, and which import.
        row._history_user = user_or_none(actor)  # type: ignore[union-attr]
        row._change_reason = reason  # type: ignore[union-attr]
        row.save()
        if old is None or (old["value"], old["source"], old["is_example"]) != (number, source_text, False):
            changes.append(
                {
                    "region": region.code,
                    "indicator": indicator.code,
                    "year": year,
                    "old": old,
                    "new": {"value": number, "source": source_text},
                }
            )
    history = {
        "model": IndicatorValue.history.model._meta.label_lower,
        "change_reason": reason,
        "ids": list(
            IndicatorValue.history.filter(history_change_reason=reason)
            .order_by("history_id")
            .values_list("history_id", flat=True)[:IMPORT_AUDIT_MAX_ROWS]
        ),
    }
    return changes, history


def _import_audit(
    report: ProfileImportReport, changes: list[dict[str, Any]], history: dict[str, Any]
) -> dict[str, Any]:
    """The ``old``/``new`` of an import's audit event: the overwritten values before, every change after.

    At most ``IMPORT_AUDIT_MAX_ROWS`` changes are listed (``truncated`` says when more were made); the counts
    and the history link (``history.change_reason``) cover them all.
    """
    listed = changes[:IMPORT_AUDIT_MAX_ROWS]
    overwritten = [c for c in changes if c["old"] is not None]
    return {
        "old": {
            "values": [
                {"indicator": c["indicator"], "year": c["year"], **c["old"]}
                for c in overwritten[:IMPORT_AUDIT_MAX_ROWS]
            ]
        }
        if overwritten
        else None,
        "new": {
            "saved": report.saved,
            "skipped_empty": report.skipped_empty,
            "created": len(changes) - len(overwritten),
            "overwritten": len(overwritten),
            "unchanged": report.saved - len(changes),
            "changes": listed,
            "truncated": len(changes) > len(listed),
            "history": history,
        },
    }


# --- identifications --------------------------------------------------------------------------------------------


def _programmes(codes: list[str], *, affair: Affair, region: Region) -> list[str]:
    cleaned = [c.strip() for c in codes if c and c.strip()]
    problems = [
        ErrorDetail(code, *problem)
        for code in cleaned
        if (problem := check_programme_code(code, affair_code=affair.code, level=region.level)) is not None
    ]
    if problems:
        raise KerjasamaError(
            "mapping.bad_programme_code",
            "Kode program/kegiatan tidak sesuai nomenklatur Kepmendagri 050-5889/2021.",
            "Programme/activity codes do not follow the Kepmendagri 050-5889/2021 nomenclature.",
            problems,
        )
    return sorted(set(cleaned))


def _snapshot(item: Identification) -> dict[str, Any]:
    return {
        "status": item.status,
        "needs": item.needs,
        "offers": item.offers,
        "externalities": item.externalities,
        "programmes": item.programmes,
    }


@transaction.atomic
def save_identification(
    *,
    actor: Actor,
    region: Region,
    affair: Affair,
    needs: str = "",
    offers: str = "",
    externalities: str = "",
    programmes: list[str] | None = None,
    expected_version: int | None = None,
) -> Identification:
    """Create or edit the draft identification of one affair (only a draft can be edited).

    ``expected_version`` is the version the official's form was loaded with (``0``: the form found no
    identification yet); a save from a stale version answers ``Conflict`` (``mapping.stale_version``) and
    writes nothing, so two officials editing the same draft cannot silently overwrite each other. ``None``:
    the caller did not read the record (commands, imports), no check.
    """
    require(actor, "mapping.edit_region", region)
    if not region.is_autonomous:
        raise KerjasamaError(
            "mapping.not_autonomous",
            "Wilayah ini bukan daerah otonom.",
            "This region is not an autonomous region.",
        )
    codes = _programmes(programmes or [], affair=affair, region=region)
    if not (needs.strip() or offers.strip() or externalities.strip()):
        raise KerjasamaError(
            "mapping.empty_identification",
            "Isi sedikitnya kebutuhan, tawaran, atau eksternalitas.",
            "Fill in at least the needs, the offers or the externalities.",
        )
    item = Identification.objects.select_for_update().filter(region=region, affair=affair).first()
    old = _snapshot(item) if item else None
    if item is not None and item.status != IdentificationStatus.DRAFT:
        raise KerjasamaError(
            "mapping.not_draft",
            "Hanya identifikasi berstatus draf yang dapat diubah.",
            "Only a draft identification can be edited.",
        )
    if item is None and expected_version:
        # The form was loaded from an identification that no longer exists.
        raise stale_version(Identification, code="mapping.stale_version")
    if item is not None:
        # ``0``: the form was loaded before anyone created it, so any stored version is newer.
        if expected_version == 0:
            raise stale_version(Identification, code="mapping.stale_version")
        claim_version(item, expected=expected_version, code="mapping.stale_version")
    if item is None:
        item = Identification(
            region=region, affair=affair, created_by=user_or_none(actor)
        )
    item.needs, item.offers, item.externalities, item.programmes = (
        needs.strip(),
        offers.strip(),
        externalities.strip(),
        codes,
    )
    item.is_example = False
    if item.pk is None:
        _insert_identification(item)
    else:
        item.save()
    audit.record(actor=actor, action=AuditAction.IDENTIFICATION_SAVED, obj=item, old=old, new=_snapshot(item))
    return item


def _insert_identification(item: Identification) -> None:
    """Insert a new identification, or answer ``Conflict`` if another official created it first.

    ``select_for_update`` cannot lock a row that does not exist yet, so two first saves of the same affair may
    both find none; the unique constraint (one identification per region and affair) then refuses the second
    insert. The insert runs in a savepoint so the caller's transaction survives that refusal.
    """
    try:
        with transaction.atomic():
            item.save(force_insert=True)
    except IntegrityError as exc:
        if not Identification.objects.filter(region_id=item.region_id, affair_id=item.affair_id).exists():
            raise
        raise Conflict(
            "mapping.identification_exists",
            "Identifikasi urusan ini baru saja dibuat oleh pengguna lain; muat ulang halaman, lalu ubah "
            "drafnya bila perlu.",
            "Someone else has just created the identification of this affair; reload the page and edit the "
            "draft if needed.",
        ) from exc


def _move(
    identification: Identification,
    *,
    actor: Actor,
    permission: str,
    expected: IdentificationStatus,
    target: IdentificationStatus,
    action: AuditAction,
    event: str,
    stamps: dict[str, Any] | None = None,
    reason: str = "",
) -> Identification:
    """One step of the workflow through the transition helper (compare-and-swap, history row, audit event)."""
    require(actor, permission, identification.region)
    transition(
        identification,
        actor=actor,
        action=action,
        expected=expected,
        target=target,
        conflict_code="mapping.state_changed",
        stamps=stamps,
        reason=reason,
    )
    # What the recommendations read: verified and published identifications.
    visible = (IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)
    if target in visible or expected in visible:
        _affected(
            {identification.region_id},
            identifications_changed=True,
            affairs={
                identification.affair_id: (
                    bool(identification.needs.strip()),
                    bool(identification.offers.strip()),
                )
            },
        )
    notices.identification_transitioned(
        identification=identification, event=event, actor=actor, reason=reason.strip()
    )
    return identification


@transaction.atomic
def submit_identification(*, actor: Actor, identification: Identification) -> Identification:
    """The region's cooperation or planning unit submits a draft to its TKKSD for verification."""
    return _move(
        identification,
        actor=actor,
        permission="mapping.edit_region",
        expected=IdentificationStatus.DRAFT,
        target=IdentificationStatus.SUBMITTED,
        action=AuditAction.IDENTIFICATION_SUBMITTED,
        event="submitted",
        stamps={"submitted_at": timezone.now()},
    )


@transaction.atomic
def verify_identification(*, actor: Actor, identification: Identification) -> Identification:
    """The region's TKKSD verifies a submitted identification."""
    return _move(
        identification,
        actor=actor,
        permission="mapping.verify_identification",
        expected=IdentificationStatus.SUBMITTED,
        target=IdentificationStatus.VERIFIED,
        action=AuditAction.IDENTIFICATION_VERIFIED,
        event="verified",
        stamps={"verified_at": timezone.now(), "verified_by": user_or_none(actor)},
    )


@transaction.atomic
def return_identification(*, actor: Actor, identification: Identification, reason: str) -> Identification:
    """The region's TKKSD returns a submitted identification to draft; the reason is required."""
    if not reason.strip():
        raise KerjasamaError(
            "mapping.reason_required", "Sebutkan alasan pengembalian.", "Give a reason for returning it."
        )
    return _move(
        identification,
        actor=actor,
        permission="mapping.verify_identification",
        expected=IdentificationStatus.SUBMITTED,
        target=IdentificationStatus.DRAFT,
        action=AuditAction.IDENTIFICATION_RETURNED,
        event="returned",
        reason=reason,
    )


@transaction.atomic
def publish_identification(*, actor: Actor, identification: Identification) -> Identification:
    """The region's cooperation unit publishes a verified identification."""
    return _move(
        identification,
        actor=actor,
        permission="mapping.publish_identification",
        expected=IdentificationStatus.VERIFIED,
        target=IdentificationStatus.PUBLISHED,
        action=AuditAction.IDENTIFICATION_PUBLISHED,
        event="published",
        stamps={"published_at": timezone.now()},
    )


# --- national runs ---------------------------------------------------------------------------------------------


@transaction.atomic
def request_national_run(*, actor: Actor) -> MappingRun:
    """The ministry (or a system admin) asks for a national run: a record and a task, never a computation
    in the request. A run already queued or running is returned instead of a second one."""
    from kerjasama.mapping.tasks import run_national_mapping

    require(actor, "mapping.run_national")
    pending = MappingRun.objects.filter(
        status__in=(MappingRunStatus.QUEUED, MappingRunStatus.RUNNING)
    ).first()
    if pending is not None:
        return pending
    item = MappingRun.objects.create(requested_by=user_or_none(actor))
    audit.record(actor=actor, action=AuditAction.MAPPING_NATIONAL_RUN_REQUESTED, obj=item)
    transaction.on_commit(lambda: run_national_mapping.enqueue(item.pk), robust=True)
    return item
