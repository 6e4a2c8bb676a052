"""The data of the oversight maps and the cooperation network (issue 13 item 2).

Who sees what (house rule 5): Kemendagri the whole country (Permendagri 22/2020 Pasal 34, national guidance and
supervision); a governor's office its province and the cooperation lines touching it (PP 12/2017 Pasal 24, the
governor as central government's representative); a region its own agreements and partners; anyone without a
login only the published register (UU 14/2008 Pasal 11, read through ``selectors.published_agreements``), with
no risk measure (the early warning is an internal assessment, UU 14/2008 Pasal 17 huruf i [U]).

Every figure is an aggregate of a fixed number of queries whatever the data size: the regions (1), the data
version (3, 4 for the public), the ids the user may view (1, officials only), the chosen measure (1), and on a
cache miss the parties (1) and affairs (1) of every agreement matching the filters.

The links of every agreement matching a filter set (whoever looks) are kept in Django's cache under a key made
of the filters and a data version (``links_version``); each user's scope (``Agreement.restrict`` or the
published register) is applied to them AFTER the cache, so no one's scoped view is ever stored or served to
another (house rule 5).
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.agreements.choices import AgreementStage, AgreementType
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.disputes.models import RegionRisk
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.models import Identification
from kerjasama.oversight.models import AgreementPublication
from kerjasama.oversight.network import AgreementLink, NetworkEdge, build_edges, province_of
from kerjasama.oversight.selectors import public_stages, published_agreements
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

MEASURE_AGREEMENTS = "agreements"
MEASURE_MAPPING = "mapping"
MEASURE_RISK = "risk"
MEASURES = (MEASURE_AGREEMENTS, MEASURE_MAPPING, MEASURE_RISK)
PUBLIC_MEASURES = (MEASURE_AGREEMENTS, MEASURE_MAPPING)
LEVELS = (Level.KABKOTA.value, Level.PROVINSI.value)
#: "No data" (no record of the measure for the region); the shades 0-4 are the legend's classes.
NO_DATA = -1

_REPORTED = (IdentificationStatus.SUBMITTED, IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)
_VERIFIED = (IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)


@dataclass(frozen=True)
class MapScope:
    """The part of the country a map shows: ``public`` (published agreements only), or an official's
    jurisdiction (national, a province, a region)."""

    public: bool = False
    national: bool = False
    province_code: str | None = None
    region_code: str | None = None

    def covers(self, code: str) -> bool:
        if self.public or self.national:
            return True
        if self.province_code:
            return province_of(code) == self.province_code
        return code == self.region_code

    @property
    def measures(self) -> tuple[str, ...]:
        return PUBLIC_MEASURES if self.public else MEASURES


PUBLIC_SCOPE = MapScope(public=True)


def scope_of_user(user: Any) -> MapScope | None:
    """The official scope of ``user``, or ``None`` for someone who speaks for no government (a third party,
    an account without an organisation): they read the public map."""
    j = jurisdiction_of(user)
    if j.third_party:
        return None
    if j.national:
        return MapScope(national=True)
    if j.province_code:
        return MapScope(province_code=j.province_code)
    if j.region_code:
        return MapScope(region_code=j.region_code)
    return None


@dataclass(frozen=True)
class MapFilters:
    """The filters of the map and the network (each empty for all)."""

    affair: str = ""
    type: str = ""
    stage: str = ""
    level: str = Level.KABKOTA.value
    measure: str = MEASURE_AGREEMENTS

    @classmethod
    def from_query(cls, data: Any, scope: MapScope) -> MapFilters:
        types = {c.value for c in AgreementType}
        stages = {c.value for c in AgreementStage}
        level = data.get("tingkat", "")
        measure = data.get("ukuran", "")
        return cls(
            affair=str(data.get("urusan", ""))[:4],
            type=data.get("jenis", "") if data.get("jenis", "") in types else "",
            stage=data.get("tahap", "") if data.get("tahap", "") in stages else "",
            level=level if level in LEVELS else Level.KABKOTA.value,
            measure=measure if measure in scope.measures else MEASURE_AGREEMENTS,
        )


def _filtered(qs: QuerySet[Any], filters: MapFilters) -> QuerySet[Any]:
    """``qs`` narrowed by affair, type and stage. Cancelled agreements never bound anyone and are left out
    unless asked for by stage."""
    qs = qs.filter(stage=filters.stage) if filters.stage else qs.exclude(stage=AgreementStage.DIBATALKAN)
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.affair:
        qs = qs.filter(
            pk__in=Agreement.affairs.through.objects.filter(affair_id=filters.affair).values("agreement")
        )
    return qs


def agreements_in_view(scope: MapScope, user: Any, filters: MapFilters) -> QuerySet[Any]:
    """The ids of the agreements the map reads: the published ones for the public, else those ``user`` may
    view (``Agreement.restrict``); narrowed by affair, type and stage (``_filtered``)."""
    if scope.public:
        qs = Agreement.objects.filter(pk__in=published_agreements().values("pk"))
    else:
        qs = Agreement.objects.restrict(user, "view")
    return _filtered(qs, filters).order_by().values("pk")


#: How long the links of a filter set stay cached (seconds). The key carries the data version, so a change
#: shows on the next request whatever this is; it only bounds how long an unused entry takes room.
LINKS_CACHE_SECONDS = 6 * 3600


def links_version(public: bool) -> str:
    """A cheap fingerprint of everything the links read (three aggregate queries, four for the public; some
    60 ms over 30,000 agreements on PostgreSQL): the agreements (count, newest
    ``updated_at``, sum of ``version`` — a stage change claims a version by an UPDATE that leaves
    ``updated_at`` alone), their parties (count, highest id, sum of versions), their affairs (count and highest
    id of the link rows: ``affairs.set`` deletes and inserts rows, so a replaced affair moves the highest id),
    and for the public the stored publication states (count, newest ``updated_at``, which
    ``publication_store`` moves on every change of state) and the public stages setting."""
    through = Agreement.affairs.through.objects.order_by()
    figures = Agreement.objects.order_by().aggregate(
        agreements=Count("pk"),
        agreements_at=Max("updated_at"),
        agreements_version=Sum("version"),
    )
    parties = AgreementParty.objects.order_by().aggregate(n=Count("pk"), last=Max("pk"), v=Sum("version"))
    affairs = through.aggregate(n=Count("pk"), last=Max("pk"))
    parts: list[Any] = [sorted(figures.items()), sorted(parties.items()), sorted(affairs.items())]
    if public:
        published = AgreementPublication.objects.order_by().aggregate(n=Count("pk"), at=Max("updated_at"))
        parts += [sorted(published.items()), sorted(public_stages())]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def _links_of(ids: QuerySet[Any]) -> list[AgreementLink]:
    """Each agreement of ``ids`` with its party regions, type and affairs (two queries)."""
    regions: dict[int, list[str]] = defaultdict(list)
    types: dict[int, str] = {}
    for agreement_id, region_id, kind in (
        AgreementParty.objects.filter(agreement__in=ids, region__isnull=False)
        .order_by()
        .values_list("agreement_id", "region_id", "agreement__type")
    ):
        regions[agreement_id].append(region_id)
        types[agreement_id] = kind
    affairs: dict[int, list[str]] = defaultdict(list)
    for agreement_id, affair_id in (
        Agreement.affairs.through.objects.filter(agreement__in=ids)
        .order_by()
        .values_list("agreement_id", "affair_id")
    ):
        affairs[agreement_id].append(affair_id)
    return [
        AgreementLink(pk, types[pk], tuple(sorted(affairs.get(pk, ()))), tuple(sorted(set(codes))))
        for pk, codes in sorted(regions.items())
    ]


@dataclass
class LevelView:
    """The links at one level (``at_level``), the edges they draw (``build_edges``) and how many agreements
    each region takes part in."""

    links: list[AgreementLink]
    edges: list[NetworkEdge]
    per_region: dict[str, int]


def _level_view(links: list[AgreementLink], level: str) -> LevelView:
    leveled = at_level(links, level)
    per_region: dict[str, int] = defaultdict(int)
    for link in leveled:
        for code in link.regions:
            per_region[code] += 1
    return LevelView(leveled, build_edges(leveled), dict(per_region))


#: The last views this process read, by the same key as the shared cache (reading 30,000 links back from the
#: cache costs some 300 ms of unpickling). The key carries the data version, so an entry is never served after a
#: change; the views are read-only once built.
_MEMO: dict[str, LevelView] = {}
MEMO_SIZE = 8
_MEMO_LOCK = threading.Lock()


#: Part of every cache key; ``forget_cached_views`` moves it on. Tests need it: a test's rows are rolled back,
#: and the next test's may give the same version (same counts and highest ids on SQLite, the same frozen clock)
#: with other regions.
_GENERATION = [0]


def forget_cached_views() -> None:
    """Drop this process's views and stop reading the shared ones (a new key generation)."""
    with _MEMO_LOCK:
        _MEMO.clear()
        _GENERATION[0] += 1


def _remember(key: str, view: LevelView) -> None:
    with _MEMO_LOCK:
        while len(_MEMO) >= MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)), None)
        _MEMO[key] = view


def cached_view(public: bool, filters: MapFilters) -> LevelView:
    """The view of EVERY agreement matching the filters (the published ones for ``public``) at the filters'
    level, whoever asks: scope-independent, so it may be shared through the cache; ``scoped_view`` narrows it
    to a user's scope afterwards."""
    key = "oversight:map-view:{}:{}:{}:{}:{}:{}:{}".format(
        _GENERATION[0],
        "public" if public else "all",
        filters.affair,
        filters.type,
        filters.stage,
        filters.level,
        links_version(public),
    )
    memo = _MEMO.get(key)
    if memo is not None:
        return memo
    stored = cache.get(key)
    if stored is not None:
        _remember(key, stored)
        return stored
    base = (
        Agreement.objects.filter(pk__in=published_agreements().values("pk")) if public else Agreement.objects
    )
    view = _level_view(_links_of(_filtered(base.all(), filters).order_by().values("pk")), filters.level)
    cache.set(key, view, LINKS_CACHE_SECONDS)
    _remember(key, view)
    return view


def scoped_view(scope: MapScope, user: Any, filters: MapFilters) -> LevelView:
    """The cached view narrowed to what ``user`` may see: the public register is the same for everyone; an
    official keeps the agreements ``Agreement.restrict`` lets them view (one query; when that is every cached
    agreement, as for the ministry, the cached view is used as it is). The caller keeps the edges of the scope
    (``map_data``, as ``visible_edges``)."""
    view = cached_view(scope.public, filters)
    if scope.public:
        return view
    visible = set(Agreement.objects.restrict(user, "view").order_by().values_list("pk", flat=True))
    if all(x.agreement_id in visible for x in view.links):
        return view
    return _level_view([x for x in view.links if x.agreement_id in visible], filters.level)


def agreement_links(scope: MapScope, user: Any, filters: MapFilters) -> list[AgreementLink]:
    """Each agreement in view with its party regions, type and affairs, at the filters' level."""
    return scoped_view(scope, user, filters).links


def at_level(links: list[AgreementLink], level: str) -> list[AgreementLink]:
    """The links with each region replaced by its province at the province level."""
    if level != Level.PROVINSI:
        return links
    return [
        AgreementLink(x.agreement_id, x.type, x.affairs, tuple(sorted({province_of(c) for c in x.regions})))
        for x in links
    ]


def visible_edges(scope: MapScope, links: list[AgreementLink]) -> list[NetworkEdge]:
    """The edges the scope may see: all for the public and the ministry, those touching the province or the
    region for its officials (an agreement they see may bind two partners elsewhere: that pair is not theirs)."""
    return [e for e in build_edges(links) if scope.covers(e.a) or scope.covers(e.b)]


@dataclass
class RegionInfo:
    code: str
    name: str
    level: str
    province_code: str
    lat: float | None
    lng: float | None


def regions_by_code() -> dict[str, RegionInfo]:
    """Every autonomous region (one query)."""
    return {
        r["code"]: RegionInfo(
            r["code"],
            r["name"],
            r["level"],
            r["province_id"] or r["code"],
            r["centroid_lat"],
            r["centroid_lng"],
        )
        for r in Region.objects.filter(is_autonomous=True)
        .order_by("code")
        .values("code", "name", "level", "province_id", "centroid_lat", "centroid_lng")
    }


@dataclass
class MapRow:
    """One region's figure on the map and in the table."""

    code: str
    name: str
    province_code: str
    value: float | int | None
    text: str
    shade: int
    agreements: int = 0
    partners: int = 0


@dataclass
class MapData:
    scope: MapScope
    filters: MapFilters
    rows: list[MapRow]
    edges: list[NetworkEdge]
    legend: list[tuple[int, str]]
    regions: dict[str, RegionInfo] = field(default_factory=dict)
    measure_label: str = ""


def _count_shade(n: int) -> int:
    return 0 if n <= 0 else 1 if n == 1 else 2 if n <= 4 else 3 if n <= 9 else 4


def _pct_shade(pct: float) -> int:
    return 0 if pct <= 0 else 1 if pct < 25 else 2 if pct < 50 else 3 if pct < 75 else 4


def measure_label(measure: str, scope: MapScope) -> str:
    if measure == MEASURE_MAPPING:
        return _("Mapping of cooperable affairs") if not scope.public else _("Published mapping")
    if measure == MEASURE_RISK:
        return _("Risk level (early warning)")
    return _("Agreements per region")


def _agreement_values(
    rows: dict[str, RegionInfo], per_region: dict[str, int]
) -> tuple[dict[str, tuple[Any, str, int]], list[tuple[int, str]]]:
    out = {}
    for code in rows:
        n = per_region.get(code, 0)
        out[code] = (n, _("%(n)s agreements") % {"n": n}, _count_shade(n))
    legend = [(0, _("none")), (1, "1"), (2, "2–4"), (3, "5–9"), (4, _("10 or more"))]
    return out, legend


def _mapping_values(
    scope: MapScope, user: Any, rows: dict[str, RegionInfo], level: str, regions: dict[str, RegionInfo]
) -> tuple[dict[str, tuple[Any, str, int]], list[tuple[int, str]]]:
    if scope.public:
        qs = Identification.objects.filter(status=IdentificationStatus.PUBLISHED)
    else:
        qs = Identification.objects.restrict(user, "view")
    status: dict[str, int] = {}
    for row in (
        qs.order_by()
        .values("region_id")
        .annotate(
            reported=Count("pk", filter=Q(status__in=_REPORTED)),
            verified=Count("pk", filter=Q(status__in=_VERIFIED)),
        )
    ):
        status[row["region_id"]] = 2 if row["verified"] else 1 if row["reported"] else 0
    texts = {0: _("not reported"), 1: _("reported, not yet verified"), 2: _("verified")}
    if scope.public:
        texts[2] = _("published")
    out: dict[str, tuple[Any, str, int]] = {}
    if level != Level.PROVINSI:
        for code in rows:
            s = status.get(code, 0)
            out[code] = (s, texts[s], s * 2)
        legend = (
            [(0, texts[0]), (4, texts[2])] if scope.public else [(0, texts[0]), (2, texts[1]), (4, texts[2])]
        )
        return out, legend
    members: dict[str, list[str]] = defaultdict(list)
    for code, info in regions.items():
        members[info.province_code].append(code)
    for code in rows:
        group = members.get(code, [code])
        done = sum(1 for c in group if status.get(c, 0) == 2)
        pct = round(100 * done / len(group)) if group else 0
        out[code] = (
            pct,
            _("%(done)s of %(total)s regions %(what)s (%(pct)s%%)")
            % {"done": done, "total": len(group), "what": texts[2], "pct": pct},
            _pct_shade(pct),
        )
    legend = [(0, "0 %"), (1, "1–24 %"), (2, "25–49 %"), (3, "50–74 %"), (4, "75–100 %")]
    return out, legend


def _risk_values(
    user: Any, rows: dict[str, RegionInfo]
) -> tuple[dict[str, tuple[Any, str, int]], list[tuple[int, str]]]:
    bands = {
        r["region_id"]: r
        for r in RegionRisk.objects.restrict(user, "view")
        .filter(region_id__in=list(rows))
        .order_by()
        .values("region_id", "max_band", "agreements")
    }
    out: dict[str, tuple[Any, str, int]] = {}
    for code in rows:
        r = bands.get(code)
        if r is None:
            out[code] = (None, _("no data"), NO_DATA)
        else:
            out[code] = (
                r["max_band"],
                _("highest band %(band)s of 5 (%(n)s active agreements)")
                % {"band": r["max_band"], "n": r["agreements"]},
                int(r["max_band"]) - 1,
            )
    legend = [(NO_DATA, _("no data"))] + [(b - 1, _("band %(band)s") % {"band": b}) for b in range(1, 6)]
    return out, legend


def map_data(scope: MapScope, user: Any, filters: MapFilters) -> MapData:
    """The regions of the map at the chosen level with the chosen measure, and the cooperation lines."""
    regions = regions_by_code()
    view = scoped_view(scope, user, filters)
    edges = [e for e in view.edges if scope.covers(e.a) or scope.covers(e.b)]
    partners: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        partners[e.a].add(e.b)
        partners[e.b].add(e.a)
    level_codes = {c: r for c, r in regions.items() if r.level == filters.level}
    shown = {c: r for c, r in level_codes.items() if scope.covers(c) or c in partners}
    if filters.measure == MEASURE_MAPPING:
        values, legend = _mapping_values(scope, user, shown, filters.level, regions)
    elif filters.measure == MEASURE_RISK and not scope.public:
        values, legend = _risk_values(user, shown)
    else:
        values, legend = _agreement_values(shown, view.per_region)
    rows = [
        MapRow(
            code,
            info.name,
            info.province_code,
            values[code][0],
            values[code][1],
            values[code][2],
            agreements=view.per_region.get(code, 0),
            partners=len(partners.get(code, ())),
        )
        for code, info in shown.items()
    ]
    return MapData(scope, filters, rows, edges, legend, regions, measure_label(filters.measure, scope))
