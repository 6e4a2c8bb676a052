"""Benchmark: the oversight dashboards, maps and network, and the public register over the installation's data
(prints JSON). Issue 13's target: dashboards and public pages p95 < 300 ms with ten years of national example
data on PostgreSQL.

Uses the configured installation as it is (nothing is written but the stored summaries the pages read): load
the national example data first, then recompute what the pages read, exactly as the scheduled tasks do::

    createdb -h 127.0.0.1 -U postgres kerjasama_national
    export DB=postgres DB_NAME=kerjasama_national KERJASAMA_VAR_DIR=/tmp/national_var
    .venv/bin/kerjasama setup && .venv/bin/kerjasama demo --scale national --years 10
    .venv/bin/kerjasama risk-recompute && .venv/bin/kerjasama publication-recompute
    .venv/bin/kerjasama dashboard-recompute && .venv/bin/kerjasama quality-recompute
    .venv/bin/python bench/oversight_pages.py --repeat 20

Each page is asked ``--repeat`` times with Django's test client (in process: no network, no gunicorn), as a
ministry user for the oversight pages (the first user with the ministry role) and anonymously for the public
ones; the JSON gives p50/p95/max in milliseconds and the query count of the last request per page, with the
data size (agreements, disputes) and the machine's core count and load average (figures from a busy machine
are upper bounds).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

OVERSIGHT_PAGES = [
    "/pengawasan/nasional/",
    "/pengawasan/provinsi/32/",
    "/pengawasan/wilayah/32.73/",
    "/pengawasan/peta/",
    "/pengawasan/peta/?tingkat=provinsi&ukuran=mapping",
    "/pengawasan/jaringan/",
    "/pengawasan/kualitas/nasional/",
]
PUBLIC_PAGES = [
    "/daftar-kerja-sama/",
    "/daftar-kerja-sama/wilayah/32.73/",
    "/daftar-kerja-sama/peta/",
    "/daftar-kerja-sama/jaringan/",
    "/data-terbuka/",
    "/api/v1/public/agreements",
]


def _measure(client: Any, path: str, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    status = 0
    queries = 0
    for i in range(repeat + 1):  # the first request warms caches and is not counted
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            answer = client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
        status, queries = answer.status_code, len(captured)
        if i:
            timings.append(elapsed)
    timings.sort()
    return {
        "path": path,
        "status": status,
        "queries": queries,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "max_ms": round(timings[-1], 1),
    }


def _publish(share: float) -> dict[str, int]:
    """Every party of ``share`` of the example agreements consents to publication (bulk, example rows; one in
    ten withholds the value under UU 14/2008 Pasal 17(e)), then the stored states and the package are rebuilt
    as ``kerjasama publication-recompute`` does. The national example data records no consents of its own."""
    from django.utils import timezone

    from kerjasama.agreements.models import AgreementParty
    from kerjasama.oversight.models import PublicationConsent
    from kerjasama.oversight.opendata import build_stored_package
    from kerjasama.oversight.publication_store import recompute_all

    step = max(1, round(1 / share))
    decided = set(PublicationConsent.objects.values_list("party_id", flat=True))
    now = timezone.now()
    rows = [
        PublicationConsent(
            agreement_id=agreement_id,
            party_id=party_id,
            decision="consent",
            withheld=[{"item": "value", "reason": "17e"}] if agreement_id % 10 == 0 else [],
            decided_at=now,
            is_example=True,
        )
        for party_id, agreement_id in AgreementParty.objects.filter(agreement__is_example=True).values_list(
            "pk", "agreement_id"
        )
        if agreement_id % step == 0 and party_id not in decided
    ]
    PublicationConsent.objects.bulk_create(rows, batch_size=2000)
    counts = recompute_all()
    build_stored_package()
    return {"consents_added": len(rows), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--publish", type=float, default=0.0, help="first make this share of the example agreements published"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from kerjasama.accounts.choices import Role
    from kerjasama.accounts.models import User
    from kerjasama.agreements.models import Agreement
    from kerjasama.disputes.models import Dispute

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    published = _publish(args.publish) if args.publish > 0 else {}
    ministry = User.objects.filter(role=Role.MINISTRY, is_active=True).order_by("pk").first()
    if ministry is None:
        sys.exit("no ministry user: load the demo or the national example data first")
    official = Client()
    official.force_login(ministry)
    public = Client()
    results = [_measure(official, p, args.repeat) for p in OVERSIGHT_PAGES]
    results += [_measure(public, p, args.repeat) for p in PUBLIC_PAGES]
    worst = max(r["p95_ms"] for r in results)
    print(
        json.dumps(
            {
                "benchmark": "oversight_pages",
                "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "agreements": Agreement.objects.count(),
                "disputes": Dispute.objects.count(),
                "cores": os.cpu_count(),
                "load_average": [round(x, 2) for x in os.getloadavg()],
                "published": published,
                "repeat": args.repeat,
                "pages": results,
                "worst_p95_ms": worst,
                "target_p95_ms": 300,
                "met": worst < 300 and all(r["status"] == 200 for r in results),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
