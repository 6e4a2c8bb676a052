"""Pages of the oversight maps and the cooperation network (issue 13 item 2).

``/pengawasan/peta/`` and ``/pengawasan/jaringan/`` show an official's jurisdiction (``maps.scope_of_user``);
``/daftar-kerja-sama/peta/`` and ``/daftar-kerja-sama/jaringan/`` the public version built only from the
published register (UU 14/2008 Pasal 11). The map draws offline from the project's boundary files and
Leaflet served from the static files; every figure is also in a sortable table and an XLSX download.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kerjasama.affairs.models import Affair
from kerjasama.agreements.choices import AgreementStage, AgreementType
from kerjasama.core import xlsx
from kerjasama.oversight.maps import (
    NO_DATA,
    PUBLIC_SCOPE,
    MapData,
    MapFilters,
    MapScope,
    map_data,
    measure_label,
    scope_of_user,
)
from kerjasama.oversight.network import NetworkEdge, circle_layout, degree_ranking, shared_areas, stroke_width
from kerjasama.regions.choices import Level
from kerjasama.regions.models import FunctionalAreaMember

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SORTS = ("kode", "nama", "nilai", "kerja-sama", "mitra")
#: Names shown beside the network's points only up to this many regions (beyond, the table carries them).
LABEL_LIMIT = 60
#: The pairs a page lists, draws on the map and draws in the network, most agreements first. Over ten years of
#: national data (30,000 agreements) a country has thousands of pairs: every one of them in the page's table,
#: the map's lines and the SVG made a 1.9 MB page that took seconds to render; the XLSX lists them all, and a
#: filter (affair, type, stage) or a province narrows the page to the rest.
PAGE_PAIRS = 100
DRAWN_PAIRS = 500


def _official_scope(request: HttpRequest, public_name: str) -> MapScope | HttpResponse:
    scope = scope_of_user(request.user) if request.user.is_authenticated else None
    if scope is None:
        query = request.GET.urlencode()
        return redirect(reverse(public_name) + (f"?{query}" if query else ""))
    return scope


def _scope_text(scope: MapScope) -> str:
    if scope.public:
        return _("Published agreements only (the public register).")
    if scope.national:
        return _("The whole country.")
    if scope.province_code:
        return _("Province %(code)s and the cooperation lines touching it.") % {"code": scope.province_code}
    return _("Region %(code)s and its partners.") % {"code": scope.region_code}


def _options(scope: MapScope) -> dict[str, Any]:
    english = (get_language() or "").startswith("en")
    affairs = [
        (code, name_en if english else name_id)
        for code, name_id, name_en in Affair.objects.order_by("code").values_list(
            "code", "name_id", "name_en"
        )
    ]
    stages = [(c.value, c.label) for c in AgreementStage]
    if scope.public:
        stages = [(v, label) for v, label in stages if v in ("pelaksanaan", "berakhir")]
    return {
        "affairs": affairs,
        "types": [(c.value, c.label) for c in AgreementType],
        "stages": stages,
        "levels": [(Level.KABKOTA.value, _("Regencies and cities")), (Level.PROVINSI.value, _("Provinces"))],
    }


def _sorted_rows(data: MapData, sort: str) -> list[Any]:
    rows = list(data.rows)
    if sort == "nama":
        rows.sort(key=lambda r: (r.name, r.code))
    elif sort == "nilai":
        rows.sort(key=lambda r: (r.value is None, -(r.value or 0), r.code))
    elif sort == "kerja-sama":
        rows.sort(key=lambda r: (-r.agreements, r.code))
    elif sort == "mitra":
        rows.sort(key=lambda r: (-r.partners, r.code))
    else:
        rows.sort(key=lambda r: r.code)
    return rows


def _edge_rows(data: MapData, edges: list[NetworkEdge] | None = None) -> list[dict[str, Any]]:
    names = data.regions
    return [
        {
            "a": e.a,
            "b": e.b,
            "a_name": names[e.a].name if e.a in names else e.a,
            "b_name": names[e.b].name if e.b in names else e.b,
            "count": e.count,
            "affairs": sorted(e.affairs),
            "types": sorted(e.types),
            "edge": e,
        }
        for e in (data.edges if edges is None else edges)
    ]


def _most_first(edges: list[NetworkEdge]) -> list[NetworkEdge]:
    return sorted(edges, key=lambda e: (-e.count, e.a, e.b))


def _pairs_shown(data: MapData) -> dict[str, Any]:
    """The table's pairs: the ``PAGE_PAIRS`` with most agreements (rows made for those only), and how many
    there are in all."""
    total = len(data.edges)
    rows = _edge_rows(data, _most_first(data.edges)[:PAGE_PAIRS])
    return {"edges": rows, "edges_total": total, "edges_cut": total > PAGE_PAIRS}


def _map_context(request: HttpRequest, scope: MapScope, public: bool) -> dict[str, Any]:
    filters = MapFilters.from_query(request.GET, scope)
    data = map_data(scope, request.user, filters)
    sort = request.GET.get("urut", "") if request.GET.get("urut", "") in SORTS else "kode"
    largest = max((e.count for e in data.edges), default=0)
    lines = []
    for e in _most_first(data.edges)[:DRAWN_PAIRS]:
        a, b = data.regions.get(e.a), data.regions.get(e.b)
        if a is None or b is None or a.lat is None or b.lat is None:
            continue
        lines.append(
            {
                "from": [a.lat, a.lng],
                "to": [b.lat, b.lng],
                "weight": stroke_width(e.count, largest),
                "text": _("%(a)s – %(b)s: %(n)s agreements") % {"a": a.name, "b": b.name, "n": e.count},
            }
        )
    boundaries = "provinsi.json" if filters.level == Level.PROVINSI else "kabkota.json"
    query = request.GET.copy()
    query.pop("urut", None)
    return {
        "public": public,
        "data": data,
        "filters": filters,
        "scope_text": _scope_text(scope),
        "rows": _sorted_rows(data, sort),
        "sort": sort,
        "sort_query": query.urlencode(),
        "query": request.GET.urlencode(),
        **_pairs_shown(data),
        "measures": [(m, measure_label(m, scope)) for m in scope.measures],
        "map_values": {r.code: {"shade": r.shade, "text": f"{r.name}: {r.text}"} for r in data.rows},
        "map_lines": lines,
        "boundaries": static(f"regions/boundaries/{boundaries}"),
        "no_data": NO_DATA,
        "as_of": timezone.localtime(),
        **_options(scope),
    }


def map_page(request: HttpRequest) -> HttpResponse:
    """The choropleth of the official's jurisdiction with the cooperation lines."""
    scope = _official_scope(request, "oversight:public_map")
    if isinstance(scope, HttpResponse):
        return scope
    return render(request, "oversight/map.html", _map_context(request, scope, public=False))


@login_not_required
def public_map(request: HttpRequest) -> HttpResponse:
    """The public choropleth, from published agreements only (no login)."""
    return render(request, "oversight/map.html", _map_context(request, PUBLIC_SCOPE, public=True))


def _map_workbook(request: HttpRequest, scope: MapScope) -> HttpResponse:
    filters = MapFilters.from_query(request.GET, scope)
    data = map_data(scope, request.user, filters)
    book = xlsx.new_workbook()
    sheet = book.active
    sheet.title = "Peta"
    xlsx.append_row(sheet, [f"Peta kerja sama daerah / map of regional cooperation — {data.measure_label}"])
    xlsx.append_row(sheet, [f"Data per tanggal / data as of {timezone.localtime():%Y-%m-%d %H:%M}"])
    xlsx.append_row(sheet, [_scope_text(scope)])
    xlsx.append_row(sheet, [])
    xlsx.append_row(
        sheet,
        [_("Code"), _("Region"), _("Province"), _("Value"), _("Description"), _("Agreements"), _("Partners")],
    )
    for r in _sorted_rows(data, "kode"):
        xlsx.append_row(sheet, [r.code, r.name, r.province_code, r.value, r.text, r.agreements, r.partners])
    lines = book.create_sheet("Garis")
    xlsx.append_row(lines, [_("Region"), _("Partner"), _("Agreements"), _("Affairs"), _("Types")])
    for e in _edge_rows(data):
        xlsx.append_row(
            lines,
            [
                f"{e['a_name']} ({e['a']})",
                f"{e['b_name']} ({e['b']})",
                e["count"],
                ", ".join(e["affairs"]),
                ", ".join(e["types"]),
            ],
        )
    response = HttpResponse(xlsx.to_bytes(book), content_type=XLSX)
    name = "peta-kerja-sama-publik.xlsx" if scope.public else "peta-kerja-sama.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def map_xlsx(request: HttpRequest) -> HttpResponse:
    scope = _official_scope(request, "oversight:public_map_xlsx")
    if isinstance(scope, HttpResponse):
        return scope
    return _map_workbook(request, scope)


@login_not_required
def public_map_xlsx(request: HttpRequest) -> HttpResponse:
    return _map_workbook(request, PUBLIC_SCOPE)


def _svg_markup(svg_edges: list[dict[str, Any]], svg_nodes: list[dict[str, Any]]) -> SafeString:
    """The network's lines and points as SVG (every value escaped by ``format_html``): a thousand elements
    rendered through the template language cost more than the rest of the page."""
    parts = [
        format_html(
            '<line class="edge{}{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}"><title>{}</title></line>',
            " area" if e["area"] else "",
            " highlight" if e["highlight"] else "",
            e["x1"],
            e["y1"],
            e["x2"],
            e["y2"],
            e["width"],
            e["title"],
        )
        for e in svg_edges
    ]
    for n in svg_nodes:
        label = (
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle" aria-hidden="true">{}</text>',
                n["lx"],
                n["y"],
                n["anchor"],
                n["name"],
            )
            if n["label"]
            else ""
        )
        parts.append(
            format_html(
                '<g data-code="{}"><circle class="node{}{}" cx="{}" cy="{}" r="5">'
                "<title>{} ({})</title></circle>{}</g>",
                n["code"],
                " area" if n["area"] else "",
                " highlight" if n["highlight"] else "",
                n["x"],
                n["y"],
                n["name"],
                n["code"],
                label,
            )
        )
    return mark_safe("\n  ".join(parts))  # noqa: S308 - every part is built by format_html


def _network_context(request: HttpRequest, scope: MapScope, public: bool) -> dict[str, Any]:
    filters = MapFilters.from_query(request.GET, scope)
    data = map_data(scope, request.user, filters)
    nodes = sorted({c for e in data.edges for c in (e.a, e.b)})
    points = circle_layout(nodes, size=640, margin=150)
    areas_of: dict[str, set[str]] = {}
    area_names: dict[str, str] = {}
    members = FunctionalAreaMember.objects.order_by()
    if filters.level != Level.PROVINSI:
        members = members.filter(region_id__in=nodes)
    for code, area_code, area_name in members.values_list("region_id", "area__code", "area__name"):
        key = code if filters.level != Level.PROVINSI else code.split(".", 1)[0]
        areas_of.setdefault(key, set()).add(area_code)
        area_names[area_code] = area_name
    highlight = request.GET.get("kawasan", "")
    largest = max((e.count for e in data.edges), default=0)
    names = data.regions
    svg_edges = []
    for e in _most_first(data.edges)[:DRAWN_PAIRS]:
        (x1, y1), (x2, y2) = points[e.a], points[e.b]
        inside = shared_areas(e, areas_of)
        svg_edges.append(
            {
                "x1": x1,
                "y1": y1,
                "x2": x2,
                "y2": y2,
                "width": stroke_width(e.count, largest),
                "area": bool(inside),
                "highlight": bool(highlight and highlight in inside),
                "title": _("%(a)s – %(b)s: %(n)s agreements")
                % {
                    "a": names[e.a].name if e.a in names else e.a,
                    "b": names[e.b].name if e.b in names else e.b,
                    "n": e.count,
                },
            }
        )
    ranking = degree_ranking(data.edges)
    svg_nodes = []
    for code in nodes:
        x, y = points[code]
        svg_nodes.append(
            {
                "code": code,
                "name": names[code].name if code in names else code,
                "x": x,
                "y": y,
                "area": bool(areas_of.get(code)),
                "highlight": bool(highlight and highlight in areas_of.get(code, set())),
                "label": len(nodes) <= LABEL_LIMIT,
                "anchor": "start" if x >= 320 else "end",
                "lx": x + (8 if x >= 320 else -8),
            }
        )
    shown = _pairs_shown(data)
    for row in shown["edges"]:
        row["areas"] = sorted(area_names[a] for a in shared_areas(row["edge"], areas_of))
    return {
        "public": public,
        "data": data,
        "filters": filters,
        "scope_text": _scope_text(scope),
        "svg_edges": svg_edges,
        "svg_nodes": svg_nodes,
        "svg_markup": _svg_markup(svg_edges, svg_nodes),
        **shown,
        "ranking": [
            {
                "rank": rank,
                "code": code,
                "name": names[code].name if code in names else code,
                "degree": degree,
            }
            for rank, code, degree in ranking
        ],
        "areas": sorted(area_names.items(), key=lambda item: item[1]),
        "highlight": highlight,
        "query": request.GET.urlencode(),
        "as_of": timezone.localtime(),
        **_options(scope),
    }


def network_page(request: HttpRequest) -> HttpResponse:
    """Who cooperates with whom in the official's jurisdiction."""
    scope = _official_scope(request, "oversight:public_network")
    if isinstance(scope, HttpResponse):
        return scope
    return render(request, "oversight/map_network.html", _network_context(request, scope, public=False))


@login_not_required
def public_network(request: HttpRequest) -> HttpResponse:
    """Who cooperates with whom among the published agreements (no login)."""
    return render(request, "oversight/map_network.html", _network_context(request, PUBLIC_SCOPE, public=True))
