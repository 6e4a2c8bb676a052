"""Profile every path of the load test's personas one request at a time (prints JSON): time, queries, and the
slowest queries of each path, with the Django test client against the configured installation.

Use it on the installation a load run kept (``run.py --keep --var-dir DIR``) to see why a group misses its
budget (``EXPLAIN ANALYZE`` the queries it names on PostgreSQL):

    KERJASAMA_VAR_DIR=DIR DB=postgres DB_NAME=kerjasama_load .venv/bin/python bench/load/profile_paths.py [-n 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "-n", type=int, default=5, help="requests per path (default 5; the first is not timed)"
    )
    parser.add_argument("--persona", action="append", help="only these personas (by name)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    os.environ.setdefault("KERJASAMA_API_RATE_PER_MINUTE", "0")
    os.environ.setdefault("KERJASAMA_PUBLIC_API_RATE_PER_MINUTE", "0")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from personas import ID_SOURCES, PERSONAS

    from kerjasama.accounts.models import User

    out: dict[str, Any] = {}
    for persona in PERSONAS:
        if args.persona and persona.name not in args.persona:
            continue
        for login in persona.logins or (None,):
            client = Client()
            if login is not None:
                client.force_login(User.objects.get(username=login.username))
            values = {"region": login.region if login else "", "province": login.province if login else ""}
            for name, source in ID_SOURCES.items():
                response = client.get(source)
                data = response.json() if response.status_code == 200 else []
                items = data.get("items", []) if isinstance(data, dict) else data
                values[name] = str(items[0]["id"]) if items else ""
            for request in persona.requests:
                names = re.findall(r"\{(\w+)\}", request.path)
                if any(not values.get(n) for n in names):
                    continue
                path = request.path
                for n in names:
                    path = path.replace("{" + n + "}", values[n])
                times, counts, slowest = [], [], []
                for attempt in range(args.n):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(path)
                        elapsed = (time.perf_counter() - started) * 1000
                    if attempt:
                        times.append(elapsed)
                        counts.append(len(queries.captured_queries))
                        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
                key = f"{persona.name}:{login.username if login else 'anonymous'} {path}"
                out[key] = {
                    "group": request.group,
                    "status": response.status_code,
                    "median_ms": round(statistics.median(times), 1) if times else None,
                    "queries": max(counts) if counts else None,
                    "slowest_queries": [{"s": q["time"], "sql": q["sql"][:300]} for q in slowest],
                }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
