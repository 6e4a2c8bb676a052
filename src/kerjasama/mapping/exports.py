"""Exports of a region's "Peta Urusan yang Dapat Dikerjasamakan" to XLSX and PDF.

Both say when the content rests on example data (data contoh), so a generated profile is never passed off
as official statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from kerjasama.accounts.choices import OpdFunction
from kerjasama.accounts.models import Organisation, User
from kerjasama.compliance.presentation import value_in_words
from kerjasama.compliance.selectors import rulebook_settings
from kerjasama.core import xlsx
from kerjasama.mapping.selectors import RegionMapping
from kerjasama.regions.models import Region

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
        ["urusan", "status", "kebutuhan", "tawaran", "eksternalitas", "sub-urusan", "program/kegiatan", "data contoh"],
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
                "; ".join(f"{code} {name}".strip() for code, name in mapping.sub_affairs.get(ident.affair_id, [])),
                ", ".join(ident.programmes),
                "ya" if ident.is_example else "",
            ],
        )
    for ws, widths in (
        (sheet, (8, 34, 8, 30, 10, 7, 80, 60, 50)),
        (profile, (44, 12, 12, 8, 50, 10)),
        (idents, (8, 22, 50, 50, 40, 40, 30, 10)),
    ):
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[chr(64 + index)].width = width
    return xlsx.to_bytes(book)


#: Fallback name of the unit that issues the document when the region has no cooperation unit on record:
#: the law's own words (PP 28/2018 Pasal 5(1); Permendagri 22/2020 Pasal 5: the unit that handles cooperation).
DEFAULT_UNIT = "Perangkat Daerah yang Membidangi Kerja Sama"
#: Longest document number / unit name accepted from the request (a letterhead line, not a text).
MAX_HEADER_FIELD = 120


@dataclass
class DocumentHeader:
    """What the official letterhead and the document's number and date say; blanks are printed as lines to
    fill in by hand (a document is often numbered by the secretariat after it is printed)."""

    unit: str
    number: str = ""
    date: str = ""


def document_header(region: Region, *, number: str = "", date: str = "", unit: str = "") -> DocumentHeader:
    """The header of a region's export: the region's cooperation unit (its ``Organisation`` of function
    "kerja sama"), or ``unit`` if given, or the law's generic name; ``number``/``date`` as given (capped)."""
    if not unit.strip():
        found = (
            Organisation.objects.filter(opd_function=OpdFunction.COOPERATION_UNIT, is_active=True)
            .filter(Q(region=region) | Q(parent__region=region))
            .order_by("pk")
            .values_list("name", flat=True)
            .first()
        )
        unit = found or DEFAULT_UNIT
    return DocumentHeader(
        unit=unit.strip()[:MAX_HEADER_FIELD],
        number=number.strip()[:MAX_HEADER_FIELD],
        date=date.strip()[:MAX_HEADER_FIELD],
    )


@dataclass
class AnnexPartner:
    name: str
    category: str
    score: float
    notes: list[int]


@dataclass
class AnnexRow:
    affair: str
    affair_name: str
    partners: list[AnnexPartner]


def _annex(mapping: RegionMapping) -> tuple[list[AnnexRow], list[str]]:
    """The recommendations as one compact row per affair and the distinct explanations they cite by number,
    so a reason shared by many partners (e.g. "berbatasan langsung") is printed once, not once per row."""
    notes: dict[str, int] = {}
    rows = []

    def cite(text: str) -> int:
        return notes.setdefault(text, len(notes) + 1)

    for affair_code, recs in sorted(mapping.recommendations.items()):
        affair = mapping.affairs.get(affair_code)
        partners = []
        for rec in recs:
            cited = [cite(r["text"]) for r in rec.reasons if r.get("text")]
            cited += [
                cite(f"{f.get('rule')}: {f.get('message_id')}") for f in rec.findings if f.get("message_id")
            ]
            if rec.authority_note and rec.authority_note.get("text"):
                cited.append(cite(str(rec.authority_note["text"])))
            partners.append(
                AnnexPartner(
                    name=rec.partner.name,
                    category="wajib" if rec.category == "wajib" else "sukarela",
                    score=rec.score,
                    notes=sorted(set(cited)),
                )
            )
        rows.append(AnnexRow(affair=affair_code, affair_name=affair.name_id if affair else "", partners=partners))
    return rows, list(notes)


def _summary(mapping: RegionMapping) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for item in mapping.identifications:
        label = str(item.get_status_display())
        counts[label] = counts.get(label, 0) + 1
    verifiers = {
        user.pk: user.full_name or user.username
        for user in User.objects.filter(
            pk__in={i.verified_by_id for i in mapping.identifications if i.verified_by_id}
        ).only("pk", "full_name", "username")
    }
    return {
        "counts": sorted(counts.items()),
        "rows": [(i, verifiers.get(i.verified_by_id) if i.verified_by_id else None) for i in mapping.identifications],
        "partners": len({r.partner_id for recs in mapping.recommendations.values() for r in recs}),
        "mandatory": sum(1 for recs in mapping.recommendations.values() for r in recs if r.category == "wajib"),
        "recommendations": sum(len(recs) for recs in mapping.recommendations.values()),
    }


def region_pdf(
    mapping: RegionMapping, header: DocumentHeader | None = None, *, published_only: bool = False
) -> bytes:
    """The map as an office document (WeasyPrint; fonts and styles are local, nothing is fetched): the
    region's letterhead, number and date (lines to fill when not given), a summary of the identifications
    with their status and TKKSD verification first, then the identifications, the profile, the
    recommendations as a compact annex, and the signature block of the head of the unit and the TKKSD chair.
    The mapping is the cooperation unit's with the planning unit and the TKKSD (PP 28/2018 Pasal 5(1);
    Permendagri 22/2020 Pasal 5 [S: S-banjar2]); the TKKSD is chaired by the regional secretary [S: S-yogya,
    REGULATIONS.md §1.10; setting ``tkksd_default_chair``, R21], so the chair signs as "Sekretaris Daerah
    selaku Ketua TKKSD"."""
    import weasyprint

    html = region_document_html(
        mapping, header or document_header(mapping.region), published_only=published_only
    )
    # A PDF export never reaches the network. The fetcher belongs to the document (``HTML(url_fetcher=)``):
    # passed to ``write_pdf`` it was ignored ("Unknown rendering option: url_fetcher").
    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).write_pdf()
    return pdf


def region_document_html(
    mapping: RegionMapping, header: DocumentHeader, *, published_only: bool = False
) -> str:
    """The HTML the PDF is printed from (``mapping/export.html``)."""
    annex, notes = _annex(mapping)
    region = mapping.region
    return render_to_string(
        "mapping/export.html",
        {
            "m": mapping,
            "header": header,
            "government": f"PEMERINTAH {region.name.upper()}",
            # Who chairs the TKKSD: the rulebook's setting (R21; default the regional secretary).
            "tkksd_chair": value_in_words(rulebook_settings().tkksd_default_chair),
            "summary": _summary(mapping),
            "annex": annex,
            "notes": notes,
            "example_note": EXAMPLE_NOTE,
            # A reader outside the region's jurisdiction sees published identifications only; the summary
            # must not read as if the region had identified only those.
            "published_only": published_only,
            "now": timezone.localtime(),
        },
    )


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resource refused in PDF export: {url}")
