"""Every change to region profiles and identifications (house rule 2).

Identification workflow (Permendagri 22/2020 Pasal 5; PP 28/2018 Pasal 5(1); the TKKSD's mapping task [S]):
draft → submitted → verified by the region's TKKSD → published by the cooperation unit. The TKKSD may return
a submitted identification with a reason (*Dikembalikan*: editable, resubmitted like a draft); its unit may
withdraw a submitted one back to draft, delete a draft, and revise a published one through an
``IdentificationRevision`` that walks the same states while the published text stays in force. Transitions
claim the row by compare-and-swap on the expected status, so two officials pressing a button at once produce
one change and one clear error.
"""

from __future__ import annotations

import io
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import require
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core import audit, xlsx
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.archives import check_zip_directory
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError
from kerjasama.core.numbers import NumberInputError, parse_number, range_in_words
from kerjasama.core.transitions import choice_labels, conflict_error, transition
from kerjasama.core.versioning import claim_version, stale_version
from kerjasama.mapping import notices
from kerjasama.mapping.catalogue import INDICATORS, SPECS, out_of_range
from kerjasama.mapping.choices import EDITABLE_STATUSES, IdentificationStatus, MappingRunStatus
from kerjasama.mapping.domain.programmes import check_programme_code
from kerjasama.mapping.models import (
    IDENTIFICATION_TEXT_MAX_LENGTH,
    MAX_REMARK_CHARS,
    PROGRAMMES_MAX_CODES,
    SOURCE_MAX_LENGTH,
    Identification,
    IdentificationComment,
    IdentificationRevision,
    Indicator,
    IndicatorValue,
    MappingRun,
)
from kerjasama.mapping.tasks import schedule_refresh
from kerjasama.regions.models import Region

MIN_YEAR = 2000
TEMPLATE_HEADER = ["kode_indikator", "indikator", "satuan", "tahun", "nilai", "sumber"]


def _max_year() -> int:
    return timezone.localdate().year + 1


def _affected(
    region_codes: set[str],
    *,
    identifications_changed: bool = False,
    affairs: dict[str, tuple[bool, bool]] | None = None,
    profile_affairs: Iterable[str] | None = None,
) -> None:
    """Mark the changed regions in the same transaction as the change; the refresh task, enqueued when it
    commits, recomputes their recommendations (``kerjasama map --refresh`` does it by hand).

    ``affairs``: the affairs whose identifications changed status, each with whether the identification
    states a need and an offer (its texts do not change in a transition). The refresh then recomputes only the
    region's neighbours and the regions that can match it on those affairs (issue 9: a bounded set). The mark
    keeps ``[affair, needs, offers]`` entries; an identification change of unknown affairs (empty list) keeps
    the safe superset.

    ``profile_affairs``: for a profile change (indicator values), the affairs the changed indicators inform;
    the refresh then recomputes only those affairs, of the region and its candidates on them (a region's
    statistic no longer recomputes all 32 affairs of the 521 regions of a dense map). None: every affair.
    """
    wanted = [[code, needs, offers] for code, (needs, offers) in sorted((affairs or {}).items())]
    profile = sorted(set(profile_affairs)) if profile_affairs is not None and not identifications_changed else None
    with transaction.atomic(savepoint=False):  # the lock below needs a transaction; callers normally hold one
        _mark(region_codes, identifications_changed=identifications_changed, wanted=wanted, profile=profile)
    if region_codes:
        schedule_refresh()


def _mark(
    region_codes: set[str], *, identifications_changed: bool, wanted: list[list[Any]], profile: list[str] | None
) -> None:
    from kerjasama.mapping.models import StaleRegion

    for code in sorted(region_codes):  # one lock order for every transaction: two cannot wait on each other
        # The existing mark is locked until this transaction ends. Without the lock, on PostgreSQL the refresh
        # task could claim (delete) the mark between this read and the save below, and the save would fail
        # ("did not affect any rows": a 500 on publishing, seen in CI), or a second marker would overwrite the
        # merged affairs with its own. With it the refresher's claim waits, then finds the new ``marked_at``
        # and leaves the mark for the next refresh. (SQLite: IMMEDIATE transactions already serialise them.)
        stale, created = StaleRegion.objects.select_for_update().get_or_create(
            region_id=code,
            defaults={
                "identifications_changed": identifications_changed,
                "affairs": wanted,
                "profile_affairs": profile,
            },
        )
        if created:
            continue
        stale.identifications_changed, stale.affairs, stale.profile_affairs = merged_mark(
            (stale.identifications_changed, stale.affairs, stale.profile_affairs),
            (identifications_changed, wanted, profile),
        )
        stale.save(update_fields=["identifications_changed", "affairs", "profile_affairs", "marked_at"])


Mark = tuple[bool, list[list[Any]], list[str] | None]


def merged_mark(old: Mark, new: Mark) -> Mark:
    """Two marks of one region as one: ``(identifications_changed, affairs, profile_affairs)``.

    What the refresh recomputes for the result covers what it would for each: two profile changes, the union
    of their affairs (every affair if either says so); two identification changes, the union of their bounded
    affairs (the superset, ``[]``, if either is unknown). An identification change with a profile change: the
    profile's affairs join the bounded set as needing and offering (``[affair, True, True]``: every region
    that can match the region on the affair, so its candidates on it), or the superset when the profile's
    affairs are unknown (a register change) — a bounded set alone would miss a far partner matched on another
    affair.
    """
    if not old[0] and not new[0]:
        old_profile, new_profile = old[2], new[2]
        union = None if old_profile is None or new_profile is None else sorted({*old_profile, *new_profile})
        return False, [], union
    bounded: list[list[list[Any]]] = []
    for ident, affairs, profile in (old, new):
        if ident:
            bounded.append(affairs)
        elif profile == []:
            continue  # a profile change of no affair (an indicator that informs none) adds nothing
        elif profile is not None:
            bounded.append([[affair, True, True] for affair in profile])
        else:
            bounded.append([])
    if not all(bounded):
        return True, [], None  # one of them needs every candidate: the superset
    merged: dict[str, list[bool]] = {}
    for affair, needs, offers in [entry for affairs in bounded for entry in affairs]:
        sides = merged.setdefault(affair, [False, False])
        sides[0], sides[1] = sides[0] or bool(needs), sides[1] or bool(offers)
    return True, [[affair, n, o] for affair, (n, o) in sorted(merged.items())], None


def _informed_affairs(indicator_codes: Iterable[str]) -> list[str]:
    """The affairs these indicators inform (a region's profile per affair is built from them alone)."""
    return sorted(
        code
        for code in Indicator.objects.filter(code__in=list(indicator_codes))
        .values_list("affairs__code", flat=True)
        .distinct()
        if code is not None
    )


def mark_register_changed(*, region_codes: Iterable[str]) -> None:
    """The register of agreements in force changed for these regions (an agreement entered implementation, was
    registered as existing, or ended): their stored recommendations are recomputed by the refresh task after
    the commit, so the mapping pages show "sudah bekerja sama" instead of a new recommendation (issue 9 §4,
    issue 10 item 7). Called by the agreements app inside its transaction."""
    codes = {str(code) for code in region_codes if code}
    if codes:
        _affected(codes)


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


def _number(value: Any) -> tuple[float | None, tuple[str, str] | None]:
    """A typed or imported value as a float, or why it is not one: text goes through the one Indonesian
    number parser (``core.numbers``: "0,8" is 0.8), a spreadsheet number is taken as it is if finite."""
    if isinstance(value, str):
        try:
            return parse_number(value), None
        except NumberInputError as exc:
            return None, (exc.message_id, exc.message_en)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None, ("harus berupa angka", "must be a number")
    return float(value), None


def _check_value(
    indicator: Indicator, year: Any, value: Any, source: str
) -> tuple[float | None, list[tuple[str, str]]]:
    """The value as a float and the problems of one profile value, each starting with the field's label
    ("Nilai: ...", "Tahun: ...", "Sumber: ..."), so a person knows which field to correct (issue 9)."""
    problems: list[tuple[str, str]] = []
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= _max_year():
        problems.append(
            (
                f"Tahun: harus antara {MIN_YEAR} dan {_max_year()}",
                f"Year: must be between {MIN_YEAR} and {_max_year()}",
            )
        )
    number, problem = _number(value)
    if problem is not None:
        problems.append((f"Nilai: {problem[0]}", f"Value: {problem[1]}"))
    elif number is not None and (implausible := out_of_range(indicator.code, number)) is not None:
        problems.append((f"Nilai: {implausible[0]}", f"Value: {implausible[1]}"))
    if not source.strip():
        problems.append(("Sumber: wajib diisi", "Source: is required"))
    elif len(source.strip()) > SOURCE_MAX_LENGTH:
        problems.append(
            (
                f"Sumber: paling banyak {SOURCE_MAX_LENGTH} karakter (tertulis {len(source.strip())})",
                f"Source: at most {SOURCE_MAX_LENGTH} characters (given {len(source.strip())})",
            )
        )
    return number, problems


@transaction.atomic
def set_indicator_value(
    *, actor: Actor, region: Region, indicator_code: str, year: int, value: float | str, source: str
) -> IndicatorValue:
    """Set one yearly value. ``value`` is a number or the text a person typed ("0,8", read by
    ``core.numbers``); it must lie in the indicator's plausible range (``catalogue.out_of_range``)."""
    require(actor, "mapping.edit_region", region)
    indicator = Indicator.objects.filter(code=indicator_code).first()
    if indicator is None:
        raise KerjasamaError(
            "mapping.unknown_indicator",
            f"Indikator tidak dikenal: {indicator_code}.",
            f"Unknown indicator: {indicator_code}.",
        )
    number, problems = _check_value(indicator, year, value, source)
    if problems or number is None:
        raise KerjasamaError(
            "mapping.bad_value",
            "; ".join(p[0] for p in problems) + ".",
            "; ".join(p[1] for p in problems) + ".",
            [ErrorDetail(indicator.name_id, p[0], p[1]) for p in problems],
        )
    old = IndicatorValue.objects.filter(region=region, indicator=indicator, year=year).first()
    row, _created = IndicatorValue.objects.update_or_create(
        region=region,
        indicator=indicator,
        year=year,
        defaults={
            "value": number,
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
    _affected({region.code}, profile_affairs=_informed_affairs([indicator.code]))
    return row


#: Indonesian (and English) names shown beside each column code of the template's header row; the import
#: reads the code, the first word of the cell, so a template with codes only still imports.
TEMPLATE_LABELS = {
    "kode_indikator": ("Kode indikator", "Indicator code"),
    "indikator": ("Nama indikator", "Indicator name"),
    "satuan": ("Satuan", "Unit"),
    "tahun": ("Tahun data", "Year of the data"),
    "nilai": ("Nilai", "Value"),
    "sumber": ("Sumber data", "Data source"),
}

TEMPLATE_INSTRUCTIONS: list[tuple[str, str]] = [
    (
        "Templat profil daerah (potensi dan karakteristik daerah) untuk pemetaan urusan yang dapat "
        "dikerjasamakan (PP 28/2018 Pasal 5; Permendagri 22/2020 Pasal 5).",
        "Region profile template (potential and characteristics) for the mapping of cooperable affairs.",
    ),
    (
        "1. Isi lembar “profil”: satu baris per indikator. Jangan ubah kolom kode_indikator, satuan, dan baris "
        "kode_wilayah di atas.",
        "1. Fill in the “profil” sheet: one row per indicator. Do not change the kode_indikator and satuan "
        "columns or the kode_wilayah line at the top.",
    ),
    (
        "2. Kolom “nilai”: angka saja, koma untuk desimal (0,8; 1.234,5). Angka seperti 1.234 ditolak karena "
        "dapat dibaca dua cara; tulis 1234 atau 1,234.",
        "2. The “nilai” (value) column: numbers only, comma for the decimals (0,8; 1.234,5). A number such "
        "as 1.234 is refused because it reads two ways; write 1234 or 1,234.",
    ),
    (
        "3. Nilai harus dalam rentang yang masuk akal (kolom “rentang” di bawah), misalnya persentase antara 0 "
        "dan 100.",
        "3. Values must lie in a plausible range (the range column below), e.g. a percentage between 0 and 100.",
    ),
    (
        f"4. Kolom “tahun”: tahun data ({MIN_YEAR} sampai tahun depan). Kolom “sumber”: wajib, paling banyak "
        f"{SOURCE_MAX_LENGTH} karakter (misalnya “BPS Kota Yogyakarta 2024, tabel 3.1”).",
        f"4. The “tahun” (year) column: the year of the data ({MIN_YEAR} to next year). The “sumber” "
        f"(source) column: required, at most {SOURCE_MAX_LENGTH} characters.",
    ),
    (
        "5. Baris yang nilainya kosong dilewati. Satu baris salah membuat seluruh berkas ditolak (tidak ada yang "
        "tersimpan); laporan menyebut baris dan kolomnya.",
        "5. Rows without a value are skipped. One wrong row rejects the whole file (nothing is saved); the "
        "report names the row and the column.",
    ),
    (
        "6. Unggah berkas pada halaman pemetaan daerah Anda (Impor). Berkas paling besar 2 MB.",
        "6. Upload the file on your region's mapping page (Import). At most 2 MB.",
    ),
]


def profile_template_xlsx(region: Region) -> bytes:
    """The XLSX a region fills in: one row per indicator, with code, name and unit filled in, the Indonesian
    name of each column beside its code, and an instructions sheet (“petunjuk”, Indonesian with English)."""
    from openpyxl.styles import Alignment, Font

    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "profil"
    xlsx.append_row(
        sheet,
        [
            "kode_wilayah",
            region.code,
            region.name,
            None,
            None,
            "Petunjuk pengisian: lembar “petunjuk” / Instructions: the “petunjuk” sheet",
        ],
    )
    xlsx.append_row(
        sheet, [f"{code} ({TEMPLATE_LABELS[code][0]} / {TEMPLATE_LABELS[code][1]})" for code in TEMPLATE_HEADER]
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    indicators = list(Indicator.objects.order_by("position", "code"))
    for indicator in indicators:
        xlsx.append_row(
            sheet, [indicator.code, indicator.name_id, indicator.unit, timezone.localdate().year - 1, None, ""]
        )
    for column, width in zip("ABCDEF", (24, 48, 14, 12, 14, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"

    guide = book.create_sheet("petunjuk")
    xlsx.append_row(guide, ["Petunjuk pengisian templat profil daerah", "Instructions"])
    guide["A1"].font = Font(bold=True, size=13)
    for text_id, text_en in TEMPLATE_INSTRUCTIONS:
        xlsx.append_row(guide, [text_id, text_en])
    xlsx.append_row(guide, [])
    xlsx.append_row(guide, ["kode_indikator", "indikator", "satuan", "rentang yang masuk akal", "range"])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    for indicator in indicators:
        spec = SPECS.get(indicator.code)
        words = (
            range_in_words(spec["low"], spec["high"], spec["unit_words_id"], spec["unit_words_en"])
            if spec
            else ("", "")
        )
        xlsx.append_row(guide, [indicator.code, indicator.name_id, indicator.unit, *words])
    for column, width in zip("ABCDE", (70, 70, 14, 40, 40), strict=True):
        guide.column_dimensions[column].width = width
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
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
            f"Templat ini untuk wilayah “{found or ''}”, bukan {region.code} ({region.name}); unduh templat "
            "wilayah ini.",
            f"This template is for region “{found or ''}”, not {region.code} ({region.name}); download this "
            "region's template.",
        )
    if [(str(c or "").split() or [""])[0] for c in rows[1][:6]] != TEMPLATE_HEADER:
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
        if value is None or (isinstance(value, str) and not value.strip()):
            report.skipped_empty += 1
            continue
        indicator = indicators.get(str(code or "").strip())
        if indicator is None:
            report.problems.append(
                ErrorDetail(
                    where,
                    f"Kode indikator: “{code or ''}” tidak dikenal; pakai kode dari templat",
                    f"Indicator code: “{code or ''}” is unknown; use a code from the template",
                )
            )
            continue
        if str(unit or "").strip() != indicator.unit:
            report.problems.append(
                ErrorDetail(
                    where,
                    f"Satuan: “{unit or ''}” bukan “{indicator.unit}” ({indicator.name_id})",
                    f"Unit: “{unit or ''}” is not “{indicator.unit}” ({indicator.name_en})",
                )
            )
            continue
        year_value = year
        if isinstance(year, str) and year.strip().isdigit():
            year_value = int(year.strip())
        elif isinstance(year, float) and math.isfinite(year) and year == int(year):
            year_value = int(year)
        number, problems = _check_value(indicator, year_value, value, str(source or ""))
        for message_id, message_en in problems:
            report.problems.append(ErrorDetail(where, message_id, message_en))
        if not problems and number is not None:
            valid.append((indicator, int(year_value), number, str(source).strip()))
    if report.problems:
        raise KerjasamaError(
            "mapping.bad_rows",
            f"Impor ditolak seluruhnya: {len(report.problems)} masalah.",
            f"The import was rejected as a whole: {len(report.problems)} problems.",
            report.problems,
        )
    if not valid:
        # A blank template is not a successful import of nothing (issue 9).
        raise KerjasamaError(
            "mapping.empty_import",
            "Tidak ada nilai yang diimpor: kolom “nilai” di lembar profil kosong. Isi nilai (dan sumbernya) "
            "pada baris indikator, lalu unggah lagi.",
            "Nothing was imported: the “nilai” (value) column of the profile sheet is empty. Fill in values "
            "(with their sources) on the indicator rows and upload again.",
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
        _affected({region.code}, profile_affairs=_informed_affairs({ind.code for ind, *_rest in valid}))
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


#: The Indonesian (and English) label of each identification text, for messages that name the field.
IDENTIFICATION_LABELS = {
    "needs": ("Kebutuhan", "Needs"),
    "offers": ("Tawaran", "Offers"),
    "externalities": ("Eksternalitas lintas daerah", "Cross-border externalities"),
    "programmes": ("Kode program dan kegiatan", "Programme and activity codes"),
    "sub_affairs": ("Sub-urusan", "Sub-affairs"),
}


def _check_lengths(texts: dict[str, str], programmes: list[str]) -> None:
    """Refuse a text over its limit, whoever sends it (form, API, command): one error naming each field."""
    problems = [
        ErrorDetail(
            IDENTIFICATION_LABELS[name][0],
            f"{IDENTIFICATION_LABELS[name][0]}: paling banyak {IDENTIFICATION_TEXT_MAX_LENGTH} karakter "
            f"(tertulis {len(text.strip())})",
            f"{IDENTIFICATION_LABELS[name][1]}: at most {IDENTIFICATION_TEXT_MAX_LENGTH} characters "
            f"(given {len(text.strip())})",
        )
        for name, text in texts.items()
        if len(text.strip()) > IDENTIFICATION_TEXT_MAX_LENGTH
    ]
    codes = [c for c in programmes if c and c.strip()]
    if len(codes) > PROGRAMMES_MAX_CODES or any(len(c.strip()) > 40 for c in codes):
        label_id, label_en = IDENTIFICATION_LABELS["programmes"]
        problems.append(
            ErrorDetail(
                label_id,
                f"{label_id}: paling banyak {PROGRAMMES_MAX_CODES} kode (tertulis {len(codes)})",
                f"{label_en}: at most {PROGRAMMES_MAX_CODES} codes (given {len(codes)})",
            )
        )
    if problems:
        raise _field_problems("mapping.text_too_long", problems)


def _field_problems(code: str, problems: list[ErrorDetail]) -> KerjasamaError:
    """One error for several fields, each problem led by its field's label (issue 9, section 2)."""
    return KerjasamaError(
        code,
        " ".join(p.message_id + "." for p in problems),
        " ".join(p.message_en + "." for p in problems),
        problems,
    )


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


#: More identifiers than any affair has sub-affairs (the largest has about a dozen) is bad input.
SUB_AFFAIRS_MAX = 40


def _sub_affairs(identifiers: list[str], *, affair: Affair) -> list[str]:
    """The chosen sub-affairs, cleaned and in matrix order; each must be a sub-affair of ``affair``.

    The sub-affairs are the Lampiran's *sub urusan* of the affair (UU 23/2014 Lampiran; identifiers
    ``AuthorityEntry.code``). An unknown identifier or one of another affair is refused, naming the field.
    """
    cleaned = list(dict.fromkeys(str(i).strip() for i in identifiers if i and str(i).strip()))
    if not cleaned:
        return []
    label_id, label_en = IDENTIFICATION_LABELS["sub_affairs"]
    if len(cleaned) > SUB_AFFAIRS_MAX:
        raise KerjasamaError(
            "mapping.bad_sub_affair",
            f"{label_id}: paling banyak {SUB_AFFAIRS_MAX} sub-urusan (tertulis {len(cleaned)}).",
            f"{label_en}: at most {SUB_AFFAIRS_MAX} sub-affairs (given {len(cleaned)}).",
            [ErrorDetail(label_id, f"paling banyak {SUB_AFFAIRS_MAX}", f"at most {SUB_AFFAIRS_MAX}")],
        )
    known = dict(AuthorityEntry.objects.filter(code__in=cleaned).values_list("code", "affair_id"))
    problems = []
    for identifier in cleaned:
        owner = known.get(identifier)
        if owner is None:
            problems.append(
                ErrorDetail(
                    label_id,
                    f"{label_id}: {identifier!r} bukan sub-urusan yang dikenal",
                    f"{label_en}: {identifier!r} is not a known sub-affair",
                )
            )
        elif owner != affair.code:
            problems.append(
                ErrorDetail(
                    label_id,
                    f"{label_id}: {identifier} adalah sub-urusan {owner}, bukan urusan {affair.code}",
                    f"{label_en}: {identifier} is a sub-affair of {owner}, not of affair {affair.code}",
                )
            )
    if problems:
        raise _field_problems("mapping.bad_sub_affair", problems)
    order = {
        code: n
        for n, code in enumerate(
            AuthorityEntry.objects.filter(affair=affair).order_by("position", "id").values_list("code", flat=True)
        )
    }
    return sorted(cleaned, key=lambda code: order[code])


#: What the workflow moves: an identification, or the open revision of a published one.
Record = Identification | IdentificationRevision
R = TypeVar("R", bound=Identification | IdentificationRevision)


def _mark_history(row: Record, *, actor: Actor, action: AuditAction) -> None:
    """Who and why, for the history row simple-history writes on the next save or delete."""
    row.__dict__.update(_history_user=user_or_none(actor), _change_reason=action.value)


def _snapshot(item: Record) -> dict[str, Any]:
    return {
        "status": item.status,
        "needs": item.needs,
        "offers": item.offers,
        "externalities": item.externalities,
        "programmes": item.programmes,
        "sub_affairs": item.sub_affairs,
    }


def _check_content(
    *,
    region: Region,
    affair: Affair,
    needs: str,
    offers: str,
    externalities: str,
    programmes: list[str] | None,
    sub_affairs: list[str] | None = None,
) -> tuple[list[str], list[str]]:
    """The programme codes and sub-affairs, cleaned; refuses an empty identification (the checks every save
    shares)."""
    if not region.is_autonomous:
        raise KerjasamaError(
            "mapping.not_autonomous",
            "Wilayah ini bukan daerah otonom.",
            "This region is not an autonomous region.",
        )
    _check_lengths({"needs": needs, "offers": offers, "externalities": externalities}, programmes or [])
    codes = _programmes(programmes or [], affair=affair, region=region)
    subs = _sub_affairs(sub_affairs or [], affair=affair)
    if not (needs.strip() or offers.strip() or externalities.strip()):
        raise KerjasamaError(
            "mapping.empty_identification",
            "Isi sedikitnya kebutuhan, tawaran, atau eksternalitas.",
            "Fill in at least the needs, the offers or the externalities.",
        )
    return codes, subs


def _not_editable() -> KerjasamaError:
    return KerjasamaError(
        "mapping.not_draft",
        "Hanya identifikasi berstatus draf atau dikembalikan yang dapat diubah; tarik kembali yang sudah "
        "diajukan, atau ajukan revisi atas yang sudah diterbitkan.",
        "Only a draft or returned identification can be edited; withdraw a submitted one, or start a "
        "revision of a published one.",
    )


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
    sub_affairs: list[str] | None = None,
    expected_version: int | None = None,
) -> Identification:
    """Create or edit the identification of one affair while it is a draft or returned by the TKKSD.

    ``expected_version`` is the version the official's form was loaded with (``0``: the form found no
    identification yet); a save from a stale version answers ``Conflict`` (``mapping.stale_version``) and
    writes nothing, so two officials editing the same draft cannot silently overwrite each other. ``None``:
    the caller did not read the record (commands, imports), no check. A returned identification keeps its
    status (and the TKKSD's reason) until it is submitted again.
    """
    require(actor, "mapping.edit_region", region)
    codes, subs = _check_content(
        region=region,
        affair=affair,
        needs=needs,
        offers=offers,
        externalities=externalities,
        programmes=programmes,
        sub_affairs=sub_affairs,
    )
    item = Identification.objects.select_for_update().filter(region=region, affair=affair).first()
    old = _snapshot(item) if item else None
    if item is not None and item.status not in EDITABLE_STATUSES:
        raise _not_editable()
    if item is None and expected_version:
        # The form was loaded from an identification that no longer exists.
        raise stale_version(Identification, code="mapping.stale_version")
    if item is not None:
        # ``0``: the form was loaded before anyone created it, so any stored version is newer.
        if expected_version == 0:
            raise stale_version(Identification, code="mapping.stale_version")
        claim_version(item, expected=expected_version, code="mapping.stale_version")
    if item is None:
        item = Identification(region=region, affair=affair, created_by=user_or_none(actor))
    item.needs, item.offers, item.externalities, item.programmes, item.sub_affairs = (
        needs.strip(),
        offers.strip(),
        externalities.strip(),
        codes,
        subs,
    )
    item.is_example = False
    _mark_history(item, actor=actor, action=AuditAction.IDENTIFICATION_SAVED)  # who wrote this version
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
    identification: R,
    *,
    actor: Actor,
    permission: str,
    expected: IdentificationStatus,
    target: IdentificationStatus,
    action: AuditAction,
    event: str,
    stamps: dict[str, Any] | None = None,
    reason: str = "",
) -> R:
    """One step of the workflow through the transition helper (compare-and-swap, history row, audit event).

    A revision's steps never change what the recommendations read (the published identification stays in
    force), so only the identification's own steps mark its region for a recompute.
    """
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
    if isinstance(identification, Identification) and (target in visible or expected in visible):
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
def submit_identification(*, actor: Actor, identification: R) -> R:
    """The region's cooperation or planning unit submits a draft (or a returned one) to its TKKSD."""
    returned = identification.status == IdentificationStatus.RETURNED
    return _move(
        identification,
        actor=actor,
        permission="mapping.edit_region",
        expected=IdentificationStatus.RETURNED if returned else IdentificationStatus.DRAFT,
        target=IdentificationStatus.SUBMITTED,
        action=AuditAction.IDENTIFICATION_SUBMITTED,
        event="submitted",
        stamps={"submitted_at": timezone.now(), "submitted_by": user_or_none(actor)},
    )


@transaction.atomic
def verify_identification(*, actor: Actor, identification: R) -> R:
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


def _remark(text: str, *, code: str, empty_id: str, empty_en: str) -> str:
    """A reason or comment: required, and at most ``MAX_REMARK_CHARS`` characters."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise KerjasamaError(code, empty_id, empty_en)
    if len(cleaned) > MAX_REMARK_CHARS:
        raise KerjasamaError(
            "mapping.remark_too_long",
            f"Teks paling panjang {MAX_REMARK_CHARS} karakter (tertulis {len(cleaned)}).",
            f"The text may be at most {MAX_REMARK_CHARS} characters long ({len(cleaned)} given).",
        )
    return cleaned


@transaction.atomic
def return_identification(*, actor: Actor, identification: R, reason: str) -> R:
    """The region's TKKSD returns a submitted identification with a reason (status *Dikembalikan*).

    The reason is stored on the record (``return_reason``, so its history keeps every reason), in the audit
    event, and in the notification to the author and the cooperation operators.
    """
    cleaned = _remark(
        reason,
        code="mapping.reason_required",
        empty_id="Sebutkan alasan pengembalian.",
        empty_en="Give a reason for returning it.",
    )
    return _move(
        identification,
        actor=actor,
        permission="mapping.verify_identification",
        expected=IdentificationStatus.SUBMITTED,
        target=IdentificationStatus.RETURNED,
        action=AuditAction.IDENTIFICATION_RETURNED,
        event="returned",
        stamps={"return_reason": cleaned},
        reason=cleaned,
    )


@transaction.atomic
def withdraw_identification(*, actor: Actor, identification: R) -> R:
    """The region's unit takes a submitted identification back to draft before the TKKSD decides."""
    return _move(
        identification,
        actor=actor,
        permission="mapping.correct_identification",
        expected=IdentificationStatus.SUBMITTED,
        target=IdentificationStatus.DRAFT,
        action=AuditAction.IDENTIFICATION_WITHDRAWN,
        event="withdrawn",
    )


@transaction.atomic
def publish_identification(*, actor: Actor, identification: R) -> R:
    """The region's cooperation unit publishes a verified identification, or a verified revision.

    Publishing a revision copies its content onto the published identification in the same transaction (the
    identification's history keeps the text before and after); only then do other regions and the
    recommendations see the new text.
    """
    stamps = {"published_at": timezone.now(), "published_by": user_or_none(actor)}
    _move(
        identification,
        actor=actor,
        permission="mapping.publish_identification",
        expected=IdentificationStatus.VERIFIED,
        target=IdentificationStatus.PUBLISHED,
        action=AuditAction.IDENTIFICATION_PUBLISHED,
        event="published",
        stamps=stamps,
    )
    if isinstance(identification, IdentificationRevision):
        _apply_revision(identification, actor=actor, stamps=stamps)
    return identification


def _apply_revision(revision: IdentificationRevision, *, actor: Actor, stamps: dict[str, Any]) -> None:
    main = Identification.objects.select_for_update().get(pk=revision.identification_id)
    if main.status != IdentificationStatus.PUBLISHED:  # pragma: no cover - a revision needs a published one
        raise conflict_error(
            Identification,
            code="mapping.state_changed",
            field="status",
            expected=IdentificationStatus.PUBLISHED,
            current=main.status,
            describe=choice_labels(Identification, "status"),
        )
    old = _snapshot(main)
    claim_version(main, expected=None, code="mapping.stale_version")  # any open form of it is stale now
    main.needs, main.offers, main.externalities, main.programmes, main.sub_affairs = (
        revision.needs,
        revision.offers,
        revision.externalities,
        revision.programmes,
        list(revision.sub_affairs),
    )
    main.submitted_at, main.submitted_by_id = revision.submitted_at, revision.submitted_by_id
    main.verified_at, main.verified_by_id = revision.verified_at, revision.verified_by_id
    main.published_at, main.published_by = stamps["published_at"], stamps["published_by"]
    main.is_example = False
    _mark_history(main, actor=actor, action=AuditAction.IDENTIFICATION_REVISION_PUBLISHED)
    main.save()
    audit.record(
        actor=actor,
        action=AuditAction.IDENTIFICATION_REVISION_PUBLISHED,
        obj=main,
        old=old,
        new={**_snapshot(main), "revision": revision.pk},
    )
    revision.identification = main
    # The published texts change here: whoever matched the old need/offer or matches the new one is affected.
    _affected(
        {main.region_id},
        identifications_changed=True,
        affairs={
            main.affair_id: (
                bool(old["needs"].strip() or main.needs.strip()),
                bool(old["offers"].strip() or main.offers.strip()),
            )
        },
    )


@transaction.atomic
def delete_identification(*, actor: Actor, identification: Record) -> dict[str, Any]:
    """Delete a draft or returned identification (or discard an open revision) for good.

    Only what was never verified can be deleted; the audit event keeps a snapshot of the deleted content,
    and the row history records the deletion. Returns the snapshot.
    """
    require(actor, "mapping.correct_identification", identification.region)
    model = type(identification)
    row = model._base_manager.select_for_update().filter(pk=identification.pk).first()
    if row is None:
        raise Conflict(
            "mapping.state_changed",
            "Identifikasi ini sudah tidak ada (baru saja dihapus orang lain). Tidak ada yang diubah.",
            "This identification no longer exists (someone deleted it a moment ago). Nothing was changed.",
        )
    if row.status not in EDITABLE_STATUSES:
        raise KerjasamaError(
            "mapping.not_deletable",
            "Hanya draf atau identifikasi yang dikembalikan yang dapat dihapus; tarik kembali dahulu yang "
            "sudah diajukan. Yang sudah diverifikasi atau diterbitkan tidak dihapus, tetapi direvisi.",
            "Only a draft or returned identification can be deleted; withdraw a submitted one first. A "
            "verified or published one is not deleted but revised.",
        )
    snapshot = {
        **_snapshot(row),
        "region": identification.region_id,
        "affair": identification.affair_id,
        "created_by": row.created_by_id,
        "return_reason": row.return_reason,
        "history_ids": list(row.history.order_by("history_id").values_list("history_id", flat=True)),
    }
    if isinstance(row, IdentificationRevision):
        snapshot["revision_of"] = row.identification_id
    _mark_history(row, actor=actor, action=AuditAction.IDENTIFICATION_DELETED)
    audit.record(
        actor=actor,
        action=AuditAction.IDENTIFICATION_DELETED,
        obj=row,
        old=snapshot,
        new=None,
    )
    row.delete()
    return snapshot


def open_revision(identification: Identification) -> IdentificationRevision | None:
    """The revision of ``identification`` not yet published, if any (unscoped: callers scope first)."""
    return (
        IdentificationRevision.objects.filter(identification=identification)
        .exclude(status=IdentificationStatus.PUBLISHED)
        .first()
    )


@transaction.atomic
def start_revision(*, actor: Actor, identification: Identification) -> IdentificationRevision:
    """Open a revision of a published identification, starting from its published content.

    One revision at a time: a second one answers ``Conflict`` (``mapping.revision_open``).
    """
    require(actor, "mapping.correct_identification", identification.region)
    main = Identification.objects.select_for_update().get(pk=identification.pk)
    if main.status != IdentificationStatus.PUBLISHED:
        raise KerjasamaError(
            "mapping.not_published",
            "Hanya identifikasi yang sudah diterbitkan yang direvisi; ubah saja drafnya.",
            "Only a published identification is revised; edit the draft instead.",
        )
    revision = IdentificationRevision(
        identification=main,
        needs=main.needs,
        offers=main.offers,
        externalities=main.externalities,
        programmes=list(main.programmes),
        sub_affairs=list(main.sub_affairs),
        created_by=user_or_none(actor),
    )
    _mark_history(revision, actor=actor, action=AuditAction.IDENTIFICATION_REVISION_STARTED)
    try:
        with transaction.atomic():
            revision.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(
            "mapping.revision_open",
            "Revisi identifikasi ini sudah dibuka; lanjutkan revisi tersebut.",
            "A revision of this identification is already open; continue that one.",
        ) from exc
    audit.record(
        actor=actor,
        action=AuditAction.IDENTIFICATION_REVISION_STARTED,
        obj=revision,
        old=None,
        new={**_snapshot(revision), "identification": main.pk},
    )
    return revision


@transaction.atomic
def save_revision(
    *,
    actor: Actor,
    revision: IdentificationRevision,
    needs: str = "",
    offers: str = "",
    externalities: str = "",
    programmes: list[str] | None = None,
    sub_affairs: list[str] | None = None,
    expected_version: int | None = None,
) -> IdentificationRevision:
    """Edit an open revision while it is a draft or returned (same checks and locking as a draft)."""
    region, affair = revision.region, revision.affair
    require(actor, "mapping.edit_region", region)
    codes, subs = _check_content(
        region=region,
        affair=affair,
        needs=needs,
        offers=offers,
        externalities=externalities,
        programmes=programmes,
        sub_affairs=sub_affairs,
    )
    row = IdentificationRevision.objects.select_for_update().filter(pk=revision.pk).first()
    if row is None:
        raise stale_version(IdentificationRevision, code="mapping.stale_version")
    if row.status not in EDITABLE_STATUSES:
        raise _not_editable()
    old = _snapshot(row)
    claim_version(row, expected=expected_version, code="mapping.stale_version")
    row.needs, row.offers, row.externalities, row.programmes, row.sub_affairs = (
        needs.strip(),
        offers.strip(),
        externalities.strip(),
        codes,
        subs,
    )
    _mark_history(row, actor=actor, action=AuditAction.IDENTIFICATION_REVISION_SAVED)
    row.save()
    audit.record(
        actor=actor, action=AuditAction.IDENTIFICATION_REVISION_SAVED, obj=row, old=old, new=_snapshot(row)
    )
    return row


@transaction.atomic
def add_comment(*, actor: Actor, identification: Identification, text: str) -> IdentificationComment:
    """Add a comment to the verification dialogue of one identification and tell the other side."""
    require(actor, "mapping.comment_identification", identification.region)
    cleaned = _remark(
        text,
        code="mapping.comment_required",
        empty_id="Tulis komentarnya dahulu.",
        empty_en="Write the comment first.",
    )
    user = user_or_none(actor)
    label = str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)[:200]
    comment = IdentificationComment.objects.create(
        identification=identification, author=user, author_label=label, text=cleaned
    )
    audit.record(
        actor=actor,
        action=AuditAction.IDENTIFICATION_COMMENTED,
        obj=identification,
        new={"comment": comment.pk, "text": cleaned},
    )
    notices.comment_added(
        comment=comment, actor=actor, from_tkksd=getattr(user, "role", None) == Role.TKKSD_MEMBER
    )
    return comment


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
