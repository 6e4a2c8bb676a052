"""Properties of the engine over random geographies (hypothesis).

- a pair that does not border is never mandatory-eligible; eligibility is exactly bordering + a Pasal 364(2)
  pairing, the same in both directions, with the same score;
- partners come only from borders, functional areas and counted need/offer matches;
- results are deterministic, whatever the order of the inputs;
- ``affected_regions``: recomputing only those regions after a change gives the full run's result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kerjasama.mapping.domain import (
    AffairTraitFact,
    ExistingAgreement,
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorValueFact,
    MappingInputs,
    MappingWeights,
    RecommendationFact,
    affected_regions,
    recommend,
)
from kerjasama.mapping.tests.test_domain_fixtures import (
    AFFAIRS,
    AUTHORITY_ROWS,
    IDENTIFICATIONS,
    INDICATORS,
    LANDFILL,
    VALUES,
    WASTE,
    WEIGHTS,
    build_inputs,
)
from kerjasama.rulebook import ReferenceData, RegionFact

AFFAIR_CODES = tuple(a.code for a in AFFAIRS)
LOOSE = replace(WEIGHTS, min_score=0.0, max_partners=50)
STATUSES = ("draft", "verified", "published")


@dataclass
class World:
    ref: ReferenceData
    values: list[IndicatorValueFact]
    identifications: list[IdentificationFact]
    areas: list[FunctionalAreaFact]
    agreements: list[ExistingAgreement]
    km: dict[frozenset[str], float | None]
    centroids: dict[str, tuple[float, float]]
    traits: list[AffairTraitFact]

    def inputs(self, shuffle_seed: int | None = None) -> MappingInputs:
        lists: list[list[object]] = [
            list(self.values),
            list(self.identifications),
            list(self.areas),
            list(self.agreements),
        ]
        if shuffle_seed is not None:
            rng = random.Random(shuffle_seed)
            for items in lists:
                rng.shuffle(items)
        values, idents, areas, agreements = lists
        return MappingInputs(
            self.ref,
            indicators=INDICATORS,
            values=values,  # type: ignore[arg-type]
            functional_areas=areas,  # type: ignore[arg-type]
            identifications=idents,  # type: ignore[arg-type]
            agreements=agreements,  # type: ignore[arg-type]
            border_km=self.km,
            centroids=self.centroids,
            affair_traits=self.traits,
        )


@st.composite
def worlds(draw: st.DrawFn) -> World:
    regions: list[RegionFact] = []
    kabkota: list[str] = []
    for prov in ("33", "34", "35")[: draw(st.integers(2, 3))]:
        regions.append(RegionFact(prov, f"Provinsi {prov}", "provinsi", "provinsi", prov, True))
        for n in range(1, draw(st.integers(2, 5)) + 1):
            code = f"{prov}.{n:02d}"
            regions.append(RegionFact(code, f"Kabupaten {code}", "kabkota", "kabupaten", prov, True))
            kabkota.append(code)
        if draw(st.booleans()):
            code = f"{prov}.71"
            autonomous = draw(st.integers(0, 4)) > 0
            regions.append(RegionFact(code, f"Kota {code}", "kabkota", "kota", prov, autonomous))
            kabkota.append(code)
    pairs = [(a, b) for i, a in enumerate(kabkota) for b in kabkota[i + 1 :]]
    adjacency = [p for p in pairs if draw(st.integers(0, 2)) == 0]
    km = {frozenset(p): draw(st.one_of(st.none(), st.floats(0.1, 60))) for p in adjacency}
    codes = [r.code for r in regions]
    centroids = {
        c: (draw(st.floats(-9, -6)), draw(st.floats(106, 112))) for c in codes if draw(st.integers(0, 5))
    }
    values = [
        IndicatorValueFact(
            c, ind.code, draw(st.floats(-5, 120)), draw(st.integers(2020, 2024)), draw(st.booleans())
        )
        for c in codes
        for ind in (WASTE, LANDFILL)
        if draw(st.booleans())
    ]
    text = st.sampled_from(["", "", "pengolahan sampah", "SPAM regional", "TPA"])
    identifications = [
        IdentificationFact(c, f, draw(text), draw(text), draw(st.booleans()), draw(st.sampled_from(STATUSES)))
        for c in codes
        for f in AFFAIR_CODES
        if draw(st.integers(0, 3)) == 0
    ]
    areas = [
        FunctionalAreaFact(
            f"FA{i}",
            f"Kawasan {i}",
            "metropolitan",
            tuple(draw(st.lists(st.sampled_from(codes), max_size=4))),
            "S",
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    agreements = [
        ExistingAgreement(
            frozenset(draw(st.lists(st.sampled_from(codes), min_size=2, max_size=3, unique=True))),
            draw(st.sampled_from(AFFAIR_CODES)),
            draw(st.one_of(st.none(), st.integers(2018, 2032))),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    traits = [
        AffairTraitFact(
            f,
            draw(st.booleans()),
            draw(st.sampled_from(("service", "regional", "any_distance"))),
            frozenset(draw(st.lists(st.sampled_from(("metropolitan", "river_basin")), max_size=2))),
        )
        for f in AFFAIR_CODES
    ]
    ref = ReferenceData(regions, adjacency, AFFAIRS, authority_rows=AUTHORITY_ROWS)
    return World(ref, values, identifications, areas, agreements, km, centroids, traits)


def _counted_match(world: World, a: str, b: str, affair: str) -> bool:
    def side(code: str) -> tuple[bool, bool]:
        items = [
            i
            for i in world.identifications
            if i.region_code == code and i.affair_code == affair and i.status in ("verified", "published")
        ]
        return any(i.needs.strip() for i in items), any(i.offers.strip() for i in items)

    (na, oa), (nb, ob) = side(a), side(b)
    return (na and ob) or (oa and nb)


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(worlds())
def test_it_never_makes_a_non_bordering_pair_mandatory_eligible(world: World) -> None:
    # UU 23/2014 Pasal 364(1)-(2): mandatory <=> bordering, a Pasal 364(2) pairing, and a cross-regional
    # externality (the affair's own, or one stated in a published identification of either party).
    ref = world.ref
    traits = {t.code: t for t in world.traits}
    for rec in recommend(world.inputs(), LOOSE):
        borders = ref.borders(rec.region, rec.partner)
        stated = any(
            i.externality and i.status == "published" and i.affair_code == rec.affair
            for i in world.identifications
            if i.region_code in (rec.region, rec.partner)
        )
        externality = traits[rec.affair].externality or stated
        expected = borders and ref.pairing(rec.region, rec.partner) is not None and externality
        assert rec.mandatory_eligible is expected
        assert rec.category == ("wajib" if expected else "sukarela")
        reasons = [r for r in rec.reasons if r.code == "externality"]
        assert len(reasons) == 1
        assert (reasons[0].data["source"] is not None) is expected
        assert rec.to_dict()["externality"]["mandatory_eligible"] is expected
        if not borders:
            assert not rec.mandatory_eligible and rec.category == "sukarela"
        for code in (rec.region, rec.partner):
            fact = ref.region(code)
            assert fact is not None and fact.autonomous


@PROPERTY_SETTINGS
@given(worlds(), st.sampled_from((50.0, 150.0, 400.0)))
def test_it_recommends_nothing_far_where_distance_matters_without_a_need_offer_reason(
    world: World, max_km: float
) -> None:
    weights = replace(LOOSE, service_max_km=max_km)
    inputs = world.inputs()
    traits = {t.code: t for t in world.traits}
    for rec in recommend(inputs, weights):
        facts = inputs.pair_facts(rec.region, rec.partner)
        far = not facts.borders and facts.distance_km is not None and facts.distance_km > max_km
        if not far:
            assert rec.reason("reach") is None
            continue
        assert rec.reason("reach") is not None, rec
        if traits[rec.affair].reach != "any_distance":
            assert rec.reason("need_offer") is not None, rec
            assert _counted_match(world, rec.region, rec.partner, rec.affair)


@PROPERTY_SETTINGS
@given(worlds())
def test_it_recommends_only_on_affair_specific_evidence(world: World) -> None:
    # A border alone is evidence only for an affair with an externality; otherwise a recommendation rests on
    # the affair's indicators, its identifications or a functional area of a kind that matters to it.
    inputs = world.inputs()
    for rec in recommend(inputs, LOOSE):
        codes = {r.code for r in rec.reasons}
        assert rec.mandatory_eligible or codes & {"complementarity", "need_offer", "functional_area"}, rec


@PROPERTY_SETTINGS
@given(worlds())
def test_it_draws_partners_only_from_borders_functional_areas_and_counted_matches(world: World) -> None:
    ref = world.ref
    for rec in recommend(world.inputs(), LOOSE):
        a, b = rec.region, rec.partner
        in_area = any(a in area.members and b in area.members for area in world.areas)
        assert ref.borders(a, b) or in_area or _counted_match(world, a, b, rec.affair), rec


@PROPERTY_SETTINGS
@given(worlds(), st.integers(0, 10_000))
def test_it_is_deterministic_and_symmetric_in_eligibility(world: World, seed: int) -> None:
    first = recommend(world.inputs(), LOOSE)
    assert recommend(world.inputs(shuffle_seed=seed), LOOSE) == first
    index = {(r.region, r.partner, r.affair): r for r in first}
    for (a, b, f), rec in index.items():
        other = index.get((b, a, f))
        if other is not None:
            assert other.mandatory_eligible == rec.mandatory_eligible
            assert other.category == rec.category
            assert other.score == rec.score


def _split(recs: list[RecommendationFact]) -> dict[str, list[RecommendationFact]]:
    out: dict[str, list[RecommendationFact]] = {}
    for r in recs:
        out.setdefault(r.region, []).append(r)
    return out


@settings(max_examples=60, deadline=None)
@given(
    changed=st.sampled_from(["34.71", "34.04", "34.02", "34.01", "33.74", "33.08", "34"]),
    values=st.lists(st.tuples(st.sampled_from([WASTE.code, LANDFILL.code]), st.floats(0, 100)), max_size=2),
    idents=st.lists(
        st.tuples(
            st.sampled_from(AFFAIR_CODES),
            st.sampled_from(["", "pengolahan sampah"]),
            st.sampled_from(["", "kapasitas TPA"]),
            st.sampled_from(STATUSES),
        ),
        max_size=3,
    ),
    drop_existing=st.booleans(),
    weights=st.sampled_from([WEIGHTS, LOOSE, replace(WEIGHTS, max_partners=1)]),
)
def test_it_names_every_region_a_change_can_affect(
    changed: str,
    values: list[tuple[str, float]],
    idents: list[tuple[str, str, str, str]],
    drop_existing: bool,
    weights: MappingWeights,
) -> None:
    # A far region that offers what Kota Yogyakarta needs makes the match relation non-trivial.
    base_idents = (
        *IDENTIFICATIONS,
        IdentificationFact("33.74", "1.03", "", "kapasitas TPA", False, "verified"),
        IdentificationFact("34.01", "1.03", "pengolahan sampah", "", False, "published"),
    )
    before = build_inputs(identifications=base_idents)
    kept_values = [v for v in VALUES if v.region_code != changed or not drop_existing]
    kept_idents = [i for i in base_idents if i.region_code != changed or not drop_existing]
    new_values = [*kept_values, *(IndicatorValueFact(changed, code, value, 2030) for code, value in values)]
    new_idents = [*kept_idents, *(IdentificationFact(changed, f, n, o, False, s) for f, n, o, s in idents)]
    after = build_inputs(values=new_values, identifications=new_idents)

    old = _split(recommend(before, weights))
    new_full = recommend(after, weights)
    new = _split(new_full)
    exact = affected_regions(after, changed, previous=before)
    assert changed in exact
    for region in set(old) | set(new):
        if region not in exact:
            assert old.get(region) == new.get(region), region
    partial = recommend(after, weights, regions=exact)
    assert partial == [r for r in new_full if r.region in exact]
    # Without the previous inputs the answer is a safe superset of the exact one.
    assert affected_regions(after, changed) >= exact
    if not idents and not drop_existing:
        assert affected_regions(after, changed, identifications_changed=False) >= exact
    if not values:
        # Only identifications changed, on known affairs: the bounded set (neighbours and the regions matching
        # on those affairs, issue 9) still covers every region the change can affect.
        touched = {f for f, _n, _o, _s in idents}
        if drop_existing:
            touched |= {i.affair_code for i in base_idents if i.region_code == changed}
        bounded = affected_regions(after, changed, affairs=touched)
        differ = {r for r in set(old) | set(new) if old.get(r) != new.get(r)}
        assert differ <= bounded, differ - bounded
        assert bounded <= affected_regions(after, changed)


def test_it_lists_the_region_itself_and_its_candidates_as_affected() -> None:
    inputs = build_inputs()
    affected = affected_regions(inputs, "34.71", identifications_changed=False)
    assert affected == {"34.71", "34.04", "34.02", "34"}
    assert affected_regions(inputs, "31.71") == set()  # a non-autonomous unit is nobody's partner
    assert affected_regions(inputs, "34.71") == affected | inputs.identifying_regions()


@settings(max_examples=60, deadline=None)
@given(
    changed=st.sampled_from(["34.71", "34.04", "34.02", "34.01", "33.74", "33.08", "34"]),
    affair=st.sampled_from(AFFAIR_CODES),
    needs=st.sampled_from(["", "pengolahan sampah"]),
    offers=st.sampled_from(["", "kapasitas TPA"]),
    externality=st.booleans(),
    before_status=st.sampled_from(STATUSES),
    after_status=st.sampled_from(STATUSES),
    weights=st.sampled_from([WEIGHTS, LOOSE, replace(WEIGHTS, max_partners=1)]),
)
def test_it_bounds_a_status_transition_by_the_sides_that_can_match(
    changed: str,
    affair: str,
    needs: str,
    offers: str,
    externality: bool,
    before_status: str,
    after_status: str,
    weights: MappingWeights,
) -> None:
    # A transition changes only the status of one identification (texts unchanged): every region whose
    # recommendations differ is a neighbour or can match its need/offer on that affair (issue 9).
    others = (
        *IDENTIFICATIONS,
        IdentificationFact("33.74", affair, "", "kapasitas TPA", False, "published"),
        IdentificationFact("33.08", affair, "pengolahan sampah", "", True, "verified"),
    )
    others = tuple(i for i in others if not (i.region_code == changed and i.affair_code == affair))
    before = build_inputs(
        identifications=(*others, IdentificationFact(changed, affair, needs, offers, externality, before_status))
    )
    after = build_inputs(
        identifications=(*others, IdentificationFact(changed, affair, needs, offers, externality, after_status))
    )
    old, new = _split(recommend(before, weights)), _split(recommend(after, weights))
    differ = {r for r in set(old) | set(new) if old.get(r) != new.get(r)}
    bounded = affected_regions(
        after, changed, affairs=[affair], sides={affair: (bool(needs.strip()), bool(offers.strip()))}
    )
    assert differ <= bounded, differ - bounded
