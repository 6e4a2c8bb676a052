"""Benchmark: ``kerjasama remind`` over a national register (prints JSON).

Uses the configured installation (run `kerjasama setup` first; `--use-configured-db` is accepted for the
command line the other benches share). `--generate N` first adds example agreements until the register holds
N generated ones, with bench/agreements.py's generator (ten years of terms from 2016, every stage, national,
KSDD/KSDPK/SINERGI; ``[bench]`` titles, "data contoh"); an agreement in force gets a notice date 180 days
before its end of term, and every Pemda gets one cooperation-unit operator (``bench.op.<code>``), so each
party region has an owner to remind.

Measured on `--today` (default 2026-06-01): the first `remind` of the day (plans every reminder of the
horizon, sends the due ones through the notifications outbox), the second run of the same day (must send
nothing: `sent == 0`), and the run of the next day. Target (issue 11): under 30 s for 30,000 agreements on
PostgreSQL. `--cleanup` removes the generated agreements, their reminders and the bench users afterwards.

    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE bench_dl"
    DB=postgres DB_NAME=bench_dl .venv/bin/kerjasama setup
    DB=postgres DB_NAME=bench_dl .venv/bin/python bench/remind.py --use-configured-db --generate 30000 --cleanup
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[0] / "src"))

BENCH_USER_PREFIX = "bench.op."


def _agreements_bench() -> Any:
    """bench/agreements.py as a module (its generator and cleanup)."""
    spec = importlib.util.spec_from_file_location("bench_agreements", HERE / "agreements.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prepare(prefix: str) -> dict[str, int]:
    """Notice dates on the generated agreements in force and one operator per Pemda (idempotent)."""
    from django.db import transaction

    from kerjasama.accounts.choices import OrganisationKind, Role
    from kerjasama.accounts.models import Organisation, User
    from kerjasama.agreements.models import Agreement

    with transaction.atomic():
        rows = list(
            Agreement.objects.filter(
                title__startswith=prefix,
                stage="pelaksanaan",
                notice_date__isnull=True,
                term_end__isnull=False,
            ).only("pk", "term_end")
        )
        for row in rows:
            assert row.term_end is not None
            row.notice_date = row.term_end - timedelta(days=180)
        Agreement.objects.bulk_update(rows, ["notice_date"], batch_size=2000)
        have = set(
            User.objects.filter(username__startswith=BENCH_USER_PREFIX).values_list("username", flat=True)
        )
        users = [
            User(username=f"{BENCH_USER_PREFIX}{region}", organisation_id=pk, role=Role.COOPERATION_OPERATOR)
            for pk, region in Organisation.objects.filter(
                kind=OrganisationKind.PEMDA, region__isnull=False
            ).values_list("pk", "region_id")
            if f"{BENCH_USER_PREFIX}{region}" not in have
        ]
        User.objects.bulk_create(users, batch_size=2000)
    return {"notice_dates_set": len(rows), "operators_added": len(users)}


def _run(today: date) -> dict[str, Any]:
    from django.db import connection, reset_queries

    from kerjasama.deadlines.services import remind

    reset_queries()
    started = time.perf_counter()
    summary = remind(today=today)
    seconds = round(time.perf_counter() - started, 2)
    return {
        "seconds": seconds,
        "queries": len(connection.queries),
        **{k: v for k, v in summary.items() if k != "steps"},
    }


def _reset(agreements: Any) -> dict[str, int]:
    """Forget the reminders of the generated agreements and their notifications (a first run again)."""
    from kerjasama.accounts.models import User
    from kerjasama.deadlines.models import Reminder
    from kerjasama.notifications.models import Notification, PendingNotification

    users = User.objects.filter(username__startswith=BENCH_USER_PREFIX).values("pk")
    reminders, _ = Reminder.objects.filter(agreement__title__startswith=agreements.PREFIX).delete()
    PendingNotification.objects.filter(recipient_id__in=users).delete()
    notifications, _ = Notification.objects.filter(recipient_id__in=users, kind="deadlines.reminder").delete()
    return {"reminders": reminders, "notifications": notifications}


def _cleanup(agreements: Any) -> dict[str, int]:
    from kerjasama.accounts.models import User
    from kerjasama.deadlines.models import Reminder
    from kerjasama.notifications.models import PendingNotification

    users = list(User.objects.filter(username__startswith=BENCH_USER_PREFIX).values_list("pk", flat=True))
    reminders, _ = Reminder.objects.filter(agreement__title__startswith=agreements.PREFIX).delete()
    PendingNotification.objects.filter(recipient_id__in=users).delete()
    User.objects.filter(pk__in=users).delete()
    return {"reminders": reminders, "agreements": agreements._cleanup(), "users": len(users)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", type=int, default=0, help="generate up to N agreements first")
    parser.add_argument("--today", default="2026-06-01", help="the day remind runs for (YYYY-MM-DD)")
    parser.add_argument("--cleanup", action="store_true")
    parser.add_argument("--reset", action="store_true", help="forget the bench's reminders first (re-measure)")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--use-configured-db", action="store_true", help="the configured database (default)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from kerjasama.agreements.models import Agreement

    settings.DEBUG = True  # count the queries
    agreements = _agreements_bench()
    today = date.fromisoformat(args.today)
    report: dict[str, Any] = {"benchmark": "remind", "database": connection.vendor}
    try:
        started = time.perf_counter()
        added = agreements._generate(args.generate, args.seed, already=agreements._generated_count())
        report["generate"] = {
            "added": added,
            "seconds": round(time.perf_counter() - started, 1),
            **_prepare(agreements.PREFIX),
        }
        if args.reset:
            report["reset"] = _reset(agreements)
        report["agreements"] = Agreement.objects.count()
        report["in_force"] = Agreement.objects.filter(stage="pelaksanaan").count()
        first = _run(today)
        second = _run(today)
        next_day = _run(today + timedelta(days=1))
        report["runs"] = {"first": first, "second_same_day": second, "next_day": next_day}
        report["idempotent"] = second["sent"] == 0
        report["target_seconds"] = 30
        report["within_target"] = max(first["seconds"], second["seconds"], next_day["seconds"]) < 30
        report["cpu_load_1min"] = round(os.getloadavg()[0], 2)
    finally:
        if args.cleanup:
            report["cleanup"] = _cleanup(agreements)
    print(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
