"""Exports of a region's "Peta Urusan yang Dapat Dikerjasamakan" to XLSX and PDF.

Both say when the content rests on example data (data contoh), so a generated profile is never passed off
as official statistics.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from kerjasama.core import xlsx
from kerjasama.mapping.selectors import RegionMapping

EXAMPLE_NOTE = (
    "DATA CONTOH: sebagian isi peta ini dibangkitkan untuk demonstrasi dan bukan statistik resmi. / "
    "EXAMPLE DATA: part of this map was generated for demonstration and is not official statistics."
)


def _rows(mapping: RegionMapping) -> list[list[Any]]:
    rows = []
    for affair_code, recs in sorted(mapping.recommendations.items()):
        affair = mapping.affairs.get(affair_code)
        for rec in recs:
            rows.append(
                [
                    affair_code,
                    affair.name_id if affair else "",
                    rec.partner_id,
                    rec.partner.name,
                    "wajib" if rec.category == "wajib" else "sukarela",
                    rec.score,
                    "; ".join(r.get("text", "") for r in rec.reasons),
                    "; ".join(f"{f.get('rule')}: {f.get('message_id')}" for f in rec.findings),
                    (rec.authority_note or {}).get("text", ""),
                ]
            )
    return rows


def region_xlsx(mapping: RegionMapping) -> bytes:
    from openpyxl.styles import Font

    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "peta urusan"
    region = mapping.region
    xlsx.append_row(sheet, [f"Peta Urusan yang Dapat Dikerjasamakan — {region.name} ({region.code})"])
    sheet["A1"].font = Font(bold=True, size=13)
    xlsx.append_row(sheet, [f"Dibuat / generated {timezone.localtime():%Y-%m-%d %H:%M} oleh Kerjasama"])
    if mapping.uses_example_data:
        xlsx.append_row(sheet, [EXAMPLE_NOTE])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, color="9A5B00")
    xlsx.append_row(sheet, [])
    header = [
        "urusan",
        "nama urusan",
        "mitra",
        "nama mitra",
        "kategori",
        "skor",
        "alasan",
        "temuan aturan",
        "catatan kewenangan",
    ]
    xlsx.append_row(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in _rows(mapping):
        xlsx.append_row(sheet, row)
    profile = book.create_sheet("profil")
    xlsx.append_row(profile, ["indikator", "nilai", "satuan", "tahun", "sumber", "data contoh"])
    for item in mapping.profile:
        xlsx.append_row(
            profile,
            [
                item.indicator.name_id,
                item.value,
                item.indicator.unit,
                item.year,
                item.source,
                "ya" if item.is_example else "",
            ],
        )
    idents = book.create_sheet("identifikasi")
    xlsx.append_row(
        idents,
        ["urusan", "status", "kebutuhan", "tawaran", "eksternalitas", "program/kegiatan", "data contoh"],
    )
    for ident in mapping.identifications:
        xlsx.append_row(
            idents,
            [
                ident.affair_id,
                ident.get_status_display(),
                ident.needs,
                ident.offers,
                ident.externalities,
                ", ".join(ident.programmes),
                "ya" if ident.is_example else "",
            ],
        )
    for ws, widths in (
        (sheet, (8, 34, 8, 30, 10, 7, 80, 60, 50)),
        (profile, (44, 12, 12, 8, 50, 10)),
        (idents, (8, 22, 50, 50, 40, 30, 10)),
    ):
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[chr(64 + index)].width = width
    return xlsx.to_bytes(book)


def region_pdf(mapping: RegionMapping) -> bytes:
    """The same map as a printable PDF (WeasyPrint; fonts and styles are local, nothing is fetched)."""
    import weasyprint

    html = render_to_string(
        "mapping/export.html",
        {"m": mapping, "rows": _rows(mapping), "example_note": EXAMPLE_NOTE, "now": timezone.localtime()},
    )
    pdf: bytes = weasyprint.HTML(string=html, base_url=None).write_pdf(
        url_fetcher=_no_fetch  # a PDF export never reaches the network
    )
    return pdf


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resource refused in PDF export: {url}")
