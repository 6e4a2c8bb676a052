"""The report in its official layout (*naskah dinas*): XLSX and PDF with letterhead, number, date, subject,
addressee, tables and signature block. The layout of a report upward is not set by PP 12/2017 or PP 28/2018
[U]; this follows the common shape of a regional official letter (Permendagri 1/2023 on *tata naskah dinas* [U]).
Both exports read only the report's stored snapshot (frozen once submitted), never the live data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kerjasama.accounts.choices import OpdFunction, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.core import xlsx
from kerjasama.monev.choices import Flag
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region
from kerjasama.reports.choices import ReportLevel
from kerjasama.reports.domain.content import COUNT_KEYS, MONEY_KEYS
from kerjasama.reports.models import PeriodicReport

EXAMPLE_NOTE = (
    "DATA CONTOH: laporan ini memuat data contoh untuk demonstrasi, bukan data resmi. / "
    "EXAMPLE DATA: this report holds example data for demonstration, not official figures."
)
#: The totals as the official document names them (Indonesian: the report is an Indonesian official letter).
TOTAL_LABELS = {
    "agreements": "Jumlah kerja sama dilaporkan",
    "new": "Kerja sama baru",
    "in_force": "Kerja sama berlaku",
    "ended": "Kerja sama berakhir",
    "obligations_pending": "Kewajiban belum jatuh tempo/menunggu",
    "obligations_fulfilled": "Kewajiban terpenuhi",
    "obligations_late": "Kewajiban terlambat",
    "obligations_waived": "Kewajiban dibebaskan",
    "monev_periods": "Periode monev",
    "monev_submitted": "Evaluasi mandiri diajukan",
    "with_problems": "Kerja sama dengan permasalahan",
    "amount_due": "Nilai kewajiban jatuh tempo (Rp)",
    "amount_paid": "Nilai kewajiban terbayar (Rp)",
}


def government_name(region: Region) -> str:
    """ "PEMERINTAH KOTA YOGYAKARTA"; a province without "Provinsi"/"Daerah" in its name gets "PROVINSI"."""
    name = region.name.upper()
    if region.level == Level.PROVINSI and not name.startswith(("PROVINSI", "DAERAH", "DKI")):
        name = f"PROVINSI {name}"
    return f"PEMERINTAH {name}"


def unit_name(report: PeriodicReport) -> str:
    """The writing unit: the region's cooperation unit, else the submitter's unit, else the secretariat."""
    unit = (
        Organisation.objects.filter(
            region_id=report.region_id,
            kind=OrganisationKind.OPD,
            opd_function=OpdFunction.COOPERATION_UNIT,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if unit is not None:
        return unit.name
    submitter = report.submitted_by
    org = getattr(submitter, "organisation", None)
    if org is not None and org.kind == OrganisationKind.OPD:
        return org.name
    return "Sekretariat Daerah"


def addressee(report: PeriodicReport) -> list[str]:
    """The recipient (PP 12/2017 Pasal 24): the governor as GWPP for a kab/kota, the Minister for a province."""
    if report.level == ReportLevel.PROVINSI:
        return [
            "Menteri Dalam Negeri Republik Indonesia",
            "c.q. Direktur Jenderal Bina Administrasi Kewilayahan",
        ]
    province = report.region.province
    name = province.name if province is not None else ""
    return [f"Gubernur {name}".strip(), "selaku Wakil Pemerintah Pusat"]


def flag_label(value: str) -> str:
    with translation.override("id"):
        return str(Flag(value).label) if value in Flag.values else value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def display_rows(content: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The content's agreement rows with labels for the stored values (flags, ground)."""
    rows = []
    for row in content.get("agreements", []):
        rows.append(
            {
                **row,
                "flag_labels": [flag_label(f) for f in row.get("flags", [])],
                **{k: _day(row.get(k)) for k in ("term_start", "term_end", "ended_on")},
                "ground_label": (row.get("termination_ground") or "").replace("_", " "),
                "amount_due": Decimal(row["obligations"]["amount_due"]),
                "amount_paid": Decimal(row["obligations"]["amount_paid"]),
            }
        )
    return rows


def totals_rows(totals: Mapping[str, Any]) -> list[tuple[str, Any]]:
    return [
        (TOTAL_LABELS[k], Decimal(totals[k]) if k in MONEY_KEYS else totals[k])
        for k in (*COUNT_KEYS, *MONEY_KEYS)
        if k in totals
    ]


def letter(report: PeriodicReport) -> dict[str, Any]:
    content = report.content or {}
    return {
        "r": report,
        "government": government_name(report.region),
        "unit": unit_name(report),
        "addressee": addressee(report),
        "subject": report.title,
        "rows": display_rows(content),
        "totals": totals_rows(content.get("totals", {})),
        "consolidation": content.get("consolidation"),
        "consolidation_totals": totals_rows(content["consolidation"]["totals"])
        if content.get("consolidation")
        else [],
        "example": report.is_example or bool(content.get("is_example")),
        "example_note": EXAMPLE_NOTE,
        "now": timezone.localtime(),
    }


def report_html(report: PeriodicReport) -> str:
    with translation.override("id"):
        return render_to_string("reports/export.html", letter(report))


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resource refused in PDF export: {url}")


def report_pdf(report: PeriodicReport) -> bytes:
    """The PDF, printed without network access (every resource is inline)."""
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=report_html(report), base_url=None, url_fetcher=_no_fetch).write_pdf()
    return pdf


def report_xlsx(report: PeriodicReport) -> bytes:
    """The workbook: the letter's header, the agreements table, the totals; a province adds the consolidation."""
    data = letter(report)
    book = xlsx.new_workbook()
    sheet = book.active
    sheet.title = "Laporan"
    head = [
        [data["government"]],
        [data["unit"]],
        ["Nomor", report.number],
        ["Tanggal", report.report_date],
        ["Perihal", data["subject"]],
        ["Kepada Yth.", " ".join(data["addressee"])],
        ["Daerah", f"{report.region.name} ({report.region_id})"],
        [
            "Periode",
            f"{report.period_label} ({report.period_start:%d-%m-%Y} s.d. {report.period_end:%d-%m-%Y})",
        ],
        ["Status", report.get_status_display()],
    ]
    if data["example"]:
        head.insert(0, [EXAMPLE_NOTE])
    for line in head:
        xlsx.append_row(sheet, line)
    xlsx.append_row(sheet, [])
    xlsx.append_row(
        sheet,
        [
            "Nomor",
            "Judul kerja sama",
            "Mitra",
            "Mulai",
            "Berakhir",
            "Baru",
            "Berlaku",
            "Berakhir dalam periode",
            "Dasar pengakhiran",
            "Kewajiban menunggu",
            "Kewajiban terpenuhi",
            "Kewajiban terlambat",
            "Kewajiban dibebaskan",
            "Nilai jatuh tempo (Rp)",
            "Nilai terbayar (Rp)",
            "Periode monev",
            "Evaluasi mandiri diajukan",
            "Evaluasi mitra diajukan",
            "Nilai TKKSD",
            "Permasalahan",
            "Tanda",
            "Adendum",
            "Perpanjangan/pembaruan",
            "Data contoh",
        ],
    )
    for row in data["rows"]:
        o, m = row["obligations"], row["monev"]
        xlsx.append_row(
            sheet,
            [
                row["number"],
                row["title"],
                ", ".join(row["partners"]),
                row["term_start"],
                row["term_end"],
                "ya" if row["new"] else "",
                "ya" if row["in_force"] else "",
                row["ended_on"] or "",
                row["ground_label"],
                o["pending"],
                o["fulfilled"],
                o["late"],
                o["waived"],
                row["amount_due"],
                row["amount_paid"],
                m["periods"],
                m["own_submitted"],
                f"{m['partners_submitted']}/{m['partners_expected']}",
                ", ".join(m["tkksd_ratings"]),
                "; ".join(row["problems"]),
                "; ".join(row["flag_labels"]),
                "; ".join(row["amendments"]),
                row["successor"],
                "ya" if row["is_example"] else "",
            ],
        )
    xlsx.append_row(sheet, [])
    xlsx.append_row(sheet, ["Jumlah"])
    for label, value in data["totals"]:
        xlsx.append_row(sheet, [label, value])
    consolidation = data["consolidation"]
    if consolidation:
        sheet = book.create_sheet("Konsolidasi")
        xlsx.append_row(
            sheet, ["Kabupaten/kota", "Kode", "Status", "Nomor", "Diajukan", *TOTAL_LABELS.values()]
        )
        for child in consolidation["reports"]:
            t = child["totals"]
            xlsx.append_row(
                sheet,
                [
                    child["region_name"],
                    child["region_code"],
                    child["status"],
                    child["number"],
                    child["submitted_on"],
                    *(Decimal(t[k]) if k in MONEY_KEYS else t[k] for k in TOTAL_LABELS),
                ],
            )
        xlsx.append_row(sheet, [])
        xlsx.append_row(sheet, ["Belum melapor"])
        for missing in consolidation["not_reported"]:
            xlsx.append_row(sheet, [missing["name"], missing["code"]])
        xlsx.append_row(sheet, [])
        xlsx.append_row(sheet, ["Jumlah provinsi dan kabupaten/kota"])
        for label, value in data["consolidation_totals"]:
            xlsx.append_row(sheet, [label, value])
    book.active = 0
    return xlsx.to_bytes(book)
