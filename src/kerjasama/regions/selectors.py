"""Reads of regions and adjacency that leave the app (pages, API, CLI, rulebook)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from django.db.models import Count, F, Prefetch, Q

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent
from kerjasama.regions.choices import FunctionalAreaKind, Level, OverrideEffect
from kerjasama.regions.domain import search
from kerjasama.regions.domain.boundaries import border_method
from kerjasama.regions.models import (
    Adjacency,
    AdjacencyOverride,
    FunctionalArea,
    FunctionalAreaMember,
    Region,
    RegionCode,
    RegionQuerySet,
    RegionSuccession,
)
from kerjasama.regions.services import read_adjacency_package
from kerjasama.rulebook.facts import Confidence, weakest_confidence


@dataclass(frozen=True)
class Neighbour:
    """One bordering region as shown to users; ``override_*`` is set when a manual override added it."""

    code: str
    name: str
    kind: str
    province_code: str
    shared_border_km: float | None
    touch_exact: bool | None
    gap_m: float | None
    override_reason: str = ""
    override_source: str = ""
    pair_count: int = 0  # for provinces: how many kab/kota pairs cross the border

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "province_code": self.province_code,
            "shared_border_km": self.shared_border_km,
            "touch_exact": self.touch_exact,
            "gap_m": self.gap_m,
        }
        if self.override_reason:
            data["override"] = {"reason": self.override_reason, "source": self.override_source}
        if self.pair_count:
            data["kabkota_pairs"] = self.pair_count
        return data


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def effective_kabkota_pairs() -> dict[tuple[str, str], dict[str, object]]:
    """All bordering kab/kota pairs after manual overrides, with their measurements (2 queries)."""
    pairs: dict[tuple[str, str], dict[str, object]] = {
        (a, b): {"shared_border_km": km, "touch_exact": exact, "gap_m": gap}
        for a, b, km, exact, gap in Adjacency.objects.values_list(
            "region_a_id", "region_b_id", "shared_border_km", "touch_exact", "gap_m"
        )
    }
    for a, b, effect, reason, source in AdjacencyOverride.objects.filter(is_active=True).values_list(
        "region_a_id", "region_b_id", "effect", "reason", "source"
    ):
        if effect == OverrideEffect.REMOVE:
            pairs.pop((a, b), None)
        else:
            pairs[(a, b)] = {
                "shared_border_km": None,
                "touch_exact": None,
                "gap_m": None,
                "override_reason": reason,
                "override_source": source,
            }
    return pairs


def province_pairs(
    kabkota_pairs: dict[tuple[str, str], dict[str, object]] | None = None,
) -> dict[tuple[str, str], int]:
    """Bordering provinces, derived from kab/kota adjacency, with the number of crossing kab/kota pairs."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    province = province_map()
    for a, b in kabkota_pairs if kabkota_pairs is not None else effective_kabkota_pairs():
        pa, pb = province.get(a, a[:2]), province.get(b, b[:2])
        if pa != pb:
            counts[_pair(pa, pb)] += 1
    return dict(counts)


def province_map() -> dict[str, str]:
    """Kab/kota key → its province's key, from the rows (a kab/kota recoded into a new province keeps its key,
    so the code's first two digits no longer name its province; docs/region-codes.md)."""
    return dict(Region.objects.filter(level=Level.KABKOTA).values_list("code", "province_id"))


def neighbours_of(region: Region) -> list[Neighbour]:
    """The regions bordering ``region``: kab/kota for a kab/kota, provinces for a province."""
    if region.level == Level.PROVINSI:
        return _province_neighbours(region)
    code = region.code
    rows: dict[str, dict[str, object]] = {}
    for a, b, km, exact, gap in Adjacency.objects.filter(
        Q(region_a_id=code) | Q(region_b_id=code)
    ).values_list("region_a_id", "region_b_id", "shared_border_km", "touch_exact", "gap_m"):
        rows[b if a == code else a] = {"shared_border_km": km, "touch_exact": exact, "gap_m": gap}
    for a, b, effect, reason, source in AdjacencyOverride.objects.filter(
        Q(region_a_id=code) | Q(region_b_id=code), is_active=True
    ).values_list("region_a_id", "region_b_id", "effect", "reason", "source"):
        other = b if a == code else a
        if effect == OverrideEffect.REMOVE:
            rows.pop(other, None)
        else:
            rows[other] = {
                "shared_border_km": None,
                "touch_exact": None,
                "gap_m": None,
                "override_reason": reason,
                "override_source": source,
            }
    regions = Region.objects.in_bulk(list(rows))
    result = [
        Neighbour(
            code=other,
            name=regions[other].name,
            kind=regions[other].kind,
            province_code=regions[other].province_id or other,
            shared_border_km=data["shared_border_km"],  # type: ignore[arg-type]
            touch_exact=data["touch_exact"],  # type: ignore[arg-type]
            gap_m=data["gap_m"],  # type: ignore[arg-type]
            override_reason=str(data.get("override_reason", "")),
            override_source=str(data.get("override_source", "")),
        )
        for other, data in rows.items()
        if other in regions
    ]
    return sorted(result, key=lambda n: n.code)


def _province_neighbours(region: Region) -> list[Neighbour]:
    pairs = effective_kabkota_pairs()
    province = province_map()
    counts: dict[str, int] = defaultdict(int)
    lengths: dict[str, float] = defaultdict(float)
    for (a, b), data in pairs.items():
        pa, pb = province.get(a, a[:2]), province.get(b, b[:2])
        if pa == pb or region.code not in (pa, pb):
            continue
        other = pb if pa == region.code else pa
        counts[other] += 1
        km = data.get("shared_border_km")
        if isinstance(km, (int, float)):
            lengths[other] += km
    provinces = Region.objects.in_bulk(list(counts))
    return [
        Neighbour(
            code=code,
            name=provinces[code].name,
            kind=provinces[code].kind,
            province_code=code,
            shared_border_km=round(lengths[code], 3) if code in lengths else None,
            touch_exact=None,
            gap_m=None,
            pair_count=counts[code],
        )
        for code in sorted(counts)
        if code in provinces
    ]


@functools.cache
def region_aliases() -> dict[str, tuple[str, ...]]:
    """Normalised alias -> codes, from the project-owned ``data/aliases.json`` (source per row)."""
    raw = resources.files("kerjasama.regions").joinpath("data", "aliases.json").read_text("utf-8")
    return {
        search.normalise(alias): tuple(codes) for alias, codes, _source, _conf in json.loads(raw)["aliases"]
    }


def search_regions(
    *,
    user: object,
    query: str = "",
    level: str = "",
    province: str = "",
    kind: str = "",
    autonomous_only: bool = False,
) -> RegionQuerySet:
    """Regions matching a name or code search and filters, in code order."""
    qs = Region.objects.restrict(user, "view").select_related("province")
    query = query.strip()
    if query:
        # 552 names: matched in Python, accent- and case-insensitive, with common names ("Jogja", "Jaksel").
        names = Region.objects.restrict(user, "view").values_list("code", "name")
        qs = qs.filter(code__in=search.match_codes(query, names, region_aliases()))
    if level:
        qs = qs.filter(level=level)
    if province:
        qs = qs.filter(Q(code=province) | Q(province_id=province))
    if kind:
        qs = qs.filter(kind=kind)
    if autonomous_only:
        qs = qs.filter(is_autonomous=True)
    return qs.order_by("code")


# --- functional areas (kawasan fungsional) ------------------------------------------------------------------


@dataclass(frozen=True)
class Membership:
    """One region's membership of a functional area, as shown on its page and in the API."""

    area_code: str
    area_name: str
    kind: str
    legal_basis: str
    is_reference: bool
    confidence: str
    source: str
    notes: str

    @property
    def kind_label(self) -> str:
        return (
            str(FunctionalAreaKind(self.kind).label) if self.kind in FunctionalAreaKind.values else self.kind
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.area_code,
            "name": self.area_name,
            "kind": self.kind,
            "legal_basis": self.legal_basis,
            "confidence": self.confidence,
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class AreaMember:
    region_code: str
    region_name: str
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True)
class FunctionalAreaView:
    """A functional area with its members, each with source and confidence."""

    code: str
    name: str
    kind: str
    legal_basis: str
    notes: str
    is_reference: bool
    members: tuple[AreaMember, ...]

    @property
    def weakest_confidence(self) -> str:
        return weakest_confidence([m.confidence for m in self.members], default="V")

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "legal_basis": self.legal_basis,
            "notes": self.notes,
            "is_reference": self.is_reference,
            "weakest_confidence": self.weakest_confidence,
            "members": [m.__dict__ for m in self.members],
        }


class FunctionalAreaSummary(NamedTuple):
    """A functional area as a plain tuple for the pure mapping engine (no Django objects); the weakest
    member confidence is ``V`` for an area without members (nothing is claimed)."""

    code: str
    name: str
    kind: str
    members: tuple[str, ...]
    weakest_confidence: Confidence


def functional_areas_of(region: Region) -> list[Membership]:
    """The functional areas ``region`` is a member of, with the area's data (1 query)."""
    rows = (
        FunctionalAreaMember.objects.filter(region_id=region.code)
        .select_related("area")
        .order_by("area__name", "area__code")
    )
    return [
        Membership(
            area_code=m.area.code,
            area_name=m.area.name,
            kind=m.area.kind,
            legal_basis=m.area.legal_basis,
            is_reference=m.area.is_reference,
            confidence=m.confidence,
            source=m.source,
            notes=m.notes,
        )
        for m in rows
    ]


def all_functional_areas(*, kind: str = "", region_code: str = "") -> list[FunctionalAreaView]:
    """Every functional area (optionally of one kind, or having one member) with its members (2 queries)."""
    qs = FunctionalArea.objects.order_by("code")
    if kind:
        qs = qs.filter(kind=kind)
    if region_code:
        qs = qs.filter(members__region_id=region_code)
    members = FunctionalAreaMember.objects.select_related("region").order_by("region_id")
    return [
        FunctionalAreaView(
            code=area.code,
            name=area.name,
            kind=area.kind,
            legal_basis=area.legal_basis,
            notes=area.notes,
            is_reference=area.is_reference,
            members=tuple(
                AreaMember(
                    region_code=m.region_id,
                    region_name=m.region.name,
                    confidence=m.confidence,
                    source=m.source,
                    notes=m.notes,
                )
                for m in area.members.all()
            ),
        )
        for area in qs.distinct().prefetch_related(Prefetch("members", queryset=members))
    ]


def co_members(region_code: str) -> dict[str, list[str]]:
    """For each functional area of ``region_code``: the codes of its other members, sorted (1 query)."""
    result: dict[str, list[str]] = {}
    for area_code, other in (
        FunctionalAreaMember.objects.filter(area__members__region_id=region_code)
        .values_list("area__code", "region_id")
        .order_by("area__code", "region_id")
    ):
        others = result.setdefault(area_code, [])
        if other != region_code:
            others.append(other)
    return result


def functional_area_summaries() -> tuple[FunctionalAreaSummary, ...]:
    """Every functional area as (code, name, kind, member codes, weakest member confidence) (1 query)."""
    areas: dict[str, tuple[str, str, list[str], list[str]]] = {}
    for code, name, kind, member, confidence in FunctionalArea.objects.values_list(
        "code", "name", "kind", "members__region_id", "members__confidence"
    ).order_by("code", "members__region_id"):
        entry = areas.setdefault(code, (name, kind, [], []))
        if member is not None:
            entry[2].append(member)
            entry[3].append(confidence)
    return tuple(
        FunctionalAreaSummary(code, name, kind, tuple(members), weakest_confidence(confidences, default="V"))
        for code, (name, kind, members, confidences) in areas.items()
    )


def adjacency_method() -> dict[str, object]:
    """How the stored shared-border lengths were measured (``kerjasama neighbours --json``, the API, docs).

    The lengths come either from the shipped package data or from the last ``import-boundaries``; whichever
    was loaded last decides the tolerances reported (the import's audit event records them).
    """
    # Only the two tolerances of the last load are read from its audit event, never who or what else.
    latest = (
        AuditEvent.objects.filter(action__in=(AuditAction.BOUNDARIES_IMPORTED, AuditAction.ADJACENCY_LOADED))
        .order_by("-occurred_at", "-pk")
        .values_list("action", "new")
        .first()
    )
    if latest is not None and latest[0] == AuditAction.BOUNDARIES_IMPORTED and isinstance(latest[1], dict):
        tolerance = float(latest[1].get("tolerance_m", 0.0))
        band = float(latest[1].get("border_tolerance_m", tolerance))
        source = "import-boundaries"
    else:
        package = read_adjacency_package()
        tolerance = float(package["tolerance_m"])
        band = float(package.get("border_tolerance_m", tolerance))
        source = "package"
    return {**border_method(tolerance_m=tolerance, border_tolerance_m=band), "data": source}


# --- region codes with history (docs/region-codes.md) ------------------------------------------------------


@dataclass(frozen=True)
class CodeLabel:
    """The code and name a record was made with beside the ones the region carries now."""

    original_code: str
    original_name: str
    current_code: str
    current_name: str

    @property
    def changed(self) -> bool:
        return self.original_code != self.current_code or self.original_name != self.current_name


def code_history(region: Region) -> list[RegionCode]:
    """Every code the region carried, oldest first, with the instrument that set and the one that ended it."""
    return list(
        RegionCode.objects.filter(region=region).select_related("instrument", "ended_by").order_by("valid_from", "id")
    )


def successions_of(region: Region) -> dict[str, list[RegionSuccession]]:
    """The predecessor map around a region: ``from`` (codes it came from) and ``to`` (codes it led to)."""
    rows = list(
        RegionSuccession.objects.filter(Q(successor=region) | Q(predecessor=region))
        .exclude(predecessor=F("successor"))
        .select_related("instrument", "predecessor", "successor")
    )
    return {
        "from": [s for s in rows if s.successor_id == region.code],
        "to": [s for s in rows if s.predecessor_id == region.code],
    }


def changed_code_histories() -> dict[str, list[tuple[str, str, dt.date, dt.date | None]]]:
    """The code histories (code, name, valid from, valid to; oldest first) of the regions that carried more
    than one code or name, by region key, in one query: a region absent from it never changed, so a page
    showing many regions reads their notes from this once (``templatetags.region_codes``)."""
    changed = (
        RegionCode.objects.values("region").annotate(rows=Count("id")).filter(rows__gt=1).values("region")
    )
    histories: dict[str, list[tuple[str, str, dt.date, dt.date | None]]] = {}
    for region_id, code, name, start, end in (
        RegionCode.objects.filter(region__in=changed)
        .order_by("region", "valid_from", "id")
        .values_list("region", "code", "name", "valid_from", "valid_to")
    ):
        histories.setdefault(region_id, []).append((code, name, start, end))
    return histories


def code_label(
    region: Region,
    when: dt.date | dt.datetime | None,
    histories: dict[str, list[tuple[str, str, dt.date, dt.date | None]]] | None = None,
) -> CodeLabel:
    """The code and name ``region`` carried on ``when`` (a record's date) and those it carries now.

    Before the earliest recorded assignment (the seed instrument is the first the system knows) the earliest
    is taken; a region without any recorded code (a test row) shows its key and name. ``histories``
    (``changed_code_histories``) saves the query: a region not in it carried one code and one name.
    """
    day = when.date() if isinstance(when, dt.datetime) else when
    if histories is not None:
        history = histories.get(region.code, [])
    else:
        history = list(
            RegionCode.objects.filter(region=region)
            .order_by("valid_from", "id")
            .values_list("code", "name", "valid_from", "valid_to")
        )
    if not history:
        return CodeLabel(region.code, region.name, region.code, region.name)
    current = next((h for h in history if h[3] is None), history[-1])
    original = history[0]
    if day is not None:
        for h in history:
            if h[2] <= day and (h[3] is None or day < h[3]):
                original = h
    return CodeLabel(original[0], original[1], current[0], current[1])


def current_code_of(region: Region) -> str:
    """The code the region carries now (its key when no code is recorded)."""
    code = RegionCode.objects.filter(region=region, valid_to__isnull=True).values_list("code", flat=True).first()
    return code or region.code


def region_by_code(code: str) -> Region | None:
    """The region carrying ``code`` now, else the one keyed by it, else the latest holder of it."""
    held = RegionCode.objects.filter(code=code).select_related("region").order_by("valid_to", "-valid_from")
    current = held.filter(valid_to__isnull=True).first()
    if current is not None:
        return current.region
    keyed = Region.objects.filter(pk=code).first()
    if keyed is not None:
        return keyed
    latest = held.order_by("-valid_from").first()
    return latest.region if latest else None
