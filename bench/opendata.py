"""Benchmark: the public API and the open-data package over a national register (prints JSON).

Uses the configured installation (run `kerjasama setup` first). `--generate N` adds example agreements with
``bench/agreements.py``'s generator (ten years, national, every type and stage; ``[bench]`` titles, example data)
and makes every generated agreement published (each party consents; one party in ten withholds the value under
Pasal 17(e)). Measured (``--repeat`` times each, p50/p95 and the query count, with Django's test client):
the public register's list (first and 20th page), a region's page and one agreement's page; the public API's
first page, a region's and an affair-and-year page, a late page (by offset and by the keyset cursor ``after``),
one agreement, the mappings and the dispute statistics; ``/data-terbuka/`` and ``ocds.json`` served from the
stored package; apart from the pages, the package built from scratch (``package_files``) and built and stored
(``build_stored_package``: the task's cost, paid in the background after a change of what is published). The
generated consents are bulk-written, so the stored publication states are recomputed first
(``publication_store.recompute_all``, as ``kerjasama publication-recompute``). Target (issue 13): public
pages p95 under 300 ms on PostgreSQL. `--cleanup` removes the generated rows (consents go with them).

    psql -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE bench_open"
    DB=postgres DB_NAME=bench_open .venv/bin/kerjasama setup
    DB=postgres DB_NAME=bench_open .venv/bin/python bench/opendata.py --generate 10000 --cleanup
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _publish() -> int:
    """Every generated agreement's parties consent (bulk; one in ten withholds the value)."""
    from agreements import PREFIX
    from django.utils import timezone

    from kerjasama.agreements.models import AgreementParty
    from kerjasama.oversight.models import PublicationConsent

    done = set(
        PublicationConsent.objects.filter(agreement__title__startswith=PREFIX).values_list(
            "party_id", flat=True
        )
    )
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
        for party_id, agreement_id in AgreementParty.objects.filter(
            agreement__title__startswith=PREFIX, agreement__is_example=True
        ).values_list("pk", "agreement_id")
        if party_id not in done
    ]
    PublicationConsent.objects.bulk_create(rows, batch_size=2000)
    # A bulk write sends no signal: rebuild the stored publication states and the package, as
    # `kerjasama publication-recompute` does.
    from kerjasama.oversight.opendata import build_stored_package
    from kerjasama.oversight.publication_store import recompute_all

    recompute_all()
    build_stored_package()
    return len(rows)


def _measure(repeat: int) -> dict[str, Any]:
    from agreements import _time
    from django.core.cache import cache
    from django.test import Client

    from kerjasama.agreements.models import AgreementParty
    from kerjasama.oversight.opendata import build_stored_package, package_files
    from kerjasama.oversight.selectors import published_agreements

    client = Client()
    one = published_agreements().order_by("-id").values_list("pk", flat=True).first()
    count = published_agreements().count()
    late_after = (
        published_agreements().order_by("id").values_list("pk", flat=True)[max(0, count - 101)]
        if count
        else 0
    )

    def get(url: str) -> Any:
        def call() -> None:
            answer = client.get(url)
            assert answer.status_code == 200, (url, answer.status_code)

        return call

    region = (
        AgreementParty.objects.filter(agreement__in=published_agreements(), region__isnull=False)
        .values_list("region_id", flat=True)
        .first()
    )
    cases = {
        "register_list": "/daftar-kerja-sama/",
        "register_list_page_20": "/daftar-kerja-sama/?page=20",
        "register_region": f"/daftar-kerja-sama/wilayah/{region}/",
        "register_detail": f"/daftar-kerja-sama/{one}/",
        "api_first_page": "/api/v1/public/agreements?limit=100",
        "api_region_page": "/api/v1/public/agreements?region=33.74&limit=100",
        "api_affair_year_page": "/api/v1/public/agreements?affair=1.03&year=2024&limit=100",
        "api_late_page": f"/api/v1/public/agreements?limit=100&offset={max(0, count - 100)}",
        "api_keyset_late_page": f"/api/v1/public/agreements?limit=100&after={late_after}",
        "api_one": f"/api/v1/public/agreements/{one}",
        "api_mappings": "/api/v1/public/mappings",
        "api_dispute_statistics": "/api/v1/public/dispute-statistics",
        "open_data_page_cached": "/data-terbuka/",
        "ocds_cached": "/data-terbuka/ocds.json",
    }
    client.get("/data-terbuka/")  # served from the stored package (built when missing)
    results = {name: _time(get(url), repeat) for name, url in cases.items()}

    def build() -> None:
        cache.clear()
        package_files()

    results["package_build"] = _time(build, 1)
    results["package_build_and_store_task"] = _time(build_stored_package, 1)
    return {"published": count, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--generate", type=int, default=0, help="generate up to N agreements, publish, measure"
    )
    parser.add_argument("--cleanup", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    os.environ.setdefault("KERJASAMA_PUBLIC_API_RATE_PER_MINUTE", "0")
    import django

    django.setup()
    from agreements import _cleanup, _generate, _generated_count
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    report: dict[str, Any] = {}
    try:
        started = time.perf_counter()
        added = _generate(args.generate, args.seed, already=_generated_count()) if args.generate else 0
        published = _publish()
        generated_s = round(time.perf_counter() - started, 1)
        measured = _measure(args.repeat)
        web = {k: v for k, v in measured["results"].items() if not k.startswith("package_build")}
        slowest = max(r["p95_ms"] for r in web.values())
        report = {
            "benchmark": "opendata",
            "database": django.db.connection.vendor,
            "added": added,
            "consents_added": published,
            "generate_seconds": generated_s,
            **measured,
            "slowest_page_p95_ms": slowest,
            "target_p95_ms": 300,
            "within_target": slowest < 300,
            "cpu_load_1min": round(os.getloadavg()[0], 2),
        }
    finally:
        removed = {"removed": _cleanup()} if args.cleanup else {}
    print(json.dumps({**report, **removed}, indent=2))


if __name__ == "__main__":
    main()
