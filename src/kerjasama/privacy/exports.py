"""The register of processing as JSON and XLSX (through ``core.xlsx``: every cell text)."""

from __future__ import annotations

import json

from kerjasama.core.xlsx import append_row, new_workbook, to_bytes
from kerjasama.privacy.domain.register import FIELDS, register_rows

COLUMNS = (
    ("key", "Kode"),
    ("activity", "Kegiatan pemrosesan"),
    ("data", "Data pribadi"),
    ("subjects", "Subjek data"),
    ("purpose", "Tujuan"),
    ("legal_basis", "Dasar pemrosesan"),
    ("recipients", "Penerima"),
    ("retention", "Retensi"),
    ("fields", "Kolom basis data"),
    ("confidence", "Keyakinan (V/S/U)"),
)


def register_json() -> bytes:
    payload = {
        "title": "Catatan kegiatan pemrosesan data pribadi (UU 27/2022 Pasal 31) [U]",
        "activities": register_rows(),
        "field_classification": FIELDS,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode()


def register_xlsx() -> bytes:
    book = new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Catatan pemrosesan"
    append_row(sheet, [label for _, label in COLUMNS])
    for row in register_rows():
        append_row(sheet, [row[key] for key, _ in COLUMNS])
    fields = book.create_sheet("Klasifikasi kolom")
    append_row(fields, ["Kolom", "Klasifikasi"])
    for name, level in sorted(FIELDS.items()):
        append_row(fields, [name, level])
    return to_bytes(book)
