"""Benchmark: the agreements list and detail selectors over a national register (prints JSON).

Uses the configured installation (run `kerjasama setup` first). ``--generate N`` first adds N example
agreements (``is_example=True``, title prefix ``[bench]``; ten years, national: random bordering or same-province
kab/kota pairs, random affairs and stages) with bulk inserts; ``--cleanup`` removes them afterwards. Then it
reads, ``--repeat`` times each, the first list page and the counts as the ministry (the whole country), as a
governor's office (a province) and as a kab/kota operator, with and without filters, and the detail of an
agreement, and reports p50/p95 and the query counts (which must not grow with N). Target (issue 10): p95 under
200 ms on PostgreSQL with 30,000 agreements.

    DB=postgres DB_NAME=... .venv/bin/python bench/agreements.py --generate 30000 --cleanup
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

PREFIX = "[bench] "


def _generate(n: int, seed: int) -> None:
    from django.db import transaction

    from kerjasama.affairs.models import Affair
    from kerjasama.agreements.models import Agreement, AgreementParty
    from kerjasama.regions.models import Region

    rng = random.Random(seed)
    kabkota = list(
        Region.objects.filter(level="kabkota", is_autonomous=True).values_list("code", "province_id")
    )
    by_province: dict[str, list[str]] = {}
    for code, province in kabkota:
        by_province.setdefault(province, []).append(code)
    affairs = list(Affair.objects.values_list("code", flat=True))
    stages = ["persiapan", "penawaran", "penyusunan_kb", "kb_ditandatangani", "penyusunan_pks", "pelaksanaan"]
    weights = [1, 1, 1, 1, 1, 10]
    through = Agreement.affairs.through
    with transaction.atomic():
        batch = 2000
        for start in range(0, n, batch):
            rows = []
            pairs = []
            for i in range(start, min(n, start + batch)):
                lead, province = rng.choice(kabkota)
                partner = rng.choice([c for c in by_province[province] if c != lead] or [lead])
                begin = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
                rows.append(
                    Agreement(
                        type="KSDD",
                        category="sukarela",
                        title=f"{PREFIX}kerja sama {i}",
                        lead_region_id=lead,
                        stage=rng.choices(stages, weights)[0],
                        term_start=begin,
                        term_end=begin + timedelta(days=365 * rng.randint(1, 5)),
                        is_example=True,
                    )
                )
                pairs.append((lead, partner))
            created = Agreement.objects.bulk_create(rows)
            parties, links = [], []
            for agreement, (lead, partner) in zip(created, pairs, strict=True):
                parties.append(
                    AgreementParty(agreement=agreement, region_id=lead, role="proposer", position=0)
                )
                if partner != lead:
                    parties.append(
                        AgreementParty(agreement=agreement, region_id=partner, role="partner", position=1)
                    )
                links.append(through(agreement_id=agreement.pk, affair_id=rng.choice(affairs)))
            AgreementParty.objects.bulk_create(parties)
            through.objects.bulk_create(links)


def _cleanup() -> int:
    from kerjasama.agreements.models import Agreement

    ids = list(
        Agreement.objects.filter(title__startswith=PREFIX, is_example=True).values_list("pk", flat=True)
    )
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        Agreement.affairs.through.objects.filter(agreement_id__in=chunk).delete()
        Agreement.objects.filter(pk__in=chunk).delete()
    return len(ids)


def _time(fn: Any, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))] * 1000, 1),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", type=int, default=0)
    parser.add_argument("--cleanup", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from kerjasama.accounts.models import User
    from kerjasama.agreements import selectors
    from kerjasama.agreements.models import Agreement
    from kerjasama.agreements.selectors import AgreementFilters

    started = time.perf_counter()
    if args.generate:
        _generate(args.generate, args.seed)
    generated_s = round(time.perf_counter() - started, 1)
    try:
        ministry = User.objects.get(username="kemendagri")
        province = User.objects.get(username="gubernur.diy")
        kabkota = User.objects.get(username="operator.yogya")
        sample = Agreement.objects.filter(parties__region_id="34.71").values_list("pk", flat=True).first()
        cases = {
            "list_ministry": lambda: selectors.agreement_list(ministry),
            "list_ministry_in_force_affair": lambda: selectors.agreement_list(
                ministry, AgreementFilters(stage="pelaksanaan", affair="2.11")
            ),
            "list_ministry_expiring_90": lambda: selectors.agreement_list(
                ministry, AgreementFilters(expiring_within_days=90)
            ),
            "list_province": lambda: selectors.agreement_list(province),
            "list_kabkota_my_turn": lambda: selectors.agreement_list(kabkota, AgreementFilters(my_turn=True)),
        }
        if sample is not None:
            cases["detail_kabkota"] = lambda: selectors.agreement_detail(kabkota, sample)
        results = {name: _time(fn, args.repeat) for name, fn in cases.items()}
        report = {
            "benchmark": "agreements",
            "database": django.db.connection.vendor,
            "agreements": Agreement.objects.count(),
            "generated": args.generate,
            "generate_seconds": generated_s,
            "results": results,
            "target_p95_ms": 200,
            "cpu_load_1min": round(os.getloadavg()[0], 2),
        }
    finally:
        if args.cleanup:
            removed = _cleanup()
            report_removed = {"removed": removed}
        else:
            report_removed = {}
    print(json.dumps({**report, **report_removed}, indent=2))


if __name__ == "__main__":
    main()
