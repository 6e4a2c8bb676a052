"""Faults survived (issue 14 item 5), with real processes killed by SIGKILL: a task worker in the middle of
delivering deadline reminders, and a gunicorn worker in the middle of a stage transition.

Both are made deterministic without any test hook in the application: the test holds a PostgreSQL row lock
(from its own connection) on a row the work must write next, so the process blocks *inside* its work at a
known point; the test then kills it (``kill -9``: no handler, no clean-up), releases the lock and checks the
database.

- **Task worker**: the lock is on one outbox row (``PendingNotification``). The delivery task blocks on that
  row's removal *after* the notification was delivered: the most duplicate-prone moment (delivered, not yet
  acknowledged). After the kill, a new worker runs the queued deliveries and the hourly
  ``notifications.redeliver`` delivers what the killed job left in the outbox; each reminder is delivered
  exactly once, and the daily ``kerjasama remind`` re-run sends none of them again.
- **gunicorn worker**: the lock is on the acting user's row. The transition writes the agreement's stage, its
  history row and its audit event, then its ``COMMIT`` waits on the deferred foreign-key check of that user
  (``FOR KEY SHARE`` against the test's ``FOR UPDATE``). Both workers are killed; once the lock is released
  the transition is there completely (stage, history and audit together, never a part), the master has
  started new workers, the next request succeeds and the user's retry meets the stage conflict, writing
  nothing twice.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.multi.conftest import Processes, csrf_of, log_in, wait_for, with_env

# -- process trees and PostgreSQL ------------------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """The direct children of ``pid`` (Linux ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("PPid:"):
                    if int(line.split()[1]) == pid:
                        found.append(int(entry.name))
                    break
    return found


def descendants_of(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in children_of(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def kill_9(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def pg_connect(cluster: Any, *, autocommit: bool) -> Any:
    import psycopg

    env = cluster.env
    return psycopg.connect(
        dbname=env["DB_NAME"],
        host=env["DB_HOST"],
        port=int(env["DB_PORT"]),
        user=env["DB_USER"],
        password=env.get("DB_PASSWORD") or None,
        autocommit=autocommit,
        connect_timeout=10,
    )


@pytest.fixture
def pg(cluster: Any) -> Iterator[tuple[Any, Any]]:
    """Two connections to the installation's database: ``locker`` (a transaction the test holds) and
    ``watcher`` (autocommit: sees other sessions as they are now)."""
    locker = pg_connect(cluster, autocommit=False)
    watcher = pg_connect(cluster, autocommit=True)
    try:
        yield locker, watcher
    finally:
        with contextlib.suppress(Exception):
            locker.rollback()
        locker.close()
        watcher.close()


def waiting_on_lock(watcher: Any, cluster: Any, query_start: str) -> list[int]:
    """The backends of this database waiting on a lock while running a query that starts with
    ``query_start``."""
    rows = watcher.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock' AND query LIKE %s",
        (cluster.env["DB_NAME"], query_start + "%"),
    ).fetchall()
    return [row[0] for row in rows]


def gone(watcher: Any, backends: list[int]) -> bool:
    row = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", (backends,)).fetchone()
    return bool(row[0] == 0)


# -- 1. kill -9 a task worker in the middle of delivering reminders ---------------------------------------

REMINDERS = 120
SEND_BATCH = 40  # three delivery jobs of 40 outbox rows each
KEY_PREFIX = "deadline:crash-test:"

MAKE_AND_SEND = """
import datetime
from django.utils import timezone
from kerjasama.accounts.models import User
from kerjasama.deadlines.models import Reminder
from kerjasama.deadlines.services import send_due
from kerjasama.notifications.models import PendingNotification
today = timezone.localdate()
users = list(User.objects.filter(is_active=True).order_by("pk"))
Reminder.objects.bulk_create([
    Reminder(
        key=f"crash-test:{i}", source="crash", due_date=today + datetime.timedelta(days=30), lead_days=30,
        send_on=today, recipient=users[i %% len(users)], title_id=f"Uji pekerja mati {i} (contoh)",
        title_en=f"Killed worker test {i} (example)",
    )
    for i in range(%(count)d)
])
sent = send_due(today=today, batch=%(batch)d)
result = {
    "sent": sent.sent,
    "outbox": list(
        PendingNotification.objects.filter(payload__key__startswith=%(prefix)r)
        .order_by("id").values_list("id", flat=True)
    ),
}
"""

#: What was delivered of this test's reminders, read in SQL by the test's own connection (fast, and no
#: process of the installation involved).
DELIVERED_SQL = {
    "delivered": "SELECT count(*) FROM notifications_notification WHERE key LIKE %(like)s",
    "keys": "SELECT count(DISTINCT key) FROM notifications_notification WHERE key LIKE %(like)s",
    "duplicates": "SELECT count(*) FROM (SELECT 1 FROM notifications_notification WHERE key LIKE %(like)s"
    " GROUP BY recipient_id, key HAVING count(*) > 1) AS twice",
    "deliveries_twice": "SELECT count(*) FROM (SELECT 1 FROM notifications_delivery d"
    " JOIN notifications_notification n ON n.id = d.notification_id WHERE n.key LIKE %(like)s"
    " GROUP BY d.notification_id, d.channel HAVING count(*) > 1) AS twice",
    "in_app": "SELECT count(*) FROM notifications_delivery d JOIN notifications_notification n"
    " ON n.id = d.notification_id WHERE n.key LIKE %(like)s AND d.channel = 'in_app'",
    "email_pending": "SELECT count(*) FROM notifications_delivery d JOIN notifications_notification n"
    " ON n.id = d.notification_id WHERE n.key LIKE %(like)s AND d.channel = 'email' AND d.status = 'pending'",
    "audited": "SELECT count(*) FROM core_auditevent WHERE action = 'notification.sent'"
    " AND new->>'key' LIKE %(like)s",
    "outbox": "SELECT count(*) FROM notifications_pendingnotification WHERE payload->>'key' LIKE %(like)s",
    "not_sent": "SELECT count(*) FROM deadlines_reminder WHERE source = 'crash' AND status <> 'sent'",
    "claims": "SELECT count(DISTINCT claim) FROM deadlines_reminder WHERE source = 'crash'",
}


def delivered(watcher: Any) -> dict[str, int]:
    like = {"like": KEY_PREFIX + "%"}
    return {name: int(watcher.execute(sql, like).fetchone()[0]) for name, sql in DELIVERED_SQL.items()}


def test_task_worker_killed_mid_delivery_each_reminder_delivered_exactly_once(
    cluster: Any, processes: Processes, pg: tuple[Any, Any]
) -> None:
    locker, watcher = pg
    # The daily sending step claims the due reminders and writes their outbox rows (one commit per batch);
    # the delivery jobs wait in Redis until a worker starts.
    made = cluster.python(MAKE_AND_SEND % {"count": REMINDERS, "batch": SEND_BATCH, "prefix": KEY_PREFIX})
    assert made["sent"] >= REMINDERS and len(made["outbox"]) == REMINDERS, made
    # Hold the outbox row of the 61st reminder: the second job blocks removing it, once it is delivered.
    held = made["outbox"][REMINDERS // 2]
    locker.execute("SELECT id FROM notifications_pendingnotification WHERE id = %s FOR UPDATE", (held,))

    worker = processes.worker(cluster, "worker-killed")
    blocked = wait_for(
        lambda: waiting_on_lock(watcher, cluster, 'DELETE FROM "notifications_pendingnotification"'),
        timeout=45,
        what="the worker delivers the first job and blocks in the second",
        step=0.2,
    )
    midway = delivered(watcher)
    assert 0 < midway["delivered"] < REMINDERS, midway  # some sent, not all: the worker is mid-way

    # kill -9 the worker and its work horse (RQ forks one per job): no handler runs, nothing is cleaned up.
    kill_9([worker.process.pid, *descendants_of(worker.process.pid)])
    worker.process.wait(10)
    locker.rollback()  # the killed worker's backend gets the row, then finds its client gone
    wait_for(lambda: gone(watcher, blocked), timeout=30, what="the killed worker's backend ends", step=0.2)
    after_kill = delivered(watcher)
    assert after_kill["delivered"] == midway["delivered"] and after_kill["outbox"] > 0, after_kill

    # Restart: a new worker runs the jobs still queued; the hourly redelivery (enqueued by `kerjasama
    # schedule`, with the outbox age threshold at 0 here) delivers what the killed job left in the outbox.
    # (The threshold is read by the worker that runs the redelivery, so the restarted worker has it too.)
    redeliver_now = with_env(cluster, KERJASAMA_NOTIFICATION_REDELIVER_MINUTES="0")
    restarted = processes.worker(redeliver_now, "worker-restarted")
    redeliver_now.ok("schedule", "--only", "notifications.redeliver")
    seen: list[Any] = []

    def all_delivered() -> Any:
        seen.append(delivered(watcher))
        return seen[-1]["delivered"] >= REMINDERS and seen[-1]["outbox"] == 0

    try:
        wait_for(all_delivered, timeout=45, what="the restarted worker delivers the rest", step=0.3)
    except pytest.fail.Exception:
        pytest.fail(
            f"not all delivered: {seen[-1]}\n--- killed\n{worker.log()}\n--- restarted\n{restarted.log()}"
        )
    done = seen[-1]
    # The daily run again (cron retries it after a crash): nothing is sent twice.
    cluster.json("remind")
    final = delivered(watcher)
    assert final == done, (final, done)
    assert final["delivered"] == REMINDERS and final["keys"] == REMINDERS, final  # none lost
    assert final["duplicates"] == 0 and final["deliveries_twice"] == 0, final  # none twice
    assert final["in_app"] == REMINDERS and final["audited"] == REMINDERS, final
    assert final["email_pending"] == 0, final
    assert final["not_sent"] == 0 and final["claims"] == 1, final  # claimed once, by the first run


# -- 2. kill -9 the gunicorn worker serving a transition ---------------------------------------------------

AGREEMENT_STATE = """
from kerjasama.agreements.models import Agreement
from kerjasama.core.models import AuditEvent
pk = %(pk)d
result = {
    "stage": Agreement.objects.get(pk=pk).stage,
    "history": Agreement.history.filter(id=pk).count(),
    "cancelled_history": Agreement.history.filter(id=pk, stage="dibatalkan").count(),
    "events": AuditEvent.objects.filter(
        action="agreement.stage_changed", object_type="agreements.agreement", object_id=str(pk)
    ).count(),
}
"""

#: A proposal of its own (the other tests of this folder cancel the demo's), which Kota Yogyakarta's operator
#: may cancel: the transition the test interrupts.
PROPOSE = """
from datetime import date
from kerjasama.accounts.models import User
from kerjasama.agreements import services
from kerjasama.agreements.demo import LABEL, TOURISM
from kerjasama.core.actors import SYSTEM
from kerjasama.regions.models import Region
user = User.objects.get(username="operator.yogya")
agreement = services.propose_agreement(
    actor=SYSTEM, lead_region=Region.objects.get(code="34.71"), partner_regions=[Region.objects.get(code="34.02")],
    type="KSDD", category="sukarela", title="Uji pekerja gunicorn dihentikan" + LABEL, affairs=[TOURISM],
    justification_efficiency="Layanan lebih efisien bila dikelola bersama (contoh).", apbd_budgeted=True,
    burdens_public=False, term_start=date(2027, 1, 1), term_end=date(2031, 12, 31), is_example=True,
)
result = [user.username, user.pk, agreement.pk, agreement.stage]
"""


def _cancel(session: Any, base_url: str, pk: int, stage: str, token: str, timeout: float = 60) -> Any:
    return session.post(
        f"{base_url}/kerja-sama/{pk}/aksi/cancel_agreement/",
        data={"csrfmiddlewaretoken": token, "stage": stage, "cancel_agreement-0-reason": "Uji pekerja mati"},
        headers={"Referer": f"{base_url}/kerja-sama/{pk}/"},
        timeout=timeout,
        allow_redirects=False,
    )


def test_gunicorn_worker_killed_mid_transition_leaves_all_or_nothing(
    cluster: Any, processes: Processes, pg: tuple[Any, Any]
) -> None:
    locker, watcher = pg
    username, user_pk, pk, stage = cluster.python(PROPOSE)
    server = processes.server(cluster, "server-killed", workers=2)
    master = server.process.pid
    first_workers = set(children_of(master))
    assert len(first_workers) == 2, first_workers
    session = log_in(server.url, username, cluster.demo_password)
    page = session.get(f"{server.url}/kerja-sama/{pk}/", timeout=30)
    assert page.status_code == 200
    token = csrf_of(page.text)
    before = cluster.python(AGREEMENT_STATE % {"pk": pk})

    # Hold the acting user's row. The request's transaction writes the stage, the history row and the audit
    # event, then its COMMIT runs the foreign-key checks (Django makes them DEFERRABLE INITIALLY DEFERRED on
    # PostgreSQL): the check of history_user_id / actor_id (FOR KEY SHARE) waits on the test's FOR UPDATE.
    locker.execute("SELECT id FROM accounts_user WHERE id = %s FOR UPDATE", (user_pk,))
    outcome: dict[str, Any] = {}

    def request() -> None:
        try:
            outcome["status"] = _cancel(session, server.url, pk, stage, token).status_code
        except requests.RequestException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=request)
    thread.start()
    blocked = wait_for(
        lambda: waiting_on_lock(watcher, cluster, "COMMIT"),
        timeout=30,
        what="the transition blocks in its COMMIT",
        step=0.2,
    )
    # Its transaction has written the agreement: the row is locked by the request.
    import psycopg

    with pytest.raises(psycopg.errors.LockNotAvailable):
        watcher.execute("SELECT id FROM agreements_agreement WHERE id = %s FOR UPDATE NOWAIT", (pk,))
    assert cluster.python(AGREEMENT_STATE % {"pk": pk}) == before  # nothing visible yet

    kill_9(sorted(first_workers))  # every worker of the master (the busy one among them)
    thread.join(60)
    assert not thread.is_alive()
    assert "error" in outcome, f"the killed worker answered: {outcome}"  # the connection was cut
    locker.rollback()
    wait_for(lambda: gone(watcher, blocked), timeout=30, what="the killed request's backend ends", step=0.2)

    # The COMMIT had reached PostgreSQL before the kill: the transition happened, completely (state, history
    # row and audit event together), although its client never saw the answer. (Killed before its COMMIT, the
    # transaction is rolled back whole: the other half of all-or-nothing, shown by the PostgreSQL cut test.)
    after_kill = cluster.python(AGREEMENT_STATE % {"pk": pk})
    complete = {
        "stage": "dibatalkan",
        "history": before["history"] + 1,
        "cancelled_history": 1,
        "events": before["events"] + 1,
    }
    assert after_kill in (before, complete), (before, after_kill)  # all or nothing, never half
    assert after_kill == complete, after_kill

    # The master replaces its workers; the user's retry of the same request is answered (the stage conflict,
    # shown on the page) and writes nothing twice.
    wait_for(
        lambda: (lambda now: len(now) == 2 and not now & first_workers)(set(children_of(master))),
        timeout=30,
        what="the gunicorn master starts new workers",
        step=0.2,
    )
    assert server.process.poll() is None, "the gunicorn master must survive its workers"
    page = session.get(f"{server.url}/kerja-sama/{pk}/", timeout=30)
    assert page.status_code == 200, page.status_code  # the next request succeeds
    retry = _cancel(session, server.url, pk, stage, token)
    assert retry.status_code == 302, retry.text[:500]
    assert cluster.python(AGREEMENT_STATE % {"pk": pk}) == complete
