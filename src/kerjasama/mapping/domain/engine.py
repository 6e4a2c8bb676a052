"""The recommendation engine of the *pemetaan urusan yang dapat dikerjasamakan* (PP 28/2018 Pasal 5;
Permendagri 22/2020 Pasal 5): for each region and affair, which partners, how strongly, and is it mandatory?

Pure Python (no Django): ``MappingInputs`` bundles the rulebook ``ReferenceData`` with the regions' profiles
(indicator values), functional areas, identifications, existing agreements, border lengths and centroids, and
builds every index once. ``recommend`` then scores, per region and affair, only the candidate partners:

- the regions it borders (``ReferenceData.borders``): for a kab/kota its bordering kab/kota, its own province
  and the provinces it borders; for a province the provinces it borders, its own kab/kota and the kab/kota of
  other provinces that border it (pairing (c); this keeps the candidate relation symmetric);
- its co-members in a functional area;
- the regions whose verified/published offer meets its need for the affair, or whose need its offer meets
  (these may be far away: voluntary cooperation, UU 23/2014 Pasal 365).

Non-autonomous regions (DKI Jakarta's administrative kota/kabupaten, R3) are never regions nor partners.

Score (points, ``MappingWeights``): border (grows with the shared km), functional area, complementarity of
indicators (one side's service gap times the other side's strength), need/offer match, centroid distance;
clamped to 0..100 and rounded to 0.1. Every component is symmetric in the pair, so A's score for B equals B's
score for A. ``wajib`` exactly when the two border each other and form a Pasal 364(2) pairing (R7, R8),
otherwise ``sukarela``. Authority (R11) and the cross-border scope notes come from ``authority.py``; an
existing agreement suppresses the pair or turns it into an extension.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from kerjasama.mapping.domain.authority import (
    R9_REMINDER,
    AffairAuthorityPlan,
    cross_border_note,
    plan_affair,
)
from kerjasama.mapping.domain.inputs import (
    AffairTraitFact,
    ExistingAgreement,
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorDef,
    IndicatorValueFact,
)
from kerjasama.mapping.domain.results import (
    AuthorityNote,
    ExternalitySource,
    Reason,
    RecommendationFact,
    RecommendationKind,
    explain,
)
from kerjasama.mapping.domain.scoring import (
    AffairProfile,
    Choice,
    IdentSummary,
    Offer,
    PairFacts,
    agreement_reason,
    complementarity,
    complementarity_reason,
    externality_reason,
    haversine_km,
    need_offer_reason,
    pair_base,
    reach_reason,
)
from kerjasama.mapping.domain.weights import MappingWeights
from kerjasama.rulebook.facts import Level
from kerjasama.rulebook.reference import ReferenceData

__all__ = [
    "AuthorityNote",
    "MappingInputs",
    "Reason",
    "RecommendationFact",
    "affected_regions",
    "explain",
    "recommend",
]

Finding = dict[str, str]

_Kept = tuple[
    Level,
    PairFacts,
    tuple[Reason, ...],
    tuple[Reason, ...],
    tuple[Finding, ...],
    Choice | None,
    IdentSummary | None,
    tuple[ExistingAgreement, bool] | None,
    "ExternalitySource | None",
    str | None,
    bool,
]


class MappingInputs:
    """Everything the engine reads, indexed once. Build a new one when the data change (cheap: linear).

    ``reference``: the rulebook's ``ReferenceData`` (regions, kab/kota adjacency, affairs, authority matrix).
    ``indicators`` and ``values``: the regions' profiles; only the latest year per region and indicator is
    read (a non-example value beats an example one of the same year). ``functional_areas``: members that are
    not autonomous regions are ignored. ``identifications``: only ``verified``/``published`` ones count.
    ``agreements``: cooperations in force. ``border_km``: shared border length per kab/kota pair (None =
    unknown); province pairs and province <-> kab/kota of another province are derived as the sum over the
    crossing kab/kota pairs unless given. ``centroids``: code -> (lat, lng) for the distance component.
    ``affair_traits``: per affair, its cross-regional externality, reach and relevant functional-area kinds
    (``AffairTraitFact``; missing affairs have none, so nothing is mandatory-eligible on them).
    """

    def __init__(
        self,
        reference: ReferenceData,
        *,
        indicators: Iterable[IndicatorDef] = (),
        values: Iterable[IndicatorValueFact] = (),
        functional_areas: Iterable[FunctionalAreaFact] = (),
        identifications: Iterable[IdentificationFact] = (),
        agreements: Iterable[ExistingAgreement] = (),
        border_km: Mapping[frozenset[str], float | None] | None = None,
        centroids: Mapping[str, tuple[float, float]] | None = None,
        affair_traits: Iterable[AffairTraitFact] = (),
    ) -> None:
        self.reference = reference
        self._traits: dict[str, AffairTraitFact] = {t.code: t for t in affair_traits}
        regions = reference.regions
        self._level: dict[str, Level] = {c: r.level for c, r in regions.items() if r.autonomous}
        self._names: dict[str, str] = {c: r.name for c, r in regions.items()}
        self._province: dict[str, str] = {c: r.province_code for c, r in regions.items()}
        self.regions: tuple[str, ...] = tuple(sorted(self._level))
        self._centroids: dict[str, tuple[float, float]] = dict(centroids or {})
        self._km = self._border_lengths(border_km or {})
        self._areas = self._area_index(functional_areas)
        # Bordering and co-member partners per region, with their pair facts: the partner sets are cheap and
        # built at once; the facts are built the first time a region is asked for (a one-region recompute
        # then pays for one region, not for 546; issue 9's budget of 100 ms).
        self._geo = self._geo_partners()
        self._static: dict[str, tuple[tuple[str, PairFacts], ...]] = {}
        self._static_facts: dict[tuple[str, str], PairFacts] = {}
        self.indicators: dict[str, IndicatorDef] = {i.code: i for i in indicators}
        self._profiles = self._profile_index(values)
        self._idents, self._needers, self._offerers = self._ident_index(identifications)
        self._externality: dict[str, frozenset[str]] = {}
        for code, per_affair in self._idents.items():
            for affair, summary in per_affair.items():
                if summary.externality:
                    self._externality[affair] = self._externality.get(affair, frozenset()) | {code}
        self._agreements = self._agreement_index(agreements)
        self._plans: dict[str, AffairAuthorityPlan] = {}
        self._far: dict[tuple[str, str], PairFacts] = {}
        self._notes: dict[tuple[str, str, str], tuple[AuthorityNote, Finding] | None] = {}

    # -- index builders ------------------------------------------------------------------------------

    def _border_lengths(
        self, given: Mapping[frozenset[str], float | None]
    ) -> dict[frozenset[str], float | None]:
        """Kab/kota pair lengths as given; province pairs and province<->kab/kota of another province are the
        sum over the crossing kab/kota pairs (None when any crossing length is missing), unless given."""
        ref = self.reference
        km: dict[frozenset[str], float | None] = {frozenset(k): v for k, v in given.items()}
        derived: dict[frozenset[str], float | None] = {}

        def add(key: frozenset[str], value: float | None) -> None:
            if key in derived:
                prev = derived[key]
                derived[key] = None if prev is None or value is None else prev + value
            else:
                derived[key] = value

        for pair in ref.kabkota_adjacency:
            a, b = sorted(pair)
            value = km.get(pair)
            pa, pb = self._province[a], self._province[b]
            if pa != pb:
                add(frozenset((pa, pb)), value)
                add(frozenset((a, pb)), value)
                add(frozenset((b, pa)), value)
        for key, value in derived.items():
            km.setdefault(key, value)
        return km

    def _area_index(
        self, areas: Iterable[FunctionalAreaFact]
    ) -> dict[str, dict[str, list[FunctionalAreaFact]]]:
        index: dict[str, dict[str, list[FunctionalAreaFact]]] = {}
        for area in sorted(areas, key=lambda x: x.code):
            members = sorted({m for m in area.members if m in self._level})
            for a in members:
                for b in members:
                    if a != b:
                        index.setdefault(a, {}).setdefault(b, []).append(area)
        return index

    def _geo_partners(self) -> dict[str, set[str]]:
        ref = self.reference
        level = self._level
        geo: dict[str, set[str]] = {code: set() for code in level}
        for code, lvl in level.items():
            if lvl == "kabkota":
                for b in ref.kabkota_neighbours(code):
                    if b in level:
                        geo[code].add(b)
                for p in ref.provinces_bordered_by(code):
                    if p in level:
                        geo[code].add(p)
                        geo[p].add(code)
            else:
                for p in ref.province_neighbours(code):
                    if p in level:
                        geo[code].add(p)
        return geo

    def _static_of(self, code: str) -> tuple[tuple[str, PairFacts], ...]:
        """``code``'s bordering regions and functional-area co-members with the pair facts, sorted by code
        (built once per region; each pair's facts once for both directions)."""
        found = self._static.get(code)
        if found is None:
            if code not in self._level:
                return ()
            partners = self._geo[code] | set(self._areas.get(code, {}))
            partners.discard(code)
            entries = []
            for b in sorted(partners):
                key = (code, b) if code < b else (b, code)
                facts = self._static_facts.get(key)
                if facts is None:
                    facts = self._static_facts[key] = self._pair_facts(key[0], key[1])
                entries.append((b, facts))
            found = self._static[code] = tuple(entries)
        return found

    def _pair_facts(self, a: str, b: str) -> PairFacts:
        ref = self.reference
        borders = ref.borders(a, b)
        pairing = ref.pairing(a, b)
        within = borders and pairing is not None and pairing.letter == "b"
        km = None if within or not borders else self._km.get(frozenset((a, b)))
        areas = tuple(self._areas.get(a, {}).get(b, ()))
        return PairFacts(
            borders=borders,
            mandatory_eligible=borders and pairing is not None,
            pairing=pairing.letter if pairing is not None else None,
            border_km=km,
            within_province=within,
            areas=areas,
            distance_km=self._distance(a, b),
        )

    def _distance(self, a: str, b: str) -> float | None:
        if b < a:
            a, b = b, a
        ca, cb = self._centroids.get(a), self._centroids.get(b)
        if ca is None or cb is None:
            return None
        return haversine_km(ca, cb)

    def _profile_index(self, values: Iterable[IndicatorValueFact]) -> dict[str, dict[str, AffairProfile]]:
        """The latest value per region and indicator now; each region's per-affair profile on first use
        (``profile``): a recompute of one region builds only the profiles of its candidates."""
        latest: dict[tuple[str, str], IndicatorValueFact] = {}
        for v in values:
            if v.region_code not in self._level or v.indicator_code not in self.indicators:
                continue
            if not math.isfinite(v.value):
                continue
            key = (v.region_code, v.indicator_code)
            cur = latest.get(key)
            if cur is None or (v.year, not v.is_example, v.value) > (cur.year, not cur.is_example, cur.value):
                latest[key] = v
        self._latest: dict[str, list[tuple[str, IndicatorValueFact]]] = {}
        for (region, code), v in latest.items():
            self._latest.setdefault(region, []).append((code, v))
        return {}

    def profile(self, region: str) -> dict[str, AffairProfile] | None:
        """The region's indicator picture per affair (None without values), built once."""
        found = self._profiles.get(region)
        if found is not None or region not in self._latest:
            return found
        raw: dict[str, list[tuple[IndicatorDef, IndicatorValueFact]]] = {}
        for code, v in sorted(self._latest[region], key=lambda item: item[0]):
            ind = self.indicators[code]
            for affair in ind.affairs:
                raw.setdefault(affair, []).append((ind, v))
        out: dict[str, AffairProfile] = {}
        for affair, items in raw.items():
            needs: list[tuple[float, IndicatorDef, IndicatorValueFact]] = []
            service: dict[str, Offer] = {}
            best_cap: Offer | None = None
            for ind, v in items:  # sorted by indicator code
                s = ind.strength(v.value)
                if ind.role == "service":
                    service[ind.code] = Offer(s, ind, v)
                    if s < 1.0:
                        needs.append((1.0 - s, ind, v))
                elif best_cap is None or s > best_cap.strength:
                    best_cap = Offer(s, ind, v)
            out[affair] = AffairProfile(tuple(needs), service, best_cap)
        self._profiles[region] = out
        return out

    def _ident_index(
        self, identifications: Iterable[IdentificationFact]
    ) -> tuple[dict[str, dict[str, IdentSummary]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        grouped: dict[tuple[str, str], list[IdentificationFact]] = {}
        for ident in identifications:
            if ident.counts and ident.region_code in self._level:
                grouped.setdefault((ident.region_code, ident.affair_code), []).append(ident)
        idents: dict[str, dict[str, IdentSummary]] = {}
        needers: dict[str, set[str]] = {}
        offerers: dict[str, set[str]] = {}
        for (region, affair), items in sorted(grouped.items()):
            published = [i for i in items if i.published]
            summary = IdentSummary(
                _merged(items, "needs"),
                _merged(items, "offers"),
                any(i.externality for i in items),
                _merged(published, "needs"),
                _merged(published, "offers"),
                any(i.externality for i in published),
            )
            idents.setdefault(region, {})[affair] = summary
            if summary.needs:
                needers.setdefault(affair, set()).add(region)
            if summary.offers:
                offerers.setdefault(affair, set()).add(region)
        return (
            idents,
            {k: frozenset(v) for k, v in needers.items()},
            {k: frozenset(v) for k, v in offerers.items()},
        )

    def _agreement_index(
        self, agreements: Iterable[ExistingAgreement]
    ) -> dict[tuple[str, str, str], ExistingAgreement]:
        index: dict[tuple[str, str, str], ExistingAgreement] = {}
        for ag in agreements:
            parties = sorted(ag.parties)
            for a in parties:
                for b in parties:
                    if a == b:
                        continue
                    key = (a, b, ag.affair_code)
                    cur = index.get(key)
                    if cur is None or _ends_key(ag) > _ends_key(cur):
                        index[key] = ag
        return index

    # -- lookups -------------------------------------------------------------------------------------

    def trait(self, affair_code: str) -> AffairTraitFact:
        """The affair's characteristics; an affair without any: no externality, regional, no area kinds."""
        trait = self._traits.get(affair_code)
        return trait if trait is not None else AffairTraitFact(affair_code)

    def plan(self, affair_code: str) -> AffairAuthorityPlan:
        plan = self._plans.get(affair_code)
        if plan is None:
            plan = self._plans[affair_code] = plan_affair(self.reference, affair_code)
        return plan

    def pair_facts(self, a: str, b: str) -> PairFacts:
        """Facts of a pair (any two autonomous regions, candidate or not)."""
        for partner, facts in self._static_of(a):
            if partner == b:
                return facts
        return PairFacts(False, False, _letter(self.reference, a, b), None, False, (), self._distance(a, b))

    def far_facts(self, a: str, b: str) -> PairFacts:
        """Facts of a non-candidate pair met through a need/offer match, computed once for both directions."""
        key = (a, b) if a < b else (b, a)
        facts = self._far.get(key)
        if facts is None:
            facts = self._far[key] = PairFacts(
                False, False, _letter(self.reference, a, b), None, False, (), self._distance(a, b)
            )
        return facts

    def static_partners(self, code: str) -> tuple[str, ...]:
        """Bordering regions and functional-area co-members (autonomous only), sorted."""
        return tuple(b for b, _ in self._static_of(code))

    def match_partners(self, code: str, affair_code: str) -> frozenset[str]:
        """Regions whose counted offer meets ``code``'s need for the affair, or whose need its offer meets."""
        summary = self._idents.get(code, {}).get(affair_code)
        if summary is None:
            return frozenset()
        found: set[str] = set()
        if summary.needs:
            found |= self._offerers.get(affair_code, frozenset())
        if summary.offers:
            found |= self._needers.get(affair_code, frozenset())
        found.discard(code)
        return frozenset(found)

    def candidates(self, code: str, affair_code: str | None = None) -> frozenset[str]:
        """Every candidate partner of ``code`` for one affair, or for any affair when ``affair_code`` is None."""
        if code not in self._level:
            return frozenset()
        found = set(self.static_partners(code))
        affairs = [affair_code] if affair_code is not None else list(self._idents.get(code, {}))
        for affair in affairs:
            found |= self.match_partners(code, affair)
        return frozenset(found)

    def sees(self, region: str, other: str) -> bool:
        """Whether what only ``other``'s jurisdiction may read can be shown to ``region``'s.

        A stored recommendation of ``region`` is read within its jurisdiction (the region, its province, the
        ministry): a province's jurisdiction covers its own kab/kota (UU 23/2014 Pasal 91), a kab/kota's only
        itself. Reasons quote another region's unpublished identifications and indicator values only then.
        """
        if region == other:
            return True
        return self._level.get(region) == "provinsi" and self._province.get(other) == region

    def identifying_regions(self) -> frozenset[str]:
        """Regions with a counted, non-empty need or offer on some affair."""
        return frozenset(self._idents)

    def _note(self, affair: str, a: str, b: str) -> tuple[AuthorityNote, Finding] | None:
        pa, pb = self._province[a], self._province[b]
        key = (affair, pa, pb) if pa <= pb else (affair, pb, pa)
        if key in self._notes:
            return self._notes[key]
        subs = self.plan(affair).cross_border_sub_affairs
        note = cross_border_note(self.reference, affair, subs, pa, pb) if subs else None
        self._notes[key] = note
        return note


def _merged(items: Iterable[IdentificationFact], attr: str) -> str:
    """The distinct non-empty texts of ``attr`` (``needs``/``offers``), whitespace-normalised, sorted, "; "."""
    return "; ".join(sorted({" ".join(getattr(i, attr).split()) for i in items if getattr(i, attr).strip()}))


def _ends_key(ag: ExistingAgreement) -> tuple[float, str, tuple[str, ...]]:
    """The agreement that runs longest wins; label and parties break ties so input order never matters."""
    return (math.inf if ag.ends_year is None else float(ag.ends_year), ag.label, tuple(sorted(ag.parties)))


def _letter(ref: ReferenceData, a: str, b: str) -> str | None:
    pairing = ref.pairing(a, b)
    return pairing.letter if pairing is not None else None


def recommend(
    inputs: MappingInputs,
    weights: MappingWeights,
    *,
    regions: Iterable[str] | None = None,
    affairs: Iterable[str] | None = None,
    chunk: int = 0,
    on_chunk: Callable[[list[RecommendationFact], int, int], None] | None = None,
) -> list[RecommendationFact]:
    """Recommendations sorted by region, affair, score (desc) and partner; at most ``max_partners`` per
    (region, affair), each scoring at least ``min_score``. ``None`` = every autonomous region / every affair.

    ``on_chunk(new, done, total)``, when given, is called after every ``chunk`` regions (and once at the end)
    with the recommendations added since the last call: the caller can report progress or start storing them
    while the rest is computed. The result is the same as without it.

    Raises ``ValueError`` for a region or affair code the reference data does not know. A non-autonomous region
    in ``regions`` yields nothing (it cannot be a party, R3).
    """
    ref = inputs.reference
    if regions is None:
        region_list = list(inputs.regions)
    else:
        region_list = sorted(set(regions))
        unknown = [c for c in region_list if ref.region(c) is None]
        if unknown:
            raise ValueError(f"unknown region codes: {', '.join(unknown)}")
        region_list = [c for c in region_list if c in inputs._level]
    if affairs is None:
        affair_list = sorted(ref.affairs)
    else:
        affair_list = sorted(set(affairs))
        unknown = [c for c in affair_list if ref.affair(c) is None]
        if unknown:
            raise ValueError(f"unknown affair codes: {', '.join(unknown)}")
    ctx = _Run(inputs, weights, affair_list)
    out: list[RecommendationFact] = []
    # A national run allocates ~10^5 small acyclic objects; the cyclic collector would rescan them over and
    # over (a third of the run time) while finding nothing to free. Pause it for the call, restore after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        sent = 0
        for done, a in enumerate(region_list, 1):
            ctx.region(a, out)
            if on_chunk is not None and chunk > 0 and done % chunk == 0:
                on_chunk(out[sent:], done, len(region_list))
                sent = len(out)
        if on_chunk is not None:
            on_chunk(out[sent:], len(region_list), len(region_list))
    finally:
        if collecting:
            gc.enable()
    return out


class _Run:
    """One ``recommend`` call: the weights and per-affair plans, then a loop per region (kept flat for speed)."""

    def __init__(self, inputs: MappingInputs, weights: MappingWeights, affairs: list[str]) -> None:
        self.inputs = inputs
        self.weights = weights
        self.affairs = affairs
        self.plans = {f: inputs.plan(f) for f in affairs}
        self.traits = {f: inputs.trait(f) for f in affairs}
        self.ref_year = weights.reference_year if weights.reference_year is not None else date.today().year

    def region(self, a: str, out: list[RecommendationFact]) -> None:
        inputs, weights = self.inputs, self.weights
        level = inputs._level
        profile = inputs.profile
        idents = inputs._idents
        agreements = inputs._agreements
        min_score = weights.min_score
        # Scores are rounded to 0.1 before the threshold; anything this far below cannot round up to it.
        floor = min_score - 0.05
        max_partners = weights.max_partners
        w_comp = weights.complementarity
        w_match = weights.need_offer
        max_km = weights.service_max_km
        ref_year, window = self.ref_year, weights.extension_window_years
        la = level[a]
        is_kabkota = la == "kabkota"
        prof_a = profile(a)
        ident_a = idents.get(a)
        static_ids: set[str] = set()
        base: list[tuple[str, Level, PairFacts]] = []
        for b, facts in inputs._static_of(a):
            static_ids.add(b)
            base.append((b, level[b], facts))
        far_cache: dict[str, tuple[str, Level, PairFacts]] = {}
        # The affair-independent part of a pair, per kind of affair (which area kinds count, whether distance
        # counts): a handful of combinations over the 32 affairs.
        pb_cache: dict[tuple[str, frozenset[str], bool], tuple[float, tuple[Reason, ...], tuple[Reason, ...]]] = {}
        for f in self.affairs:
            plan = self.plans[f]
            trait = self.traits[f]
            kinds = trait.area_kinds
            use_distance = trait.reach != "any_distance"
            decisions = plan.decisions
            entries = base
            summary_a = ident_a.get(f) if ident_a is not None else None
            if summary_a is not None:
                extra = inputs.match_partners(a, f) - static_ids
                if extra:
                    entries = list(base)
                    for b in sorted(extra):
                        entry = far_cache.get(b)
                        if entry is None:
                            entry = far_cache[b] = (b, level[b], inputs.far_facts(a, b))
                        entries.append(entry)
            pa = prof_a.get(f) if prof_a is not None and w_comp > 0 else None
            scored: list[tuple[float, str, _Kept]] = []
            for b, lb, facts in entries:
                auth_findings = decisions[(la, lb)]
                if auth_findings is None:
                    continue
                # Area kinds matter only to a pair that shares an area: most pairs need two entries at most.
                key = (b, kinds if facts.areas else frozenset(), use_distance)
                cached = pb_cache.get(key)
                if cached is None:
                    cached = pb_cache[key] = pair_base(
                        weights, facts, is_kabkota, inputs._names[b], area_kinds=kinds, use_distance=use_distance
                    )
                pts, lead, trail = cached
                total = pts
                choice: Choice | None = None
                if pa is not None:
                    prof_b = profile(b)
                    pb = prof_b.get(f) if prof_b is not None else None
                    if pb is not None:
                        choice = complementarity(pa, pb)
                        if choice is not None:
                            if w_comp * choice[0] >= 0.05:
                                total += w_comp * choice[0]
                            else:
                                choice = None
                summary_b: IdentSummary | None = None
                ident_b = idents.get(b)
                if summary_a is not None and w_match > 0:
                    summary_b = ident_b.get(f) if ident_b is not None else None
                    if summary_b is not None and (
                        (summary_a.needs and summary_b.offers) or (summary_a.offers and summary_b.needs)
                    ):
                        total += w_match
                    else:
                        summary_b = None
                matched = summary_b is not None
                # Distance and relevance (issue 9): for an affair where distance matters (service-type and
                # regional ones) no partner beyond service_max_km between non-bordering regions, unless a
                # need/offer match asks for it (then the ``reach`` reason says so).
                beyond = (
                    use_distance
                    and not facts.borders
                    and facts.distance_km is not None
                    and facts.distance_km > max_km
                )
                if beyond and not matched:
                    continue
                # Mandatory only where the law says so (UU 23/2014 Pasal 364(1)): bordering and an externality
                # (the affair's own, or stated in a published identification of either party).
                ext_b = ident_b.get(f) if ident_b is not None else None
                party: str | None = None
                if summary_a is not None and summary_a.public_externality:
                    party = a
                elif ext_b is not None and ext_b.public_externality:
                    party = b
                source: ExternalitySource | None = None
                if facts.mandatory_eligible:
                    if trait.externality:
                        source = "affair"
                    elif party is not None:
                        source = "identification"
                # Affair-specific evidence: an externality across the shared border, a functional area of a
                # kind that matters to the affair, complementary indicators of the affair, or a need/offer.
                evidence = (
                    source is not None
                    or choice is not None
                    or matched
                    or (bool(kinds) and bool(facts.areas) and any(r.code == "functional_area" for r in lead))
                )
                if not evidence or total < floor:
                    continue
                score = round(total if total < 100.0 else 100.0, 1)
                if score < min_score:
                    continue
                agreement: tuple[ExistingAgreement, bool] | None = None
                if agreements:
                    ag = agreements.get((a, b, f))
                    if ag is not None:
                        ends = ag.ends_year
                        if ends is None or ends > ref_year + window:
                            continue  # still running: no duplicate
                        agreement = (ag, ends >= ref_year - window)
                far = not facts.borders and facts.distance_km is not None and facts.distance_km > max_km
                scored.append(
                    (
                        -score,
                        b,
                        (
                            lb,
                            facts,
                            lead,
                            trail,
                            auth_findings,
                            choice,
                            summary_b,
                            agreement,
                            source,
                            party,
                            far,
                        ),
                    )
                )
            if not scored:
                continue
            scored.sort()  # partner codes are unique, so ties on the score never reach the payload
            for neg, b, kept in scored[:max_partners]:
                out.append(self._build(a, b, f, -neg, la, summary_a, plan, kept))

    def _build(
        self,
        a: str,
        b: str,
        f: str,
        score: float,
        la: Level,
        summary_a: IdentSummary | None,
        plan: AffairAuthorityPlan,
        kept: _Kept,
    ) -> RecommendationFact:
        lb, facts, lead, trail, auth_findings, choice, summary_b, agreement, source, party, far = kept
        inputs, weights = self.inputs, self.weights
        kind: RecommendationKind = "new"
        middle: list[Reason] = []
        if choice is not None or summary_b is not None:
            # Only what the region's jurisdiction may read of the partner goes into the text (issue 8).
            visible = inputs.sees(a, b)
            if choice is not None:
                pts = weights.complementarity * choice[0]
                middle.append(complementarity_reason(choice, pts, facts.borders, visible))
            if summary_b is not None and summary_a is not None:
                middle.append(
                    need_offer_reason(summary_a, summary_b, weights.need_offer, inputs._names[b], visible)
                )
        trait = self.traits[f]
        tail: list[Reason] = list(trail)
        if far:
            tail.append(reach_reason(trait.reach, facts.distance_km, weights.service_max_km))
        tail.append(externality_reason(source, trait, facts, party))
        reasons = (*lead, *middle, *tail)
        if agreement is not None:
            reasons = (*reasons, agreement_reason(agreement[0], agreement[1]))
            if agreement[1]:
                kind = "extension"
        findings = auth_findings
        note: AuthorityNote | None = None
        if plan.cross_border_sub_affairs and la == "kabkota" and lb == "kabkota":
            found = inputs._note(f, a, b)
            if found is not None:
                note = found[0]
                findings = (*findings, found[1])
        mandatory = source is not None
        if mandatory and not (
            (summary_a is not None and summary_a.externality) or b in inputs._externality.get(f, ())
        ):
            findings = (*findings, R9_REMINDER)
        return RecommendationFact(
            region=a,
            partner=b,
            affair=f,
            score=score,
            category="wajib" if mandatory else "sukarela",
            mandatory_eligible=mandatory,
            kind=kind,
            reasons=reasons,
            findings=findings,
            authority_note=note,
            borders=facts.borders,
            distance_km=facts.distance_km,
        )


def affected_regions(
    inputs: MappingInputs,
    changed_region: str,
    *,
    previous: MappingInputs | None = None,
    identifications_changed: bool = True,
    affairs: Iterable[str] | None = None,
    sides: Mapping[str, tuple[bool, bool]] | None = None,
) -> set[str]:
    """The regions whose recommendations can change when ``changed_region``'s profile or identifications change.

    That is the region itself plus every region that has it as a candidate (the candidate relation is
    symmetric, so: its candidates) after the change, and before it. Pass ``previous`` (the inputs before the
    change) for the exact set. Without it, when identifications changed:

    - with ``affairs`` (the affairs whose identifications changed): the region's static partners (bordering and
      functional-area co-members: the only pairs whose mandatory flag an externality can change) plus every
      region with a counted need or offer on those affairs (the matches before and after are among them).
      Bounded by the same affair, not by every region with any identification (issue 9). ``sides`` (affair ->
      whether the changed identification states a need, an offer) narrows it to the regions that can match
      it: their offers if it needs, their needs if it offers. Valid when the texts did not change (a status
      transition: submitted, verified, published, returned), so the matches before and after are the same;
    - without ``affairs``: every region with a counted need or offer (a safe superset).

    With ``identifications_changed=False`` (only indicator values changed) the candidates after the change
    suffice. Recomputing ``recommend(..., regions=affected)`` then equals a full run for those regions, and
    every other region's recommendations are unchanged.
    """
    sources = [s for s in (inputs, previous) if s is not None and changed_region in s._level]
    if not sources:
        return set()  # not an autonomous region: never a region nor a partner
    result: set[str] = {changed_region}
    if previous is not None or not identifications_changed or affairs is None:
        for source in sources:
            result |= source.candidates(changed_region)
        if previous is None and identifications_changed:
            result |= inputs.identifying_regions()
        return result
    result |= set(inputs.static_partners(changed_region))
    # Without the state before the change, a match the region had may be gone (its texts changed, or its
    # identification no longer counts): every region with a counted need or offer on the affair is included.
    for affair in affairs:
        needs, offers = (sides or {}).get(affair, (True, True))
        if needs:
            result |= inputs._offerers.get(affair, frozenset())
        if offers:
            result |= inputs._needers.get(affair, frozenset())
    return result
