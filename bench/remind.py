"""Benchmark: ``kerjasama remind`` over a national register (prints JSON).

Uses the configured installation (run `kerjasama setup` first; `--use-configured-db` is accepted for the
command line the other benches share). `--generate N` first adds example agreements until the register holds
N generated ones, with bench/agreements.py's generator (ten years of terms from 2016, every stage, national,
KSDD/KSDPK/SINERGI; ``[bench]`` titles, "data contoh"); an agreement in force gets a notice date 180 days
before its end of term, and every Pemda gets one cooperation-unit operator (``bench.op.<code>``), so each
party region has an owner to remind.

Obligations (on by default; ``--no-obligations`` leaves them out, the bench of before): each generated
agreement in force is given a ten-year term from its start (a ten-year PKS, so it is really in force on
``--today``) and, in bulk with a deterministic seed, the obligations of such a PKS: a monthly tipping fee of
the proposer, an annual contribution of the partner (the proposer when the partner is no region), a one-off
handover and a one-off first report, with their occurrences (*jatuh tempo*) from the first due date up to the
obligations horizon after ``--today`` (as ``extend_horizons`` would have made them). Past occurrences are
fulfilled (mostly), waived (3 %, with a reason) or still pending (a quarter of the last two months': the
first run marks them late and walks the escalation ladder). Each agreement in force also gets its last four
monev periods (semesters) with the parties' self-assessments submitted except for 10 % (missed monev:
overdue reminders). Agreements not in force get none. All of it is example data (``is_example``, "data
contoh") and goes with ``--cleanup`` (plain DELETEs, then the agreements). ``--generate-only`` stops after
generating; ``--reset`` forgets the bench's reminders, escalations and late marks (late -> pending) so the
next run is a first run again. Each run reports its phases (planning, sending, each step of ``kerjasama
remind``) with their seconds and queries.

Measured 30 November 2026 (PostgreSQL on 127.0.0.1, 2 cores shared with other work, load 2.1): 30,011
agreements, 14,946 in force, 59,781 obligations with 1,406,646 occurrences, 57,576 monev periods. First run
15.1 s (768 queries: 25,396 reminders planned, 7,211 sent, 7,840 occurrences marked late, 19,078 escalations
with 23,197 notices), second run of the day 1.2 s (19 queries, sent 0), next day 1.9 s (97 queries).

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


TEN_YEARS_DAYS = 3652


def _obligations(prefix: str, today: date, seed: int) -> dict[str, int]:
    """Ten-year terms, obligations with their occurrences and the last monev periods of the generated agreements
    in force (idempotent: an agreement that has obligations is left alone). Bulk inserts."""
    import random

    from django.db import connection, transaction
    from django.utils import timezone

    from kerjasama.agreements.models import Agreement, AgreementParty
    from kerjasama.monev.conf import monev_settings
    from kerjasama.monev.domain.periods import due_date, periods_from
    from kerjasama.monev.models import MonevPeriod, SelfAssessment
    from kerjasama.obligations.domain.recurrence import add_months, occurrences
    from kerjasama.obligations.models import Obligation, ObligationDue
    from kerjasama.obligations.services import horizon_months

    rng = random.Random(f"obligations:{seed}")
    counts = {"obligations": 0, "dues": 0, "late_candidates": 0, "monev_periods": 0, "monev_missed": 0}
    bound = add_months(today, horizon_months())
    recent = today - timedelta(days=60)
    monev = monev_settings()
    now = timezone.now()
    todo = (
        Agreement.objects.filter(title__startswith=prefix, stage="pelaksanaan", term_start__isnull=False)
        .exclude(obligations__isnull=False)
        .order_by("pk")
    )
    ids = list(todo.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        with transaction.atomic():
            rows = list(Agreement.objects.filter(pk__in=chunk).order_by("pk").only("pk", "term_start"))
            parties: dict[int, list[AgreementParty]] = {}
            for party in AgreementParty.objects.filter(agreement_id__in=chunk).order_by("position"):
                parties.setdefault(party.agreement_id, []).append(party)
            obligations: list[Obligation] = []
            for agreement in rows:
                assert agreement.term_start is not None
                begin = agreement.term_start
                agreement.term_end = begin + timedelta(days=TEN_YEARS_DAYS)
                agreement.notice_date = agreement.term_end - timedelta(days=180)
                own = parties.get(agreement.pk, [])
                if not own:
                    continue
                proposer = own[0]
                partner = next((p for p in own[1:] if p.region_id), proposer)
                fee = rng.randrange(5, 200) * 1_000_000
                common = {"agreement_id": agreement.pk, "is_example": True, "owner_unit": "Bagian Kerja Sama"}
                obligations += [
                    Obligation(
                        party=proposer,
                        title="Tipping fee bulanan (data contoh)",
                        kind="payment",
                        amount=fee,
                        recurrence="monthly",
                        first_due=add_months(begin, 1),
                        **common,
                    ),
                    Obligation(
                        party=partner,
                        title="Kontribusi tahunan (data contoh)",
                        kind="payment",
                        amount=fee * 6,
                        recurrence="yearly",
                        first_due=add_months(begin, 12),
                        **common,
                    ),
                    Obligation(
                        party=partner,
                        title="Serah terima sarana (data contoh)",
                        kind="service",
                        recurrence="once",
                        first_due=begin + timedelta(days=rng.randrange(30, 400)),
                        **common,
                    ),
                    Obligation(
                        party=proposer,
                        title="Laporan awal pelaksanaan (data contoh)",
                        kind="report",
                        recurrence="once",
                        first_due=begin + timedelta(days=rng.randrange(60, 200)),
                        **common,
                    ),
                ]
            Agreement.objects.bulk_update(rows, ["term_end", "notice_date"], batch_size=1000)
            created = Obligation.objects.bulk_create(obligations, batch_size=2000)
            ends = {a.pk: a.term_end for a in rows}
            dues: list[ObligationDue] = []
            for obligation in created:
                last = ends[obligation.agreement_id]
                assert last is not None
                for day in occurrences(obligation.first_due, min(bound, last), obligation.recurrence):
                    due = ObligationDue(obligation=obligation, due_date=day)
                    if day < today:
                        roll = rng.random()
                        if day >= recent and roll < 0.25:
                            counts["late_candidates"] += 1  # pending: late from the first run on
                        elif roll < 0.97:
                            due.status = "fulfilled"
                            due.fulfilled_on = day + timedelta(days=rng.randrange(0, 12))
                        else:
                            due.status = "waived"
                            due.waived_reason = "Dibebaskan menurut kesepakatan para pihak (data contoh)"
                    dues.append(due)
            ObligationDue.objects.bulk_create(dues, batch_size=5000)
            periods: list[MonevPeriod] = []
            for agreement in rows:
                assert agreement.term_start is not None
                spans = periods_from(
                    agreement.term_start, today, monev.period_months, term_end=agreement.term_end
                )
                for number, (first, end) in list(enumerate(spans, start=1))[-4:]:
                    periods.append(
                        MonevPeriod(
                            agreement_id=agreement.pk,
                            sequence=number,
                            start=first,
                            end=end,
                            due=due_date(end, monev.due_days),
                            is_example=True,
                        )
                    )
            MonevPeriod.objects.bulk_create(periods, batch_size=2000)
            assessments: list[SelfAssessment] = []
            for period in periods:
                if period.due >= today:
                    continue
                for party in parties.get(period.agreement_id, []):
                    if rng.random() < 0.1:
                        counts["monev_missed"] += 1
                        continue
                    assessments.append(
                        SelfAssessment(
                            period=period,
                            party=party,
                            status="submitted",
                            progress_percent=rng.randrange(20, 100),
                            outputs="Keluaran sesuai rencana kerja (data contoh)",
                            submitted_at=now,
                            is_example=True,
                        )
                    )
            SelfAssessment.objects.bulk_create(assessments, batch_size=2000)
            counts["obligations"] += len(created)
            counts["dues"] += len(dues)
            counts["monev_periods"] += len(periods)
    if connection.vendor == "postgresql":  # fresh planner statistics after a bulk load, as autovacuum would
        with connection.cursor() as cursor:
            for model in (Agreement, Obligation, ObligationDue, MonevPeriod, SelfAssessment):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return counts


def _run(today: date) -> dict[str, Any]:
    """One ``remind(today)``, with the seconds and queries of each phase (planning, sending, each step)."""
    from django.db import connection, reset_queries

    from kerjasama.deadlines import registry, services

    phases: dict[str, dict[str, float]] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            queries, started = len(connection.queries), time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                phases[name] = {
                    "seconds": round(time.perf_counter() - started, 2),
                    "queries": len(connection.queries) - queries,
                }

        return wrapper

    plan, send_due, steps = services.plan, services.send_due, dict(registry._registry.steps)
    services.plan, services.send_due = timed("plan", plan), timed("send_due", send_due)  # type: ignore[assignment]
    for name, step in steps.items():
        registry._registry.steps[name] = timed(f"step:{name}", step)
    reset_queries()
    started = time.perf_counter()
    try:
        summary = services.remind(today=today)
    finally:
        services.plan, services.send_due = plan, send_due  # type: ignore[assignment]
        registry._registry.steps.update(steps)
    seconds = round(time.perf_counter() - started, 2)
    return {
        "seconds": seconds,
        "queries": len(connection.queries),
        "phases": phases,
        **{k: v for k, v in summary.items() if k != "steps"},
        "steps": summary.get("steps", {}),
    }


def _reset(agreements: Any) -> dict[str, int]:
    """Forget the reminders of the generated agreements and their notifications (a first run again)."""
    from kerjasama.accounts.models import User
    from kerjasama.deadlines.models import Reminder
    from kerjasama.notifications.models import Notification, PendingNotification

    users = User.objects.filter(username__startswith=BENCH_USER_PREFIX).values("pk")
    reminders, _ = Reminder.objects.filter(agreement__title__startswith=agreements.PREFIX).delete()
    PendingNotification.objects.filter(recipient_id__in=users).delete()
    notifications, _ = Notification.objects.filter(recipient_id__in=users).delete()
    from kerjasama.obligations.models import DueEscalation, ObligationDue

    bench_dues = ObligationDue.objects.filter(obligation__agreement__title__startswith=agreements.PREFIX)
    escalations, _ = DueEscalation.objects.filter(due__in=bench_dues).delete()
    unlate = bench_dues.filter(status="late").update(status="pending")
    return {
        "reminders": reminders,
        "notifications": notifications,
        "escalations": escalations,
        "late_to_pending": unlate,
    }


def _cleanup(agreements: Any) -> dict[str, int]:
    from kerjasama.accounts.models import User
    from kerjasama.deadlines.models import Reminder
    from kerjasama.notifications.models import PendingNotification

    users = list(User.objects.filter(username__startswith=BENCH_USER_PREFIX).values_list("pk", flat=True))
    reminders, _ = Reminder.objects.filter(agreement__title__startswith=agreements.PREFIX).delete()
    PendingNotification.objects.filter(recipient_id__in=users).delete()
    User.objects.filter(pk__in=users).delete()
    removed = _cleanup_obligations(agreements.PREFIX)
    return {"reminders": reminders, **removed, "agreements": agreements._cleanup(), "users": len(users)}


def _cleanup_obligations(prefix: str) -> dict[str, int]:
    """The generated obligations, occurrences, escalations, monev periods and their history rows, by plain
    DELETEs (an obligation's party is protected, and a cascade through the ORM would load every row)."""
    from django.db import connection
    from django.db.models import QuerySet

    from kerjasama.monev.models import MonevPeriod, SelfAssessment
    from kerjasama.obligations.models import (
        DueEscalation,
        FulfilmentConfirmation,
        Obligation,
        ObligationDue,
    )

    def raw(qs: QuerySet[Any]) -> int:
        return int(qs._raw_delete(connection.alias))

    bench = {"agreement__title__startswith": prefix}
    obligations = Obligation.objects.filter(**bench).values("pk")
    dues = ObligationDue.objects.filter(obligation__in=obligations).values("pk")
    periods = MonevPeriod.objects.filter(**bench).values("pk")
    counts = {
        "history_dues": raw(ObligationDue.history.model.objects.filter(obligation_id__in=obligations)),
        "escalations": raw(DueEscalation.objects.filter(due__in=dues)),
        "confirmations": raw(FulfilmentConfirmation.objects.filter(due__in=dues)),
        "obligation_dues": raw(ObligationDue.objects.filter(obligation__in=obligations)),
    }
    counts["history_obligations"] = raw(Obligation.history.model.objects.filter(id__in=obligations))
    counts["obligations"] = raw(Obligation.objects.filter(**bench))
    counts["self_assessments"] = raw(SelfAssessment.objects.filter(period__in=periods))
    counts["monev_periods"] = raw(MonevPeriod.objects.filter(**bench))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", type=int, default=0, help="generate up to N agreements first")
    parser.add_argument("--today", default="2026-06-01", help="the day remind runs for (YYYY-MM-DD)")
    parser.add_argument("--cleanup", action="store_true")
    parser.add_argument(
        "--reset", action="store_true", help="forget the bench's reminders first (re-measure)"
    )
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--no-obligations", action="store_true", help="no obligations nor monev periods (the bench of before)"
    )
    parser.add_argument("--generate-only", action="store_true", help="generate the data, do not run remind")
    parser.add_argument("--use-configured-db", action="store_true", help="the configured database (default)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from kerjasama.agreements.models import Agreement
    from kerjasama.monev.models import MonevPeriod
    from kerjasama.obligations.models import Obligation, ObligationDue

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
        if not args.no_obligations:
            report["generate"]["obligations"] = _obligations(agreements.PREFIX, today, args.seed)
            report["generate"]["seconds_with_obligations"] = round(time.perf_counter() - started, 1)
        if args.reset:
            report["reset"] = _reset(agreements)
        report["agreements"] = Agreement.objects.count()
        report["in_force"] = Agreement.objects.filter(stage="pelaksanaan").count()
        report["obligations"] = Obligation.objects.count()
        report["obligation_dues"] = ObligationDue.objects.count()
        report["monev_periods"] = MonevPeriod.objects.count()
        report["cpu_cores"] = os.cpu_count()
        if args.generate_only:
            return
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
