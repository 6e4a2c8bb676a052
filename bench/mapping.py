"""Benchmark: the national mapping run on the demo data (prints JSON).

Builds a throwaway installation (SQLite in a temporary folder, or the configured database with
--use-configured-db), runs `kerjasama setup` (master data, demo profiles and identifications), then measures:
the national run (read inputs from the database, compute, store), peak memory, a single-region recompute,
and the incremental recompute after one region's profile changes. Targets (issues 4 and 9, 2-core machine):
national read + compute + store under 3 s (batch inserts on SQLite, COPY on PostgreSQL), one region end to
end (read, compute, store, province summary) under 100 ms (p50 and p95 of 20 runs with the start-up heap
frozen as `kerjasama worker` freezes it; the unfrozen figures are printed beside), peak memory under 500 MB.
Issue 9 figures: the affected set after one identification change (bounded per affair vs the old superset)
and how many affairs share the same top three partners.

    .venv/bin/python bench/mapping.py [--use-configured-db] [--region 34.71]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _by_region(recs: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for rec in recs:
        out.setdefault(rec.region, []).append(rec)
    return out


def _same_top3(recs: list[Any], region: str) -> tuple[int, int]:
    """How many affairs share the region's most common top-3 partner list (ordered), and of how many."""
    per_affair: dict[str, list[str]] = {}
    for rec in recs:  # sorted by region, affair, score
        if rec.region == region:
            per_affair.setdefault(rec.affair, []).append(rec.partner)
    lists = Counter(tuple(partners[:3]) for partners in per_affair.values())
    return (lists.most_common(1)[0][1] if lists else 0), len(per_affair)


#: One-region recomputes measured per heap state (see ``single_runs``).
SINGLE_RUNS = 20


def _pct(samples: list[float], pct: int) -> float:
    """The ``pct``-th percentile of sorted ``samples`` (nearest rank), rounded to 0.1 ms."""
    rank = max(1, -(-pct * len(samples) // 100))
    return round(samples[rank - 1], 1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--use-configured-db", action="store_true", help="use DB/DB_NAME/... instead of a temp SQLite"
    )
    parser.add_argument("--region", default="34.71")
    args = parser.parse_args()
    if not args.use_configured_db:
        os.environ["DB"] = "sqlite"
        os.environ["KERJASAMA_VAR_DIR"] = tempfile.mkdtemp(prefix="kerjasama-bench-")
        os.environ.pop("SQLITE_PATH", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from kerjasama.core.actors import SYSTEM
    from kerjasama.core.runtime import freeze_startup_heap
    from kerjasama.mapping import runner
    from kerjasama.mapping.domain import engine

    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("setup", no_static=True, stdout=quiet)
    setup_seconds = time.perf_counter() - started

    report, _recs = runner.run(actor=SYSTEM)
    inputs = runner.load_inputs()
    weights = runner.mapping_weights()

    started = time.perf_counter()
    single = engine.recommend(inputs, weights, regions=[args.region])
    single_compute = time.perf_counter() - started

    # One region end to end (read, compute, store, province summary), as the task worker runs it after a
    # change: repeated, because a full collection of the cyclic garbage collector (~50 ms over a started
    # Django process's heap) lands in some calls. `kerjasama worker` and `kerjasama serve` freeze their
    # start-up heap (core/runtime.py), so the figure held to the 100 ms target is the frozen one; the
    # unfrozen one is reported beside it.
    def single_runs(count: int = SINGLE_RUNS) -> tuple[list[float], Any]:
        samples, last = [], None
        for _ in range(count):
            started = time.perf_counter()
            last, _ = runner.run(actor=SYSTEM, regions={args.region})
            samples.append((time.perf_counter() - started) * 1000)
        return sorted(samples), last

    unfrozen, _report = single_runs()
    freeze_startup_heap()
    frozen, single_report = single_runs()

    # Issue 9 figures: the affected set after publishing/verifying one identification (bounded: neighbours and
    # same-affair matches; before: every region with any need or offer), same top-3 partners across affairs.
    identified = sorted(inputs._idents.get(args.region, {}))
    own = inputs._idents.get(args.region, {})
    bounded = {
        f: len(
            engine.affected_regions(
                inputs,
                args.region,
                affairs=[f],
                sides={f: (bool(own[f].needs), bool(own[f].offers))},
            )
        )
        for f in identified
    }
    unbounded = len(engine.affected_regions(inputs, args.region, identifications_changed=True))
    national = engine.recommend(inputs, weights)
    same_top3 = _same_top3(national, args.region)
    per_region = _by_region(national)
    same_mean = sum(_same_top3(recs, code)[0] for code, recs in per_region.items()) / max(1, len(per_region))

    affected = engine.affected_regions(inputs, args.region, identifications_changed=False)
    started = time.perf_counter()
    engine.recommend(inputs, weights, regions=affected)
    incremental_compute = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from django.db import connection

    database = connection.vendor if args.use_configured_db else "sqlite (temporary)"
    print(
        json.dumps(
            {
                "benchmark": "mapping.national_run",
                "database": database,
                "regions": report.regions,
                "affairs": 32,
                "recommendations": report.recommendations,
                "mandatory_eligible": report.mandatory_eligible,
                "national_read_seconds": report.seconds_read,
                "national_compute_seconds": report.seconds_compute,
                "national_read_plus_compute_seconds": round(report.seconds_read + report.seconds_compute, 3),
                "national_store_seconds": report.seconds_store,
                "national_total_seconds": report.seconds,
                "target_national_seconds": 3.0,
                "single_region": args.region,
                "single_region_recommendations": len(single),
                "single_region_compute_ms": round(single_compute * 1000, 1),
                "single_region_runs": SINGLE_RUNS,
                "single_region_with_read_and_store_ms": _pct(frozen, 50),
                "single_region_with_read_and_store_p95_ms": _pct(frozen, 95),
                "single_region_with_read_and_store_max_ms": round(frozen[-1], 1),
                "single_region_unfrozen_heap_p50_ms": _pct(unfrozen, 50),
                "single_region_unfrozen_heap_p95_ms": _pct(unfrozen, 95),
                "target_single_region_ms": 100,
                "incremental_affected_regions": len(affected),
                "identification_change_affected_regions_bounded": bounded,
                "identification_change_affected_regions_unbounded": unbounded,
                "same_top3_partners_affairs": {
                    "region": args.region,
                    "affairs_with_most_common_top3": same_top3[0],
                    "affairs_with_recommendations": same_top3[1],
                    "national_mean": round(same_mean, 2),
                },
                "service_max_km": weights.service_max_km,
                "incremental_compute_ms": round(incremental_compute * 1000, 1),
                "peak_memory_mb": round(peak_mb, 1),
                "target_peak_memory_mb": 500,
                "setup_seconds": round(setup_seconds, 1),
                "single_region_store_seconds": single_report.seconds_store,
            }
        )
    )


if __name__ == "__main__":
    main()
