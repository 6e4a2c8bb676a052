"""A national-sized synthetic run: ~550 regions x 32 affairs. Prints the timing (house rule 12: benchmarks
measure, tests assert behaviour) and checks the candidate sets stay local."""

from __future__ import annotations

import random
import time

from kerjasama.mapping.domain import (
    AffairTraitFact,
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorDef,
    IndicatorValueFact,
    MappingInputs,
    MappingWeights,
    recommend,
)
from kerjasama.rulebook import AffairFact, ReferenceData, RegionFact, SubAffairRow

WIDTH, HEIGHT, BLOCK = 24, 22, 4  # 528 kab/kota in 36 provinces of 4 x 4 cells


def synthetic_grid(seed: int = 7) -> MappingInputs:
    rng = random.Random(seed)
    regions: list[RegionFact] = []
    cell: dict[tuple[int, int], str] = {}
    counters: dict[str, int] = {}
    centroids: dict[str, tuple[float, float]] = {}
    blocks_x = -(-WIDTH // BLOCK)
    for y in range(HEIGHT):
        for x in range(WIDTH):
            prov = str(11 + (y // BLOCK) * blocks_x + x // BLOCK)
            if prov not in counters:
                counters[prov] = 0
                regions.append(RegionFact(prov, f"Provinsi {prov}", "provinsi", "provinsi", prov, True))
                centroids[prov] = (-(y // BLOCK) * 1.2 - 0.6, 100 + (x // BLOCK) * 1.2 + 0.6)
            counters[prov] += 1
            code = f"{prov}.{counters[prov]:02d}"
            regions.append(RegionFact(code, f"Kabupaten {code}", "kabkota", "kabupaten", prov, True))
            cell[(x, y)] = code
            centroids[code] = (-y * 0.3, 100 + x * 0.3)
    adjacency: list[tuple[str, str]] = []
    km: dict[frozenset[str], float | None] = {}
    for (x, y), code in cell.items():
        for dx, dy in ((1, 0), (0, 1), (1, 1)):
            other = cell.get((x + dx, y + dy))
            if other is not None:
                adjacency.append((code, other))
                km[frozenset((code, other))] = rng.uniform(0.5, 60)
    affairs = [
        AffairFact(f"{1 if n <= 6 else 2 if n <= 24 else 3}.{n:02d}", f"Urusan {n}", f"Affair {n}", "x")
        for n in range(1, 33)
    ]
    rows = []
    for affair in affairs:
        kab = "" if affair.code in ("3.28", "3.29") else "dalam Daerah kab/kota"
        prov = "lintas kab/kota" if rng.random() < 0.4 else "provinsi"
        rows.append(SubAffairRow(affair.code, f"Sub {affair.code}", "nasional", prov, kab, "S"))
    ref = ReferenceData(regions, adjacency, affairs, authority_rows=rows)
    codes = [r.code for r in regions]
    indicators = [
        IndicatorDef("waste", "cakupan layanan sampah", "waste service coverage", "%", ("1.03", "2.11")),
        IndicatorDef("water", "cakupan air minum", "drinking-water coverage", "%", ("1.03",)),
        IndicatorDef("beds", "tempat tidur RS per 1.000", "hospital beds per 1,000", "", ("1.02",), best=3.0),
        IndicatorDef(
            "tpa", "sisa umur TPA", "landfill life", "tahun", ("1.03", "2.11"), best=20, role="capacity"
        ),
    ]
    values = [
        IndicatorValueFact(c, i.code, rng.uniform(i.worst, i.best), 2024) for c in codes for i in indicators
    ]
    affair_codes = [a.code for a in affairs]
    identifications = [
        IdentificationFact(
            c,
            rng.choice(affair_codes),
            rng.choice(["", "butuh"]),
            rng.choice(["", "tawar"]),
            False,
            "verified",
        )
        for c in rng.sample(codes, 120)
    ]
    areas = [
        FunctionalAreaFact(f"FA{i}", f"Kawasan {i}", "metropolitan", tuple(rng.sample(codes, 5)), "S")
        for i in range(12)
    ]
    return MappingInputs(
        ref,
        indicators=indicators,
        values=values,
        functional_areas=areas,
        identifications=identifications,
        border_km=km,
        centroids=centroids,
        affair_traits=[
            AffairTraitFact(code, i % 2 == 0, "service", frozenset({"metropolitan"}))
            for i, code in enumerate(affair_codes)
        ],
    )


def test_it_runs_a_national_sized_grid_and_keeps_candidates_local() -> None:
    start = time.perf_counter()
    inputs = synthetic_grid()
    built = time.perf_counter()
    recs = recommend(inputs, MappingWeights(reference_year=2025))
    done = time.perf_counter()
    print(
        f"\nmapping synthetic grid: {len(inputs.regions)} regions x {len(inputs.reference.affairs)} affairs: "
        f"inputs {built - start:.3f}s, recommend {done - built:.3f}s, {len(recs)} recommendations"
    )
    assert len(inputs.regions) > 550
    assert max(len(inputs.candidates(c)) for c in inputs.regions) < 60  # never all 552 x 552
    assert {r.region for r in recs} == set(inputs.regions)
    # Mandatory only for a bordering pair on an affair with an externality (here: the even-numbered ones).
    external = {t.code for t in inputs._traits.values() if t.externality}
    assert all(
        r.mandatory_eligible == (inputs.reference.borders(r.region, r.partner) and r.affair in external)
        for r in recs
    )
    assert any(r.mandatory_eligible for r in recs) and any(not r.mandatory_eligible for r in recs)
