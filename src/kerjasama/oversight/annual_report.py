"""The content of the annual report of regional cooperation (*laporan tahunan kerja sama daerah*, issue 13 item 6):
its figures, map, charts and tables, the PDF in an official layout and the XLSX.

Every figure is read from the dashboards' stored snapshot of the scope (``dashboard_services.snapshot``) and
labelled through the dashboards' own functions (``dashboard_views.chart_rows``), so the report shows exactly the
dashboard's figures of the same "data per tanggal"; nothing is recounted here. The year's own figures are the
snapshot's rows for that year (agreements starting and ending in the year); the other figures are the state on
the data date, which the report prints.

Legal basis: the governor as central government's representative reports the supervision of the kab/kota
(PP 12/2017 Pasal 24); Kemendagri guides and supervises regional cooperation nationally (PP 28/2018 Pasal 37;
UU 23/2014 Pasal 373). A province's report is shared with the governor's office, so its dispute counts of 1-2
are shown "<3" as on that office's dashboard (``disputes.statistics.suppress``); the national report is not.

The report holds counts and region names only: never an agreement's title, party text or a person's name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString, mark_safe

from kerjasama.core import charts, xlsx
from kerjasama.oversight.dashboard import NATIONAL
from kerjasama.oversight.dashboard_services import snapshot
from kerjasama.oversight.dashboard_views import CHART_KEYS, affair_names, chart_rows, chart_title
from kerjasama.regions.models import Region

_BOUNDARIES = Path(__file__).resolve().parent.parent / "regions" / "static" / "regions" / "boundaries"
#: The shades of the map's classes (light to dark), readable in print and in grey.
SHADES = ("#f1f4f8", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
MAP_WIDTH = 700.0
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
EXAMPLE_MARK = "DATA CONTOH / example data"
LEGAL_BASIS = (
    "Pasal 24 Peraturan Pemerintah Nomor 12 Tahun 2017 tentang Pembinaan dan Pengawasan Penyelenggaraan "
    "Pemerintahan Daerah dan Pasal 37 Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah"
)
#: The report's steps (the task's progress counts them).
STEPS = ("figures", "map", "charts", "pdf", "xlsx", "store")


def date_text(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} pukul {local:%H.%M}"


@dataclass
class AnnualFigures:
    """What one report shows, all read from the scope's dashboard snapshot."""

    scope: str
    year: int
    scope_name: str
    issuer: list[str]
    as_of: datetime
    suppressed: bool
    totals: dict[str, int]
    year_new: int
    year_ending: int
    report_period: str
    tables: list[tuple[str, str, list[tuple[str, int | None]]]]
    children: list[dict[str, Any]]
    example: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def issuer_of(scope: str, province: Region | None) -> list[str]:
    """The issuing body's lines of the title block."""
    if scope == NATIONAL or province is None:
        return [
            "KEMENTERIAN DALAM NEGERI REPUBLIK INDONESIA",
            "DIREKTORAT JENDERAL BINA ADMINISTRASI KEWILAYAHAN",
        ]
    name = province.name.upper()
    if not name.startswith("PROVINSI"):
        name = f"PROVINSI {name}"
    return [f"GUBERNUR {name}", "SELAKU WAKIL PEMERINTAH PUSAT"]


def scope_name(scope: str, province: Region | None) -> str:
    if scope == NATIONAL or province is None:
        return "Nasional"
    return province.name if province.name.lower().startswith("provinsi") else f"Provinsi {province.name}"


def collect_figures(scope: str, year: int, *, example: bool = False) -> AnnualFigures:
    """The report's figures: the dashboard snapshot of ``scope`` (computed first when missing), labelled by the
    dashboards' functions in Indonesian."""
    province = None if scope == NATIONAL else Region.objects.filter(code=scope).first()
    with translation.override("id"):
        figures, computed_at = snapshot(scope)
        suppressed = scope != NATIONAL
        affairs = affair_names(figures)
        period = figures.get("report_period", "")
        tables = [
            (key, chart_title(key, period), chart_rows(figures, key, suppressed=suppressed, affairs=affairs))
            for key in CHART_KEYS
        ]
    raw = figures.get("tables", {})
    parsed = parse_datetime(figures.get("computed_at", "")) if figures.get("computed_at") else None
    return AnnualFigures(
        scope=scope,
        year=year,
        scope_name=scope_name(scope, province),
        issuer=issuer_of(scope, province),
        as_of=parsed or computed_at,
        suppressed=suppressed,
        totals=dict(figures.get("totals", {})),
        year_new=dict(raw.get("new", [])).get(str(year), 0),
        year_ending=dict(raw.get("ending", [])).get(str(year), 0),
        report_period=period,
        tables=tables,
        children=list(figures.get("children", [])),
        example=example,
    )


# --- the map ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _features(name: str) -> list[dict[str, Any]]:
    with (_BOUNDARIES / name).open(encoding="utf-8") as handle:
        return list(json.load(handle)["features"])


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def shade_class(value: int, top: int) -> int:
    """0 for none, then four classes up to the largest value."""
    if value <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * (value - 1)) // max(1, top))


def map_svg(f: AnnualFigures) -> tuple[SafeString, list[tuple[str, str]]]:
    """The choropleth of agreements per province (national) or per kab/kota (a province), drawn server-side
    from the project's boundary files with the children's counts of the snapshot; returns the SVG and the
    legend. Equirectangular: enough for a country on the equator."""
    counts = {c["code"]: int(c.get("agreements", 0)) for c in f.children}
    if f.scope == NATIONAL:
        features = _features("provinsi.json")
    else:
        features = [
            feat for feat in _features("kabkota.json") if feat["properties"].get("province") == f.scope
        ]
    points = [pt for feat in features for ring in _rings(feat["geometry"]) for pt in ring]
    if not points:
        return mark_safe(""), []
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    scale = MAP_WIDTH / max(max_x - min_x, 1e-6)
    height = max(120.0, (max_y - min_y) * scale)
    scale = min(scale, 420.0 / max(max_y - min_y, 1e-6)) if height > 420 else scale
    top = max(counts.values(), default=0)
    paths = []
    for feat in features:
        code = feat["properties"]["code"]
        value = counts.get(code, 0)
        d = " ".join(
            "M" + " L".join(f"{(x - min_x) * scale:.1f},{(max_y - y) * scale:.1f}" for x, y, *_ in ring) + "Z"
            for ring in _rings(feat["geometry"])
        )
        paths.append(
            f'<path d="{d}" fill="{SHADES[shade_class(value, top)]}" stroke="#4a5562" stroke-width="0.3">'
            f"<title>{escape(feat['properties']['name'])}: {value}</title></path>"
        )
    w, h = (max_x - min_x) * scale, (max_y - min_y) * scale
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" '
        f'height="{h:.0f}" role="img" aria-label="Peta jumlah kerja sama">{"".join(paths)}</svg>'
    )
    return mark_safe(svg), legend_of(top)  # noqa: S308 - numbers and boundary names of the project's own files


def legend_of(top: int) -> list[tuple[str, str]]:
    """The map's legend: each shade with the range of values :func:`shade_class` gives it."""
    ranges: dict[int, list[int]] = {}
    for value in range(1, top + 1):
        ranges.setdefault(shade_class(value, top), []).append(value)
    legend = [(SHADES[0], "0")]
    for index in sorted(ranges):
        low, high = ranges[index][0], ranges[index][-1]
        legend.append((SHADES[index], f"{low}–{high}" if low != high else str(low)))
    return legend


# --- the charts, the PDF and the XLSX ---------------------------------------------------------------------


def build_charts(f: AnnualFigures) -> list[charts.Chart]:
    return [
        charts.bar_chart(key=key.replace("_", "-"), title=title, rows=rows, label_header="Kategori")
        for key, title, rows in f.tables
    ]


def totals_rows(f: AnnualFigures) -> list[tuple[str, int, str]]:
    """The summary table: (label, value, key) in the report's order."""
    t = f.totals
    return [
        ("Kerja sama (tidak termasuk yang dibatalkan)", t.get("agreements", 0), "agreements"),
        (f"Kerja sama yang mulai berlaku pada tahun {f.year}", f.year_new, "year_new"),
        (f"Kerja sama yang berakhir pada tahun {f.year}", f.year_ending, "year_ending"),
        ("Daerah otonom", t.get("regions", 0), "regions"),
        ("Daerah yang telah melaporkan pemetaan urusan", t.get("mapping_reported", 0), "mapping_reported"),
        ("Daerah dengan pemetaan terverifikasi", t.get("mapping_verified", 0), "mapping_verified"),
        ("Daerah dengan keputusan TKKSD yang berlaku", t.get("decree", 0), "decree"),
        (
            f"Laporan semester diterima ({f.report_period or '-'})",
            t.get("report_received", 0),
            "report_received",
        ),
        ("Perselisihan", t.get("disputes", 0), "disputes"),
        ("Kerja sama berisiko (tingkat 3 ke atas)", t.get("at_risk", 0), "at_risk"),
    ]


def report_html(
    f: AnnualFigures, svg: SafeString, legend: list[tuple[str, str]], built: list[charts.Chart]
) -> str:
    with translation.override("id"):
        return render_to_string(
            "oversight/annual_report_pdf.html",
            {
                "f": f,
                "map_svg": svg,
                "legend": legend,
                "charts": built,
                "totals": totals_rows(f),
                "as_of_text": date_text(f.as_of),
                "legal_basis": LEGAL_BASIS,
                "example_mark": EXAMPLE_MARK,
                "national": f.scope == NATIONAL,
                "child_heading": "Provinsi" if f.scope == NATIONAL else "Daerah",
            },
        )


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the annual report PDF fetches nothing: {url}")


def report_pdf(html: str) -> bytes:
    """The PDF, printed without any network access (every resource is inline)."""
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).write_pdf()
    return pdf


def _shown(value: int | None) -> int | str:
    return charts.shown(value) if value is None else value


def report_xlsx(f: AnnualFigures) -> bytes:
    """One sheet per table (the summary, each chart's table, the provinces or kab/kota), the same figures as
    the PDF; each sheet headed by the title, scope, year and "data per tanggal"."""
    book = xlsx.new_workbook()
    book.remove(book.active)
    head = f"Laporan Tahunan Kerja Sama Daerah {f.year} — {f.scope_name}"
    as_of = f"Data per tanggal {date_text(f.as_of)}"

    def sheet(name: str, title: str, header: list[str]) -> Any:
        ws = book.create_sheet(name[:31])
        xlsx.append_row(ws, [head])
        xlsx.append_row(ws, [title])
        xlsx.append_row(ws, [as_of])
        if f.example:
            xlsx.append_row(ws, [EXAMPLE_MARK])
        xlsx.append_row(ws, [])
        xlsx.append_row(ws, header)
        return ws

    ws = sheet("ringkasan", "Ringkasan", ["Uraian", "Jumlah"])
    for label, total, _key in totals_rows(f):
        xlsx.append_row(ws, [label, total])
    for key, title, rows in f.tables:
        ws = sheet(key, title, ["Kategori", "Jumlah"])
        for label, value in rows:
            xlsx.append_row(ws, [label, _shown(value)])
    ws = sheet(
        "wilayah",
        "Provinsi" if f.scope == NATIONAL else "Kabupaten/kota",
        ["Kode", "Nama", "Kerja sama", "Pemetaan dilaporkan", "Pemetaan terverifikasi", "Keputusan TKKSD",
         "Laporan semester diterima"],
    )  # fmt: skip
    for c in f.children:
        xlsx.append_row(
            ws,
            [
                c["code"],
                c["name"],
                int(c.get("agreements", 0)),
                int(c.get("mapping_reported", 0)),
                int(c.get("mapping_verified", 0)),
                int(c.get("decree", 0)),
                int(c.get("report_received", 0)),
            ],
        )
    return xlsx.to_bytes(book)
