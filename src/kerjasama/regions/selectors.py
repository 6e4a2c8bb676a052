"""Reads of regions and adjacency that leave the app (pages, API, CLI, rulebook)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from kerjasama.regions.choices import Level, OverrideEffect
from kerjasama.regions.models import Adjacency, AdjacencyOverride, Region, RegionQuerySet


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
    for a, b in kabkota_pairs if kabkota_pairs is not None else effective_kabkota_pairs():
        if a[:2] != b[:2]:
            counts[_pair(a[:2], b[:2])] += 1
    return dict(counts)


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
            province_code=other[:2],
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
    counts: dict[str, int] = defaultdict(int)
    lengths: dict[str, float] = defaultdict(float)
    for (a, b), data in pairs.items():
        pa, pb = a[:2], b[:2]
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
    qs = Region.objects.visible_to(user).select_related("province")
    query = query.strip()
    if query:
        qs = qs.filter(Q(code__startswith=query) | Q(name__icontains=query))
    if level:
        qs = qs.filter(level=level)
    if province:
        qs = qs.filter(Q(code=province) | Q(province_id=province))
    if kind:
        qs = qs.filter(kind=kind)
    if autonomous_only:
        qs = qs.filter(is_autonomous=True)
    return qs.order_by("code")
