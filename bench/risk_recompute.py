"""Benchmark: the stored early warning recomputed from the database (``kerjasama risk-recompute``; prints JSON).

Uses the configured installation (run `kerjasama setup` first). The register to score is whatever the database
holds; a national one of example data comes from bench/remind.py's generator, which gives each agreement in
force its obligations with ten years of occurrences and its monev periods (``--generate-only`` keeps them):

    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE bench_dl"
    DB=postgres DB_NAME=bench_dl .venv/bin/kerjasama setup
    DB=postgres DB_NAME=bench_dl .venv/bin/python bench/remind.py --use-configured-db --generate 30000 --generate-only
    DB=postgres DB_NAME=bench_dl .venv/bin/python bench/risk_recompute.py [--chunk 500] [--as-of 2026-06-01]

Measured: the whole ``recompute_all`` (read the rows of a chunk of agreements with a constant number of
queries, build the engine's input, assess, upsert the assessments, rebuild every region's aggregate), with its
wall-clock and CPU seconds, its queries, and agreements per second. The engine alone is 8.7 s CPU for 30,000
agreements with ten years of events (bench/risk.py); this adds the reading and the writing.

Measured 30 November 2026 (PostgreSQL on 127.0.0.1, 2 cores shared with other helpers, load about 8): a
register of 2,000 generated agreements (bench/remind.py ``--generate 2000``), 992 in force with 91,575
occurrences and 3,812 monev periods: 992 assessed and 504 regional aggregates in 8.2-8.5 s wall, 3.4-3.6 s
CPU, 44 queries (constant per chunk of 500), about 120 agreements/s wall. The generator's monev submissions
carry the generation time as ``submitted_at``, so as of a date before it they count as missed (example data).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--as-of", default=None)
    parser.add_argument(
        "--use-configured-db", action="store_true", help="accepted (always the configured DB)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kerjasama.disputes.early_warning import recompute_all
    from kerjasama.disputes.models import RegionRisk, RiskAssessment

    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = recompute_all(as_of=as_of, chunk=args.chunk)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assessed = summary["assessed"]
    bands = {str(b): RiskAssessment.objects.filter(band=b).count() for b in range(1, 6)}
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "chunk": args.chunk,
                "as_of": summary["as_of"],
                "agreements": assessed,
                "regions": RegionRisk.objects.count(),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "queries": len(queries.captured_queries),
                "agreements_per_s": round(assessed / wall, 1) if wall else None,
                "bands": bands,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
