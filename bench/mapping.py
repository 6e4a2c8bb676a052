"""Benchmark: the national mapping run on the demo data (prints JSON).

Builds a throwaway installation (SQLite in a temporary folder, or the configured database with
--use-configured-db), runs `kerjasama setup` (master data, demo profiles and identifications), then measures:
the national run (read inputs from the database, compute, store), peak memory, a single-region recompute,
and the incremental recompute after one region's profile changes. Targets (issue 4, 2-core machine):
national run under 3 s including reading inputs, single region under 100 ms, peak memory under 500 MB.

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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--use-configured-db", action="store_true", help="use DB/DB_NAME/... instead of a temp SQLite")
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
    started = time.perf_counter()
    single_report, _ = runner.run(actor=SYSTEM, regions={args.region})
    single_with_io = time.perf_counter() - started

    affected = engine.affected_regions(inputs, args.region, identifications_changed=False)
    started = time.perf_counter()
    engine.recommend(inputs, weights, regions=affected)
    incremental_compute = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    database = "configured" if args.use_configured_db else "sqlite (temporary)"
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
                "single_region_with_read_and_store_ms": round(single_with_io * 1000, 1),
                "target_single_region_ms": 100,
                "incremental_affected_regions": len(affected),
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
