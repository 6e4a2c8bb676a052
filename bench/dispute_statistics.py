"""Benchmark: the pure dispute statistics (``disputes.statistics.summarise`` and ``suppress``) over generated
cases (prints JSON). No database: the pages read the cases in two queries (a test guards that) and spend the
rest here, so this is the part that grows with ten years of national disputes.

    .venv/bin/python bench/dispute_statistics.py --sizes 1000,10000,100000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import random
import statistics as stats
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kerjasama.disputes.statistics import (
    CAUSES,
    RESOLVERS,
    SECTORS,
    STAGES,
    CaseFacts,
    filter_cases,
    summarise,
    suppress,
)

REGIONS = ["11", "32", "33", "34", "32.73", "32.04", "33.74", "34.71", "34.04", "35.78", "35.15"]
TODAY = date(2026, 11, 30)


def generate(n: int, seed: int) -> list[CaseFacts]:
    rng = random.Random(seed)
    cases = []
    for _ in range(n):
        registered = TODAY - timedelta(days=rng.randint(0, 3650))
        stage = rng.choice(STAGES)
        closed = None
        if stage in ("bukan_wewenang", "damai", "dicabut", "selesai"):
            closed = min(TODAY, registered + timedelta(days=rng.randint(0, 720)))
        cases.append(
            CaseFacts(
                kind=rng.choice(("KSDD", "KSDD", "KSDPK", "SINERGI", "lainnya")),
                sector=rng.choice(SECTORS),
                causes=tuple(rng.sample(CAUSES, rng.randint(1, 3))),
                region_codes=tuple(rng.sample(REGIONS, rng.randint(1, 3))),
                resolver=rng.choice(RESOLVERS),
                resolver_region=rng.choice((None, "32", "34")),
                stage=stage,
                registered=registered,
                closed=closed,
            )
        )
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        cases = generate(size, args.seed)
        timings = {"national_ms": [], "province_suppressed_ms": []}
        for _ in range(args.repeat):
            start = time.perf_counter()
            summarise(cases, today=TODAY)
            timings["national_ms"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            suppress(summarise(filter_cases(cases, province="34"), today=TODAY))
            timings["province_suppressed_ms"].append((time.perf_counter() - start) * 1000)
        results.append(
            {
                "cases": size,
                **{f"{name}_p50": round(stats.median(values), 1) for name, values in timings.items()},
                **{f"{name}_max": round(max(values), 1) for name, values in timings.items()},
            }
        )
    print(json.dumps({"benchmark": "dispute_statistics", "example_data": True, "results": results}, indent=2))


if __name__ == "__main__":
    main()
