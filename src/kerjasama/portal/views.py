"""The public reference pages (regions, affairs) and the home page."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language

from kerjasama.accounts.policy import can
from kerjasama.affairs.choices import Category, GovernmentLevel
from kerjasama.affairs.selectors import affair_with_authority, affairs_with_authority
from kerjasama.core.errors import KerjasamaError
from kerjasama.mapping.verification import inbox_for
from kerjasama.portal.affair_notes import english_note, note_in_indonesian
from kerjasama.regions.choices import Kind, Level
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Adjacency, Region, RegionBoundary, RegionCode
from kerjasama.regions.selectors import (
    code_history,
    functional_areas_of,
    neighbours_of,
    region_by_code,
    search_regions,
    successions_of,
)

PAGE_SIZE = 50


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    counts = Region.objects.aggregate(
        provinces=Count("code", filter=Q(level=Level.PROVINSI)),
        kabupaten=Count("code", filter=Q(kind=Kind.KABUPATEN)),
        kota=Count("code", filter=Q(kind=Kind.KOTA)),
        autonomous=Count("code", filter=Q(is_autonomous=True)),
    )
    return render(
        request,
        "portal/home.html",
        {"counts": counts, "pairs": Adjacency.objects.count(), "inbox": inbox_for(request.user)},
    )


@login_not_required
def region_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    province = request.GET.get("province", "")
    kind = request.GET.get("kind", "")
    if province and codes.level_of(province) != "provinsi":
        province = ""
    if kind not in Kind.values:
        kind = ""
    qs = search_regions(user=request.user, query=query, province=province, kind=kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/region_list.html",
        {
            "page": page,
            "query": query,
            "province": province,
            "kind": kind,
            "kinds": Kind.choices,
            "provinces": Region.objects.filter(level=Level.PROVINSI).order_by("name"),
            "querystring": params.urlencode(),
        },
    )


def _map_feature(region: Region, role: str, polygons: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": region.code,
        "name": region.name,
        "role": role,
        "lat": region.centroid_lat,
        "lng": region.centroid_lng,
        "geometry": polygons.get(region.code),
        "url": reverse("portal:region", kwargs={"code": region.code}),
    }


@login_not_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    visible = Region.objects.restrict(request.user, "view").select_related("province")
    region = visible.filter(code=code).first()
    if region is None:
        # A region is also reached by the code it carries now, or carried before (docs/region-codes.md).
        found = region_by_code(code)
        region = get_object_or_404(visible, code=found.code if found else code)
    history = code_history(region)
    neighbours = neighbours_of(region)
    neighbour_regions = Region.objects.in_bulk([n.code for n in neighbours])
    shown = [region.code, *neighbour_regions]
    polygons = dict(RegionBoundary.objects.filter(region_id__in=shown).values_list("region_id", "geojson"))
    features = [_map_feature(region, "self", polygons)] + [
        _map_feature(neighbour_regions[n.code], "neighbour", polygons)
        for n in neighbours
        if n.code in neighbour_regions
    ]
    kabkota = (
        Region.objects.filter(province=region)
        .annotate(
            current_code=Subquery(
                RegionCode.objects.filter(region=OuterRef("pk"), valid_to__isnull=True).values("code")[:1]
            )
        )
        .order_by("current_code", "code")
        if region.level == Level.PROVINSI
        else Region.objects.none()
    )
    return render(
        request,
        "portal/region_detail.html",
        {
            "region": region,
            "neighbours": neighbours,
            "kabkota": kabkota,
            "functional_areas": functional_areas_of(region),
            # Riwayat kode: the codes the region carried and the predecessor map (docs/region-codes.md).
            "current_code": next((c.code for c in history if c.valid_to is None), region.code),
            "code_history": history,
            "successions": successions_of(region),
            "map_data": {"features": features, "has_polygons": bool(polygons)},
            # The region's TKKSD page, for the officials who may see it (its decree is a public act).
            "tkksd_url": reverse("tkksd:region", kwargs={"code": region.code})
            if region.is_autonomous and can(request.user, "tkksd.view_decree", region)
            else None,
        },
    )


@login_not_required
def affair_list(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    items = affairs_with_authority(request.user, category=category, query=request.GET.get("q", "")[:100])
    return render(
        request,
        "portal/affair_list.html",
        {
            "items": items,
            "category": category,
            "categories": Category.choices,
            "levels": GovernmentLevel.choices,
            "covered": sum(1 for i in items if i.covered),
        },
    )


@login_not_required
def affair_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = affair_with_authority(request.user, code)
    if item is None:
        raise Http404
    # The researchers' English notes, in Indonesian with the per-level confidence in words (issue 9).
    notes = {entry.pk: note_in_indonesian(entry.notes) for entry in item.entries}
    english = {entry.pk: english_note(entry.notes) for entry in item.entries}
    return render(
        request,
        "portal/affair_detail.html",
        {"item": item, "levels": GovernmentLevel.choices, "notes": notes, "notes_en": english},
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 page (``handler403``): in the site's layout, saying in words what the account may not do.

    A ``KerjasamaError`` refusal (``core.errors.PermissionDenied``, raised by ``accounts.policy.require``)
    carries its own words; a bare Django ``PermissionDenied`` shows only a sentence, never a permission code.
    """
    refusal = ""
    cause = exception.args[0] if exception is not None and exception.args else exception
    if isinstance(cause, KerjasamaError):
        refusal = cause.message(get_language())
    elif isinstance(cause, str) and cause and not re.search(r"\b[a-z_]+\.[a-z_]+\b", cause):
        refusal = cause
    return render(request, "403.html", {"refusal": refusal}, status=403)
