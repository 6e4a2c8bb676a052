"""Reads of the mapping for pages, exports, the API and the CLI (scoped by ``restrict(user, "view")``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import ngettext

from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core.scoping import scope_of
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.domain.results import externality_of
from kerjasama.mapping.models import (
    ComputedRegion,
    Identification,
    Indicator,
    IndicatorValue,
    MappingRun,
    ProvinceAffairSummary,
    Recommendation,
)
from kerjasama.mapping.summary import refresh_summary
from kerjasama.regions.models import Region

DONE = (IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)
TOTAL_AFFAIRS = 32


@dataclass
class ProfileRow:
    indicator: Indicator
    value: float | None
    year: int | None
    source: str
    is_example: bool


@dataclass
class RegionMapping:
    region: Region
    profile: list[ProfileRow]
    identifications: list[Identification]
    recommendations: dict[str, list[Recommendation]]  # affair code -> ranked partners
    affairs: dict[str, Affair]
    uses_example_data: bool
    completion: int = 0
    partners: dict[str, Region] = field(default_factory=dict)
    freshness: dict[str, Any] = field(default_factory=dict)
    #: affair code -> the identification's chosen sub-affairs as (identifier, name), in its order
    sub_affairs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: how many of the 32 affairs have no recommended partner while others have (0 when filtered)
    affairs_without_recommendations: int = 0


def latest_profile(region: Region, user: Any) -> list[ProfileRow]:
    """The newest value of each indicator for the region (2 queries)."""
    latest: dict[str, IndicatorValue] = {}
    for value in (
        IndicatorValue.objects.restrict(user, "view").filter(region=region).order_by("indicator_id", "-year")
    ):
        latest.setdefault(value.indicator_id, value)
    rows = []
    for indicator in Indicator.objects.order_by("position", "code"):
        found = latest.get(indicator.code)
        rows.append(
            ProfileRow(
                indicator,
                found.value if found else None,
                found.year if found else None,
                found.source if found else "",
                found.is_example if found else False,
            )
        )
    return rows


def sub_affair_names(identifiers: Iterable[str]) -> dict[str, str]:
    """Sub-affair identifier -> name (the Lampiran's *sub urusan*, UU 23/2014), one query. The matrix is
    public reference data; an identifier no longer in it is left out (callers show the bare identifier)."""
    wanted = set(identifiers)
    if not wanted:
        return {}
    return dict(AuthorityEntry.objects.filter(code__in=wanted).values_list("code", "sub_affair"))


def named_sub_affairs(identifiers: Iterable[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, names.get(code, "")) for code in identifiers]


def region_mapping(
    region: Region, user: Any, *, affair: str = "", mandatory_only: bool = False
) -> RegionMapping:
    """A region's profile, identifications and recommended partners per affair."""
    identifications = list(
        Identification.objects.restrict(user, "view")
        .filter(region=region)
        .select_related("affair")
        .order_by("affair_id")
    )
    recs = Recommendation.objects.restrict(user, "view").filter(region=region).select_related("partner")
    if affair:
        recs = recs.filter(affair_id=affair)
    if mandatory_only:
        recs = recs.filter(category="wajib")
    grouped: dict[str, list[Recommendation]] = defaultdict(list)
    partners: dict[str, Region] = {}
    example = False
    for rec in recs.order_by("affair_id", "-score", "partner_id"):
        grouped[rec.affair_id].append(rec)
        partners[rec.partner_id] = rec.partner
        example = example or rec.uses_example_data
    profile = latest_profile(region, user)
    names = sub_affair_names(code for i in identifications for code in i.sub_affairs)
    affairs = {a.code: a for a in Affair.objects.order_by("code")}
    return RegionMapping(
        region=region,
        profile=profile,
        identifications=identifications,
        recommendations=dict(grouped),
        affairs=affairs,
        uses_example_data=example
        or any(r.is_example for r in profile)
        or any(i.is_example for i in identifications),
        completion=sum(1 for i in identifications if i.status in DONE),
        partners=partners,
        freshness=freshness(user, region=region),
        sub_affairs={i.affair_id: named_sub_affairs(i.sub_affairs, names) for i in identifications},
        affairs_without_recommendations=(
            0 if affair or mandatory_only or not grouped else max(len(affairs) - len(grouped), 0)
        ),
    )


def freshness(user: Any, *, region: Region | None = None, province: Region | None = None) -> dict[str, Any]:
    """When the shown regions' recommendations were computed ("dihitung pada"): ``oldest`` and ``newest`` of
    their stamps (``ComputedRegion``, one aggregate query over at most 552 narrow rows). Pages show ``oldest``:
    nothing shown was computed earlier. Both None when the engine has not run for them.

    A stamp, not the rows' own ``computed_at``: a refresh leaves unchanged rows as they were, so a row's time
    says when it last changed, not when it was last recomputed."""
    qs = ComputedRegion.objects.restrict(user, "view")
    if region is not None:
        qs = qs.filter(region=region)
    elif province is not None:
        qs = qs.filter(Q(region=province) | Q(region__province=province))
    found = qs.aggregate(oldest=Min("computed_at"), newest=Max("computed_at"))
    return {"oldest": found["oldest"], "newest": found["newest"]}


def latest_national_run(user: Any) -> MappingRun | None:
    """The latest national run requested from the page, for its progress block (national users only)."""
    return MappingRun.objects.restrict(user, "view").order_by("-requested_at", "-id").first()




def region_label(region: Region) -> str:
    """A region as officials name it: "Kabupaten Sleman (34.04)", never a bare code."""
    return f"{region.name} ({region.code})"


@dataclass
class ProvinceOverview:
    """The province page: each kab/kota's progress, its distinct mandatory-eligible partners, and per affair
    the actual pairs (a pair counts once however many affairs or directions name it)."""

    rows: list[dict[str, Any]]
    affairs: list[dict[str, Any]]  # {"affair": Affair, "pairs": [(Region, Region), ...]}, affairs with pairs
    total_pairs: int


def province_overview(province: Region, user: Any) -> ProvinceOverview:
    """Each kab/kota of a province with its identification progress and mandatory-eligible pairs (6 queries)."""
    kabkota = list(Region.objects.filter(province=province, is_autonomous=True).order_by("code"))
    progress = dict(
        Identification.objects.restrict(user, "view")
        .filter(region__province=province, status__in=DONE)
        .values("region_id")
        .annotate(n=Count("id"))
        .values_list("region_id", "n")
    )
    submitted = dict(
        Identification.objects.restrict(user, "view")
        .filter(region__province=province, status=IdentificationStatus.SUBMITTED)
        .values("region_id")
        .annotate(n=Count("id"))
        .values_list("region_id", "n")
    )
    # Distinct pairs, not partner x affair rows: Kulon Progo has a handful of mandatory-eligible partners,
    # not "160 pasangan wajib" (issue 9, section 5).
    partners: dict[str, set[str]] = defaultdict(set)
    by_affair: dict[str, set[tuple[str, str]]] = defaultdict(set)
    all_pairs: set[tuple[str, str]] = set()
    for region_id, partner_id, affair_id in (
        Recommendation.objects.restrict(user, "view")
        .filter(Q(region=province) | Q(region__province=province), category="wajib")
        .values_list("region_id", "partner_id", "affair_id")
    ):
        pair = (region_id, partner_id) if region_id < partner_id else (partner_id, region_id)
        partners[region_id].add(partner_id)
        by_affair[affair_id].add(pair)
        all_pairs.add(pair)
    names = Region.objects.in_bulk({code for pair in all_pairs for code in pair})
    affairs = Affair.objects.in_bulk(list(by_affair))
    rows = [
        {
            "region": r,
            "label": region_label(r),
            "done": progress.get(r.code, 0),
            "submitted": submitted.get(r.code, 0),
            "completion_pct": round(100 * progress.get(r.code, 0) / TOTAL_AFFAIRS),
            "mandatory_pairs": len(partners.get(r.code, ())),
        }
        for r in kabkota
    ]
    breakdown = [
        {
            "affair": affairs[code],
            "pairs": [(names[a], names[b]) for a, b in sorted(by_affair[code]) if a in names and b in names],
        }
        for code in sorted(by_affair)
        if code in affairs
    ]
    return ProvinceOverview(rows=rows, affairs=breakdown, total_pairs=len(all_pairs))


def national_matrix(user: Any) -> dict[str, Any]:
    """Affairs × provinces: how many regions identified the affair (one grouped count of the identifications
    the user may see, so a verification shows at once) and the distinct mandatory-eligible pairs, read from
    the stored summary (``mapping.summary``, scoped by ``ProvinceAffairSummary.restriction``) instead of every
    recommendation. 4 queries whatever the amount of data. Also each province's completion, for the map.

    A database that has never been summarised (made before the table existed) is summarised on first read.
    """
    provinces = list(Region.objects.filter(level="provinsi").order_by("code"))
    summaries = ProvinceAffairSummary.objects.restrict(user, "view").values_list(
        "affair_id", "province_id", "regions", "mandatory_pairs"
    )
    cells_by_key = {(a, p): (total, pairs) for a, p, total, pairs in summaries}
    if not cells_by_key and not ProvinceAffairSummary.objects.exists():
        refresh_summary()
        cells_by_key = {(a, p): (total, pairs) for a, p, total, pairs in summaries.all()}
    # Region codes start with their province's code ("34.71" lies in "34"): group on that prefix.
    done = {
        (affair_id, province_id): n
        for affair_id, province_id, n in Identification.objects.restrict(user, "view")
        .filter(status__in=DONE)
        .annotate(province_code=Substr("region_id", 1, 2))
        .values("affair_id", "province_code")
        .annotate(n=Count("id"))
        .values_list("affair_id", "province_code", "n")
        .order_by()
    }
    visible = {province_id for _, province_id in cells_by_key}
    provinces = [p for p in provinces if p.code in visible]
    affairs = list(Affair.objects.order_by("code"))
    rows = []
    totals: dict[str, dict[str, int]] = {p.code: {"identified": 0, "possible": 0, "pairs": 0} for p in provinces}
    for affair in affairs:
        cells = []
        for province in provinces:
            total, pairs = cells_by_key.get((affair.code, province.code), (0, 0))
            n = done.get((affair.code, province.code), 0)
            totals[province.code]["identified"] += n
            totals[province.code]["possible"] += total
            totals[province.code]["pairs"] += pairs
            cells.append(
                {
                    "province": province,
                    "identified": n,
                    "regions": total,
                    "pct": round(100 * n / total) if total else 0,
                    "heat": (10 * n // total) if total else 0,
                    "mandatory_pairs": pairs,
                    # Formatted here, once per cell, not by a template tag (1,216 cells: issue 9, section 5).
                    "pairs_text": ngettext("%(n)s pair", "%(n)s pairs", pairs) % {"n": pairs} if pairs else "",
                }
            )
        rows.append({"affair": affair, "cells": cells})
    completion = [
        {
            "province": p,
            "identified": totals[p.code]["identified"],
            "possible": totals[p.code]["possible"],
            "pct": round(100 * totals[p.code]["identified"] / totals[p.code]["possible"])
            if totals[p.code]["possible"]
            else 0,
        }
        for p in provinces
    ]
    return {"provinces": provinces, "rows": rows, "completion": completion}


def recommendations_query(
    user: Any, *, affair: str = "", province: str = "", mandatory: bool | None = None
) -> Any:
    qs = Recommendation.objects.restrict(user, "view").select_related("region", "partner", "affair")
    if affair:
        qs = qs.filter(affair_id=affair)
    if province:
        qs = qs.filter(Q(region_id=province) | Q(region__province_id=province))
    if mandatory is not None:
        qs = qs.filter(category="wajib" if mandatory else "sukarela")
    return qs.order_by("region_id", "affair_id", "-score", "partner_id")


def recommendation_count(
    user: Any, *, affair: str = "", province: str = "", mandatory: bool | None = None
) -> int:
    """How many recommendations ``recommendations_query`` with the same filters gives ``user``.

    Whoever sees whole provinces (Kemendagri and system admins: every province; a province's officials: their
    province and its kab/kota, ``Recommendation.restriction``) gets the sum of the stored per-province counts
    (``mapping.summary``, at most 38 × 32 rows) instead of a count of the table: under sustained refreshes
    that count read every row version a refresh left behind (362 ms for the nation in the 30-minute soak,
    bench/load). The stored counts are written with the rows by every run of the engine (a refresh's figure
    follows its last batch by the moment the summary takes). A kab/kota official's view, a region filter, or
    a database never summarised is counted live: those counts read the index of one region or nothing.
    """
    provinces = _whole_provinces(user)
    if provinces is not None and province:
        # A province filter on a province code narrows the summary; any other code (a kab/kota) counts live.
        provinces = [p for p in provinces if p == province] if len(province) == 2 else None
    if provinces is None or not ProvinceAffairSummary.objects.exists():
        return int(
            recommendations_query(user, affair=affair, province=province, mandatory=mandatory).count()
        )
    summaries = ProvinceAffairSummary.objects.filter(province_id__in=provinces)
    if affair:
        summaries = summaries.filter(affair_id=affair)
    found = summaries.aggregate(total=Sum("recommendations"), mandatory=Sum("mandatory_recommendations"))
    total, wajib = found["total"] or 0, found["mandatory"] or 0
    if mandatory is None:
        return int(total)
    return int(wajib if mandatory else total - wajib)


def _whole_provinces(user: Any) -> list[str] | None:
    """The provinces whose every recommendation ``user`` sees, when that is exactly what the user sees; None
    when the view is part of a province (a kab/kota) or nothing. Follows ``Recommendation.restriction`` (only
    region fields: a province covers itself and its kab/kota, ``core.scoping.region_q``)."""
    scope = scope_of(user)
    if Recommendation.restriction.q(scope, "view") is None:
        return list(Region.objects.filter(level="provinsi").values_list("code", flat=True))
    if scope.user_id is not None and scope.province_code:
        return [scope.province_code]
    return None


def recommendation_dict(rec: Recommendation) -> dict[str, Any]:
    """The JSON shape of a recommendation (API, CLI, exports)."""
    return {
        "region": rec.region_id,
        "partner": rec.partner_id,
        "partners": [rec.partner_id],
        "affair": rec.affair_id,
        "score": rec.score,
        "category": rec.category,
        "mandatory_eligible": rec.category == "wajib",
        "externality": externality_of(rec.reasons),
        "kind": rec.kind,
        "reasons": rec.reasons,
        "findings": rec.findings,
        "authority_note": rec.authority_note,
        "uses_example_data": rec.uses_example_data,
        "computed_at": rec.computed_at.isoformat() if rec.computed_at else None,
    }
