"""Benchmark: the national and a province mapping page after a national run on the demo data (prints JSON).

Builds a throwaway installation (SQLite in a temporary folder, or the configured database with
--use-configured-db), runs `kerjasama setup` (master data, demo profiles and identifications) and a national
run, then requests each page N times with the Django test client as the Kemendagri and the DIY governor's
demo users and reports p50/p95 in milliseconds, the queries per request, and the time of the summary refresh.
Target (issue 9, section 5): the national page under 300 ms p95.

    .venv/bin/python bench/mapping_pages.py [--use-configured-db] [-n 30] [--province 34]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--use-configured-db", action="store_true", help="use DB/DB_NAME/... instead of a temp SQLite")
    parser.add_argument("-n", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--province", default="34")
    args = parser.parse_args()
    if not args.use_configured_db:
        os.environ["DB"] = "sqlite"
        os.environ["KERJASAMA_VAR_DIR"] = tempfile.mkdtemp(prefix="kerjasama-bench-")
        os.environ.pop("SQLITE_PATH", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kerjasama.accounts.models import User
    from kerjasama.core.actors import SYSTEM
    from kerjasama.mapping import runner
    from kerjasama.mapping.models import Recommendation
    from kerjasama.mapping.summary import refresh_summary

    with open(os.devnull, "w") as quiet:
        call_command("setup", no_static=True, stdout=quiet)
    started = time.perf_counter()
    run_report, _ = runner.run(actor=SYSTEM)
    run_seconds = time.perf_counter() - started
    started = time.perf_counter()
    refresh_summary()
    summary_seconds = time.perf_counter() - started

    def measure(username: str, url: str) -> dict[str, object]:
        client = Client(SERVER_NAME="localhost")
        client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 200  # warm-up (templates, translations)
        times = []
        for _ in range(args.n):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return {
            "url": url,
            "requests": args.n,
            "p50_ms": _percentile(times, 0.5),
            "p95_ms": _percentile(times, 0.95),
            "max_ms": round(max(times), 1),
            "mean_ms": round(statistics.fmean(times), 1),
            "queries": len(ctx.captured_queries),
        }

    result = {
        "database": connection.vendor,
        "recommendations": Recommendation.objects.count(),
        "national_run_seconds": round(run_seconds, 2),
        "summary_refresh_seconds": round(summary_seconds, 3),
        "national": measure("kemendagri", "/pemetaan/"),
        "province": measure("gubernur.diy", f"/pemetaan/provinsi/{args.province}/"),
        "target_national_p95_ms": 300,
        "run_report": run_report.__dict__,
    }
    result["national_ok"] = result["national"]["p95_ms"] < 300  # type: ignore[index,operator]
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
