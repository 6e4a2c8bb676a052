"""The XLSX import of the register of existing agreements (issue 10, items 7 and 10).

A region (or Kemendagri) fills in the template (:func:`register_template_xlsx`: one sheet ``register`` with a
header row of column codes, each with its Indonesian name beside it, and an instructions sheet
``petunjuk``), one row per agreement made before the system. :func:`import_register_xlsx` then:

* refuses the upload before it parses it when it is over 2 MB, not a zip, or its zip directory declares more
  than ``KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES`` unpacked; stops reading past ``KERJASAMA_IMPORT_MAX_ROWS``
  data rows (house rule 6, as the mapping profile import; ``core.imports``, ``core.archives``);
* reads every cell (codes, dates, numbers), naming each problem by row and column, in Indonesian and
  English: unknown region or affair codes, impossible dates, an end before the start, duplicates within the
  file (the same number, or the same parties, affair and start) and against the register;
* checks every row through :func:`kerjasama.agreements.register.check_registration` (the same checks as a
  proposal: the rulebook's R1-R11, category, lengths, dates; the policy row by row; the register), outside any
  transaction: one bad row rejects the file, the report lists every bad row, nothing is written;
* then writes every row (``write_registration``) in ONE transaction; a row written meanwhile by someone else
  rolls the whole import back;
* ``dry_run``: the checks only.

A blank template is an error (``agreements.empty_import``), not a successful import of nothing.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.agreements.choices import AgreementCategory, AgreementType, OriginKind
from kerjasama.agreements.register import (
    PARTNER_KINDS,
    PartnerOrganisation,
    Registration,
    check_registration,
    write_registration,
)
from kerjasama.core import audit, xlsx
from kerjasama.core.actors import Actor
from kerjasama.core.archives import check_zip_directory
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.core.numbers import NumberInputError, parse_decimal

#: The template's columns, in order: code -> (Indonesian name, English name). The import reads the code, the
#: first word of each header cell, so a header of codes only still imports.
COLUMNS: dict[str, tuple[str, str]] = {
    "jenis": ("Jenis kerja sama (KSDD/KSDPK/SINERGI)", "Type"),
    "kategori": ("Kategori KSDD (wajib/sukarela)", "Category (KSDD only)"),
    "judul": ("Judul kerja sama", "Title"),
    "nomor": ("Nomor perjanjian (PKS/NK)", "Agreement number"),
    "kode_daerah": ("Kode daerah pihak (Kemendagri, pisahkan dengan ;)", "Party region codes (; separated)"),
    "pihak_ketiga": ("Nama pihak ketiga / kementerian", "Third party or ministry name"),
    "jenis_pihak_ketiga": ("Jenis pihak ketiga", "Third party kind"),
    "nib": ("NIB / nomor registrasi", "Registration number (NIB)"),
    "kode_urusan": ("Kode urusan (pisahkan dengan ;)", "Affair codes (; separated)"),
    "tanggal_mulai": ("Tanggal mulai (TTTT-BB-HH)", "Start date (YYYY-MM-DD)"),
    "tanggal_berakhir": ("Tanggal berakhir (TTTT-BB-HH)", "End date (YYYY-MM-DD)"),
    "nilai": ("Nilai (rupiah)", "Value (rupiah)"),
    "dianggarkan_apbd": ("Dianggarkan dalam APBD (ya/tidak)", "Budgeted in the APBD (yes/no)"),
    "eksternalitas": (
        "Justifikasi eksternalitas (wajib: ini dan/atau efisiensi)",
        "Externality justification",
    ),
    "efisiensi": ("Justifikasi efisiensi layanan", "Efficiency justification"),
}
HEADER = list(COLUMNS)
SHEET = "register"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: Columns read as text in the template (Excel would turn 34.10 into 34.1 and drop a NIB's leading zeros).
TEXT_COLUMNS = ("kode_daerah", "kode_urusan", "nib", "nomor")
#: The service's field (``ErrorDetail.location``) -> the template's column.
FIELD_COLUMNS = {
    "type": "jenis",
    "category": "kategori",
    "title": "judul",
    "number": "nomor",
    "parties": "kode_daerah",
    "partner": "pihak_ketiga",
    "affairs": "kode_urusan",
    "sub_affairs": "kode_urusan",
    "term_start": "tanggal_mulai",
    "term_end": "tanggal_berakhir",
    "value": "nilai",
    "justification_externality": "eksternalitas",
    "justification_efficiency": "efisiensi",
}
YES = {"ya", "y", "yes", "true", "1", "benar"}
NO = {"tidak", "t", "no", "n", "false", "0", "bukan"}
#: A date outside these years is a typing error, not an agreement (the KSD regime begins with UU 22/1999).
MIN_YEAR, MAX_YEAR = 1945, 2100

INSTRUCTIONS: list[tuple[str, str]] = [
    (
        "Templat register kerja sama yang sudah berjalan (dibuat sebelum sistem ini), untuk dicatat dalam tahap "
        "pelaksanaan (PP 28/2018 Pasal 6(1), 19(1), 46).",
        "Template of the register of existing agreements (made before this system), recorded in force.",
    ),
    (
        "1. Isi lembar “register”: satu baris per kerja sama, mulai baris 2. Jangan ubah baris judul kolom.",
        "1. Fill in the “register” sheet: one row per agreement, from row 2. Do not change the header row.",
    ),
    (
        "2. jenis: KSDD (antardaerah), KSDPK (dengan pihak ketiga) atau SINERGI (Nota Kesepakatan dengan "
        "kementerian/lembaga). kategori: wajib atau sukarela, hanya untuk KSDD (UU 23/2014 Pasal 363(3)).",
        "2. jenis (type): KSDD, KSDPK or SINERGI. kategori: wajib (mandatory) or sukarela (voluntary), KSDD only.",
    ),
    (
        "3. kode_daerah: kode Kemendagri daerah pihak, dipisahkan titik koma, daerah pengusul lebih dulu "
        "(misalnya 34.71; 34.04). Ketik sebagai teks.",
        "3. kode_daerah: the party regions' Kemendagri codes, separated by semicolons, the proposer first "
        "(e.g. 34.71; 34.04). Type them as text.",
    ),
    (
        "4. pihak_ketiga, jenis_pihak_ketiga, nib: untuk KSDPK nama badan usaha/lembaga, jenisnya ("
        + ", ".join(sorted(k for k in PARTNER_KINDS if k != OrganisationKind.KEMENDAGRI))
        + ") dan NIB bila ada; untuk SINERGI nama kementerian/lembaga dengan jenis kemendagri. Kosong untuk KSDD. "
        "Organisasi yang belum tercatat akan dibuat.",
        "4. pihak_ketiga, jenis_pihak_ketiga, nib: for a KSDPK the third party's name, kind and NIB if any; for "
        "a SINERGI the ministry/agency with kind kemendagri. Empty for a KSDD. A missing organisation is "
        "created.",
    ),
    (
        "5. kode_urusan: kode urusan pemerintahan (misalnya 2.11), dipisahkan titik koma.",
        "5. kode_urusan: government affair codes (e.g. 2.11), separated by semicolons.",
    ),
    (
        "6. tanggal_mulai (wajib) dan tanggal_berakhir (wajib untuk KSDPK, UU 23/2014 Pasal 366(2)(b)): "
        "tanggal Excel atau teks TTTT-BB-HH / HH/BB/TTTT. Tanggal berakhir tidak boleh sebelum tanggal mulai.",
        "6. tanggal_mulai (required) and tanggal_berakhir (required for a KSDPK): an Excel date or text "
        "YYYY-MM-DD / DD/MM/YYYY. The end cannot be before the start.",
    ),
    (
        "7. nilai: rupiah, angka saja (koma untuk desimal). dianggarkan_apbd: ya atau tidak (kosong bila tidak "
        "diketahui).",
        "7. nilai: rupiah, digits only (comma for the decimals). dianggarkan_apbd: ya (yes) or tidak (no), "
        "empty if unknown.",
    ),
    (
        "8. eksternalitas, efisiensi: alasan kerja sama; KSDD wajib harus mencatat eksternalitas lintas daerah "
        "dan/atau efisiensi layanan (UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2)).",
        "8. eksternalitas, efisiensi: the reasons; a mandatory KSDD must record cross-regional externality "
        "and/or efficiency (UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2)).",
    ),
    (
        "9. Satu baris salah membuat seluruh berkas ditolak (tidak ada yang tersimpan); laporan menyebut baris "
        "dan kolomnya. Kerja sama yang sudah ada di register (nomor sama, atau pihak, urusan dan tanggal mulai "
        "sama) ditolak. Berkas paling besar 2 MB.",
        "9. One wrong row rejects the whole file (nothing is saved); the report names the row and the column. "
        "Agreements already in the register (same number, or same parties, affair and start) are refused. "
        "At most 2 MB.",
    ),
]


class ImportRejected(KerjasamaError):
    """The file was read but refused as a whole (``kerjasama import-agreements`` exits with 1)."""

    exit_code = 1


@dataclass
class RegisterImportReport:
    rows: int = 0
    #: Rows that passed every check (in a dry run: what would be registered).
    checked: int = 0
    created: list[int] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "checked": self.checked,
            "created": len(self.created),
            "ids": self.created,
            "dry_run": self.dry_run,
        }


@dataclass
class ParsedRow:
    line: int
    values: dict[str, Any]


def register_template_xlsx() -> bytes:
    """The empty template: the header row (code and Indonesian name), text-formatted code columns, and the
    instructions sheet ``petunjuk`` (Indonesian with English) listing the columns."""
    from openpyxl.styles import Alignment, Font

    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    xlsx.append_row(
        sheet, [f"{code} ({label_id} / {label_en})" for code, (label_id, label_en) in COLUMNS.items()]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    letters = "ABCDEFGHIJKLMNO"
    for letter, code in zip(letters, HEADER, strict=True):
        sheet.column_dimensions[letter].width = (
            44 if code in {"judul", "pihak_ketiga", "eksternalitas", "efisiensi"} else 22
        )
        if code in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("petunjuk")
    xlsx.append_row(guide, ["Petunjuk pengisian register kerja sama", "Instructions"])
    guide["A1"].font = Font(bold=True, size=13)
    for text_id, text_en in INSTRUCTIONS:
        xlsx.append_row(guide, [text_id, text_en])
    xlsx.append_row(guide, [])
    xlsx.append_row(guide, ["kolom / column", "isi / content"])
    for code, (label_id, label_en) in COLUMNS.items():
        xlsx.append_row(guide, [code, f"{label_id} / {label_en}"])
    for letter in "AB":
        guide.column_dimensions[letter].width = 80
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return xlsx.to_bytes(book)


def _unreadable() -> KerjasamaError:
    return KerjasamaError(
        "agreements.bad_upload",
        "Berkas XLSX tidak dapat dibaca; pakai templat register kerja sama.",
        "The XLSX file cannot be read; use the agreements register template.",
    )


def read_register_rows(content: bytes) -> list[tuple[Any, ...]]:
    """The rows of the template's first sheet, every cap applied before (size, zip directory) and while
    (row count) parsing; read outside any transaction."""
    from openpyxl import load_workbook

    if len(content) > MAX_UPLOAD_BYTES or not content.startswith(b"PK"):
        raise KerjasamaError(
            "agreements.bad_upload",
            "Berkas harus berupa XLSX (templat register kerja sama) dan paling besar 2 MB.",
            "The file must be an XLSX (the agreements register template) of at most 2 MB.",
        )
    stream = io.BytesIO(content)
    directory = check_zip_directory(
        stream,
        max_uncompressed=int(settings.KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES),
        code="agreements.archive_too_large",
    )
    if directory is None:
        raise _unreadable()
    max_rows = int(settings.KERJASAMA_IMPORT_MAX_ROWS)
    limit = 1 + max_rows + 1
    rows: list[tuple[Any, ...]] = []
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for row in sheet.iter_rows(max_row=limit, max_col=len(HEADER), values_only=True):
                rows.append(row)
                if len(rows) >= limit:
                    break
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise _unreadable() from exc
    if len(rows) > 1 + max_rows:
        raise ImportRejected(
            "agreements.too_many_rows",
            f"Berkas memuat lebih dari {max_rows} baris data; hapus baris di bawah data atau bagi berkasnya.",
            f"The file holds more than {max_rows} data rows; delete the rows below the data or split the file.",
        )
    return rows


def _where(line: int, column: str) -> str:
    return f"baris/row {line}, kolom/column {column}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _code_list(value: Any) -> list[str]:
    """Semicolon-separated codes; a cell Excel turned into a number (34.1 for 34.10) is read back with two
    decimals, the shape of every kab/kota and affair code."""
    if isinstance(value, float):
        return [f"{value:.2f}"]
    if isinstance(value, int):
        return [str(value)]
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _date(value: Any) -> date | None:
    """A date cell or a typed date; ``ValueError`` when it is not a date that exists."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        text = str(value).strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                found = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(text)
    if not MIN_YEAR <= found.year <= MAX_YEAR:
        raise ValueError(str(value))
    return found


def _flag(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(text)


def _parse_row(line: int, cells: list[Any], problems: list[ErrorDetail]) -> ParsedRow | None:
    raw = dict(zip(HEADER, cells, strict=True))
    found: list[ErrorDetail] = []

    def problem(column: str, message_id: str, message_en: str) -> None:
        found.append(ErrorDetail(_where(line, column), message_id, message_en))

    kind = _text(raw["jenis"]).upper()
    if kind not in AgreementType.values:
        problem(
            "jenis", f"“{kind}” bukan KSDD, KSDPK atau SINERGI", f"“{kind}” is not KSDD, KSDPK or SINERGI"
        )
    category = _text(raw["kategori"]).lower()
    if category and category not in AgreementCategory.values:
        problem(
            "kategori", f"“{category}” bukan wajib atau sukarela", f"“{category}” is not wajib or sukarela"
        )
    values: dict[str, Any] = {
        "type": kind,
        "category": category,
        "title": _text(raw["judul"]),
        "number": _text(raw["nomor"]),
        "region_codes": _code_list(raw["kode_daerah"]),
        "affairs": _code_list(raw["kode_urusan"]),
        "justification_externality": _text(raw["eksternalitas"]),
        "justification_efficiency": _text(raw["efisiensi"]),
    }
    if not values["region_codes"]:
        problem("kode_daerah", "kode daerah pihak wajib diisi", "the party region codes are required")
    if not values["affairs"]:
        problem("kode_urusan", "kode urusan wajib diisi", "the affair code is required")
    name = _text(raw["pihak_ketiga"])
    partner_kind = _text(raw["jenis_pihak_ketiga"]).lower()
    registration = _text(raw["nib"])
    if name or partner_kind or registration:
        if not name or not partner_kind:
            problem(
                "pihak_ketiga",
                "nama dan jenis pihak ketiga harus diisi bersama",
                "the third party's name and kind go together",
            )
        values["partner"] = PartnerOrganisation(name, partner_kind, registration)
    for column, key in (("tanggal_mulai", "term_start"), ("tanggal_berakhir", "term_end")):
        try:
            values[key] = _date(raw[column])
        except ValueError:
            problem(
                column,
                f"“{_text(raw[column])}” bukan tanggal yang ada (TTTT-BB-HH, tahun {MIN_YEAR}-{MAX_YEAR})",
                f"“{_text(raw[column])}” is not a date that exists (YYYY-MM-DD, year {MIN_YEAR}-{MAX_YEAR})",
            )
    amount = raw["nilai"]
    if isinstance(amount, str) and amount.strip():
        try:
            values["value"] = parse_decimal(amount)
        except NumberInputError as exc:
            problem("nilai", exc.message_id, exc.message_en)
    elif isinstance(amount, int | float) and not isinstance(amount, bool):
        values["value"] = Decimal(str(amount))
    try:
        values["apbd_budgeted"] = _flag(raw["dianggarkan_apbd"])
    except ValueError:
        problem(
            "dianggarkan_apbd",
            f"“{_text(raw['dianggarkan_apbd'])}” bukan ya atau tidak",
            f"“{_text(raw['dianggarkan_apbd'])}” is not ya (yes) or tidak (no)",
        )
    problems.extend(found)
    return None if found else ParsedRow(line, values)


def _file_duplicates(rows: list[ParsedRow], problems: list[ErrorDetail]) -> None:
    """The same agreement twice in the file: the same number, or the same parties, an affair and start."""
    numbers: dict[str, int] = {}
    keys: dict[tuple[frozenset[str], str, date | None], int] = {}
    for row in rows:
        v = row.values
        number = v["number"].lower()
        if number and number in numbers:
            problems.append(
                ErrorDetail(
                    _where(row.line, "nomor"),
                    f"nomor “{v['number']}” sudah dipakai baris {numbers[number]}",
                    f"number “{v['number']}” is already used on row {numbers[number]}",
                )
            )
            continue
        if number:
            numbers[number] = row.line
        partner = v.get("partner")
        parties = frozenset(
            [
                *v["region_codes"],
                *([f"org:{partner.registration_number or partner.name.lower()}"] if partner else []),
            ]
        )
        for affair in v["affairs"]:
            key = (parties, affair, v.get("term_start"))
            if key in keys:
                problems.append(
                    ErrorDetail(
                        _where(row.line, "kode_daerah"),
                        f"pihak, urusan {affair} dan tanggal mulai sama dengan baris {keys[key]}",
                        f"the same parties, affair {affair} and start date as row {keys[key]}",
                    )
                )
                break
            keys[key] = row.line


#: The column a proposal rule of the rulebook reads (R1-R11; ``validation.PROPOSAL_RULES``).
RULE_COLUMNS = {
    "R1": "kode_daerah",
    "R3": "kode_daerah",
    "R4": "kode_daerah",
    "R6": "kategori",
    "R7": "kategori",
    "R8": "kategori",
    "R9": "eksternalitas",
    "R10": "kode_urusan",
    "R11": "kode_urusan",
}


def _service_problems(line: int, exc: KerjasamaError) -> list[ErrorDetail]:
    """A refusal of the register service for one row, named by row and column."""
    findings = getattr(exc, "findings", None)
    if findings:
        return [
            ErrorDetail(
                _where(line, RULE_COLUMNS.get(str(f["rule"]), "jenis")),
                f"{f['message_id']} ({f['rule']}; {f['basis']})",
                f"{f['message_en']} ({f['rule']}; {f['basis']})",
            )
            for f in findings
        ]
    if exc.details:
        return [
            ErrorDetail(
                _where(line, FIELD_COLUMNS.get(d.location or "", "judul")), d.message_id, d.message_en
            )
            for d in exc.details
        ]
    return [ErrorDetail(f"baris/row {line}", exc.message_id, exc.message_en)]


def import_register_xlsx(*, actor: Actor, content: bytes, dry_run: bool = False) -> RegisterImportReport:
    """Import a filled register template: all rows, or none (see the module docstring)."""
    rows = read_register_rows(content)
    head = (list(rows[0]) + [None] * len(HEADER))[: len(HEADER)] if rows else []
    if [(_text(c).split() or [""])[0] for c in head] != HEADER:
        raise KerjasamaError(
            "agreements.bad_header",
            "Baris judul templat tidak sesuai; unduh templat register terbaru.",
            "The template's header row does not match; download the current register template.",
        )
    problems: list[ErrorDetail] = []
    parsed: list[ParsedRow] = []
    filled = 0
    for line, row in enumerate(rows[1:], start=2):
        cells = (list(row) + [None] * len(HEADER))[: len(HEADER)]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        filled += 1
        result = _parse_row(line, cells, problems)
        if result is not None:
            parsed.append(result)
    if not parsed and not problems:
        raise ImportRejected(
            "agreements.empty_import",
            "Tidak ada yang diimpor: lembar register kosong. Isi satu baris per kerja sama, lalu unggah lagi.",
            "Nothing was imported: the register sheet is empty. Fill in one row per agreement and upload again.",
        )
    _file_duplicates(parsed, problems)
    report = RegisterImportReport(rows=filled, dry_run=dry_run)
    # Every row is checked (policy, inputs, the rulebook, the register) before anything is written, outside
    # any transaction: a large file never holds the database's write lock while it is being checked.
    checked: list[tuple[ParsedRow, Registration]] = []
    if not problems:
        for item in parsed:
            try:
                entry = check_registration(
                    actor=actor, origin_kind=OriginKind.IMPORT, origin_ref=f"xlsx:{item.line}", **item.values
                )
            except KerjasamaError as exc:
                problems.extend(_service_problems(item.line, exc))
                continue
            checked.append((item, entry))
    if problems:
        raise _rejected(problems)
    if dry_run:
        report.checked = len(checked)
        return report
    with transaction.atomic():
        for item, entry in checked:
            try:
                with transaction.atomic():
                    agreement = write_registration(entry, actor=actor)
            except KerjasamaError as exc:  # written meanwhile by someone else (the duplicate check again)
                problems.extend(_service_problems(item.line, exc))
                continue
            report.created.append(agreement.pk)
        if problems:
            raise _rejected(problems)
        audit.record(
            actor=actor,
            action=AuditAction.AGREEMENTS_IMPORTED,
            object_type="agreements.import",
            object_id=uuid.uuid4().hex,
            object_label="Impor register kerja sama",
            new={"rows": report.rows, "agreements": report.created},
        )
    report.checked = len(checked)
    return report


def _rejected(problems: list[ErrorDetail]) -> ImportRejected:
    bad_rows = len({p.location.split(",")[0] for p in problems})
    return ImportRejected(
        "agreements.import_rejected",
        f"Impor ditolak seluruhnya, tidak ada yang tersimpan: {len(problems)} masalah pada {bad_rows} baris.",
        f"The import was rejected as a whole, nothing was saved: {len(problems)} problems on {bad_rows} rows.",
        problems,
    )
