"""Benchmark: the agreements list and detail over a national register (prints JSON).

Uses the configured installation (run `kerjasama setup` first; `--use-configured-db` is accepted for the
command line the other benches share). `--generate N` first adds example agreements until the register holds
N generated ones (``is_example=True``, title prefix ``[bench]``, "data contoh"), deterministically from
``--seed``: ten years (terms from 2016), national (every autonomous region: kab/kota with a bordering or
same-province partner, provinces with a neighbouring province, a kab/kota with its province), KSDD, KSDPK
(with a generated example business entity) and synergies (with the ministry), every stage of the type's
table, parties with statuses that fit the stage; bulk inserts. `--sizes 3000,30000` grows the register step
by step and measures at each size, so the query counts can be compared (they must not grow with the data).
`--cleanup` removes the generated rows afterwards.

Measured (``--repeat`` times each, p50/p95 and the query count): the first list page with its counts as the
ministry (the whole country; also filtered by stage+affair, by region, by province, expiring within 90 days),
as a governor's office, as a kab/kota operator ("my turn"), and the detail of an agreement, through the
selectors; and through the pages and the API with Django's test client when they exist on this branch
(`/kerja-sama/`, `/kerja-sama/<id>/`, `/api/v1/agreements/...`; skipped with a note otherwise). Target
(issue 10): p95 under 200 ms on PostgreSQL with 30,000 agreements.

    psql -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE bench_agr"
    DB=postgres DB_NAME=bench_agr .venv/bin/kerjasama setup
    DB=postgres DB_NAME=bench_agr .venv/bin/python bench/agreements.py --use-configured-db \
        --sizes 3000,30000 --cleanup
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


STAGES = {
    "KSDD": [
        "persiapan",
        "penawaran",
        "penyusunan_kb",
        "kb_ditandatangani",
        "menunggu_dprd",
        "penyusunan_pks",
        "pelaksanaan",
        "berakhir",
        "dibatalkan",
    ],
    "SINERGI": ["persiapan", "penyusunan_nk", "pelaksanaan", "berakhir", "dibatalkan"],
}
STAGES["KSDPK"] = STAGES["KSDD"]
#: Most of a ten-year register is in force or over; the rest is on its way.
WEIGHTS = {"KSDD": [2, 1, 1, 1, 1, 1, 12, 4, 1], "SINERGI": [1, 1, 6, 2, 1]}
WEIGHTS["KSDPK"] = WEIGHTS["KSDD"]
BENCH_ORG = "PT Mitra Bench (data contoh)"


def _party_status(stage: str, role: str) -> str:
    if stage in {"pelaksanaan", "berakhir"}:
        return "signed"
    if stage in {"persiapan", "penawaran"}:
        return "approved" if role == "proposer" else "aware"
    return "approved"


def _generate(n: int, seed: int, *, already: int = 0) -> int:
    """Add generated agreements until ``n`` exist (``already`` of them do); deterministic for a seed and the
    sizes asked, whatever else the database holds. Returns how many were added."""
    from django.db import transaction

    from kerjasama.accounts.choices import OrganisationKind
    from kerjasama.accounts.models import Organisation
    from kerjasama.affairs.models import Affair
    from kerjasama.agreements.models import Agreement, AgreementParty
    from kerjasama.regions.models import Adjacency, Region

    if n <= already:
        return 0
    rng = random.Random(f"{seed}:{already}")
    kabkota = list(
        Region.objects.filter(level="kabkota", is_autonomous=True)
        .order_by("code")
        .values_list("code", "province_id")
    )
    provinces = sorted(Region.objects.filter(level="provinsi").values_list("code", flat=True))
    by_province: dict[str, list[str]] = {}
    for code, province in kabkota:
        by_province.setdefault(province, []).append(code)
    neighbours: dict[str, list[str]] = {}
    for a, b in Adjacency.objects.order_by("pk").values_list("region_a_id", "region_b_id"):
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    affairs = sorted(Affair.objects.values_list("code", flat=True))
    org = Organisation.objects.filter(name=BENCH_ORG).first() or Organisation.objects.create(
        name=BENCH_ORG, kind=OrganisationKind.BADAN_USAHA, is_demo=True
    )
    ministry = Organisation.objects.filter(kind=OrganisationKind.KEMENDAGRI).order_by("pk").first() or org
    through = Agreement.affairs.through
    with transaction.atomic():
        batch = 2000
        for start in range(already, n, batch):
            rows, plans = [], []
            for i in range(start, min(n, start + batch)):
                kind = rng.choices(["KSDD", "KSDPK", "SINERGI"], [80, 15, 5])[0]
                roll = rng.random()
                if kind != "KSDD":
                    lead = rng.choice(kabkota)[0] if roll < 0.85 else rng.choice(provinces)
                    partners: list[str] = []
                elif roll < 0.8:
                    lead, province = rng.choice(kabkota)
                    near = [c for c in neighbours.get(lead, []) if "." in c]
                    pool = near or [c for c in by_province[province] if c != lead] or [province]
                    partners = [rng.choice(pool)]
                elif roll < 0.9:
                    lead = rng.choice(provinces)
                    near = [c for c in neighbours.get(lead, []) if "." not in c]
                    partners = [rng.choice(near or [p for p in provinces if p != lead])]
                else:
                    lead, province = rng.choice(kabkota)
                    partners = [province]
                stage = rng.choices(STAGES[kind], WEIGHTS[kind])[0]
                begin = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
                rows.append(
                    Agreement(
                        type=kind,
                        category=rng.choice(["wajib", "sukarela"]) if kind == "KSDD" else "",
                        title=f"{PREFIX}kerja sama {i} (data contoh)",
                        number=f"BENCH/{i}",
                        lead_region_id=lead,
                        stage=stage,
                        term_start=begin,
                        term_end=begin + timedelta(days=365 * rng.randint(1, 5)),
                        apbd_budgeted=rng.random() < 0.7,
                        dprd_approval_required=stage == "menunggu_dprd",
                        origin_kind=rng.choice(["manual", "import", "recommendation"]),
                        is_example=True,
                    )
                )
                others = [
                    *(("region", c) for c in partners if c != lead),
                    *([("org", org.pk)] if kind == "KSDPK" else []),
                    *([("org", ministry.pk)] if kind == "SINERGI" else []),
                ]
                plans.append((lead, others, rng.sample(affairs, rng.choice([1, 1, 1, 2]))))
            created = Agreement.objects.bulk_create(rows)
            parties, links = [], []
            for agreement, (lead, others, codes) in zip(created, plans, strict=True):
                parties.append(
                    AgreementParty(
                        agreement=agreement,
                        region_id=lead,
                        role="proposer",
                        position=0,
                        status=_party_status(agreement.stage, "proposer"),
                    )
                )
                for position, (what, ref) in enumerate(others, start=1):
                    parties.append(
                        AgreementParty(
                            agreement=agreement,
                            role="partner",
                            position=position,
                            status=_party_status(agreement.stage, "partner"),
                            **({"region_id": ref} if what == "region" else {"organisation_id": ref}),
                        )
                    )
                links += [through(agreement_id=agreement.pk, affair_id=code) for code in codes]
            AgreementParty.objects.bulk_create(parties)
            through.objects.bulk_create(links)
    from django.db import connection

    if connection.vendor == "postgresql":  # fresh planner statistics after a bulk load, as autovacuum would
        with connection.cursor() as cursor:
            for table in (Agreement, AgreementParty, through):
                cursor.execute(f"ANALYZE {table._meta.db_table}")
    return n - already


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


def _generated_count() -> int:
    from kerjasama.agreements.models import Agreement

    return Agreement.objects.filter(title__startswith=PREFIX, is_example=True).count()


def _web_cases(users: dict[str, Any], sample: int | None) -> tuple[dict[str, Any], list[str]]:
    """The pages and API routes of the agreements app that exist on this branch, through the test client."""
    from django.test import Client
    from django.urls import Resolver404, resolve

    cases: dict[str, Any] = {}
    notes: list[str] = []
    clients = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        clients[name] = client
    wanted = {
        "page_list_ministry": ("ministry", "/kerja-sama/"),
        "page_list_ministry_filtered": ("ministry", "/kerja-sama/?stage=pelaksanaan&affair=2.11"),
        "page_list_province": ("province", "/kerja-sama/"),
        "page_list_kabkota_my_turn": ("kabkota", "/kerja-sama/?my_turn=1"),
        "api_list_ministry": ("ministry", "/api/v1/agreements"),
        "api_list_province": ("province", "/api/v1/agreements?province=34"),
    }
    if sample is not None:
        wanted["page_detail_kabkota"] = ("kabkota", f"/kerja-sama/{sample}/")
        wanted["api_detail_kabkota"] = ("kabkota", f"/api/v1/agreements/{sample}")
    for name, (who, url) in wanted.items():
        path = url.split("?")[0]
        try:
            if not path.startswith("/api/"):
                resolve(path)
        except Resolver404:
            notes.append(f"{name}: {path} does not exist on this branch (pages not merged yet)")
            continue
        client = clients[who]
        probe = client.get(url)
        if probe.status_code != 200:
            notes.append(f"{name}: {url} answers {probe.status_code}; not measured")
            continue
        cases[name] = lambda client=client, url=url: client.get(url)
    return cases, notes


def _measure(repeat: int) -> tuple[dict[str, Any], list[str]]:
    from kerjasama.accounts.models import User
    from kerjasama.agreements import selectors
    from kerjasama.agreements.models import Agreement
    from kerjasama.agreements.selectors import AgreementFilters

    ministry = User.objects.get(username="kemendagri")
    province = User.objects.get(username="gubernur.diy")
    kabkota = User.objects.get(username="operator.yogya")
    sample = (
        Agreement.objects.filter(parties__region_id="34.71", title__startswith=PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    cases: dict[str, Any] = {
        "list_ministry": lambda: selectors.agreement_list(ministry),
        "list_ministry_in_force_affair": lambda: selectors.agreement_list(
            ministry, AgreementFilters(stage="pelaksanaan", affair="2.11")
        ),
        "list_ministry_region": lambda: selectors.agreement_list(ministry, AgreementFilters(region="34.71")),
        "list_ministry_province": lambda: selectors.agreement_list(ministry, AgreementFilters(province="35")),
        "list_ministry_expiring_90": lambda: selectors.agreement_list(
            ministry, AgreementFilters(expiring_within_days=90)
        ),
        "list_province": lambda: selectors.agreement_list(province),
        "list_province_stage": lambda: selectors.agreement_list(
            province, AgreementFilters(stage="pelaksanaan")
        ),
        "list_kabkota_my_turn": lambda: selectors.agreement_list(kabkota, AgreementFilters(my_turn=True)),
    }
    if sample is not None:
        cases["detail_kabkota"] = lambda: selectors.agreement_detail(kabkota, sample)
    web, notes = _web_cases({"ministry": ministry, "province": province, "kabkota": kabkota}, sample)
    cases.update(web)
    for fn in cases.values():  # warm caches (rule context, templates) before timing
        fn()
    return {name: _time(fn, repeat) for name, fn in cases.items()}, notes


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", type=int, default=0, help="one size: generate up to N, measure")
    parser.add_argument("--sizes", default="", help="comma-separated sizes, e.g. 3000,30000")
    parser.add_argument("--cleanup", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--use-configured-db", action="store_true", help="the configured database (the default here)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.conf import settings

    from kerjasama.agreements.models import Agreement

    if "testserver" not in settings.ALLOWED_HOSTS:  # the test client's host, for the page measurements
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()] or (
        [args.generate] if args.generate else [0]
    )
    runs: list[dict[str, Any]] = []
    try:
        for size in sizes:
            started = time.perf_counter()
            added = _generate(size, args.seed, already=_generated_count()) if size else 0
            generated_s = round(time.perf_counter() - started, 1)
            results, notes = _measure(args.repeat)
            runs.append(
                {
                    "generated": _generated_count(),
                    "added": added,
                    "generate_seconds": generated_s,
                    "agreements": Agreement.objects.count(),
                    "results": results,
                    "notes": notes,
                    "slowest_p95_ms": max(r["p95_ms"] for r in results.values()),
                }
            )
        queries = {name: [run["results"][name]["queries"] for run in runs] for name in runs[0]["results"]}
        report: dict[str, Any] = {
            "benchmark": "agreements",
            "database": django.db.connection.vendor,
            "runs": runs,
            "queries_by_size": queries,
            "queries_constant": all(len(set(counts)) == 1 for counts in queries.values()),
            "target_p95_ms": 200,
            "within_target": all(run["slowest_p95_ms"] < 200 for run in runs),
            "cpu_load_1min": round(os.getloadavg()[0], 2),
        }
    finally:
        report_removed = {"removed": _cleanup()} if args.cleanup else {}
    print(json.dumps({**report, **report_removed}, indent=2))


if __name__ == "__main__":
    main()
