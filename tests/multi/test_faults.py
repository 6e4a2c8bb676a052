"""Faults survived (issue 14 item 5), with real servers: PostgreSQL cut away (503 with a stable code during the
outage, nothing half-written, success after) and Redis cut away (pages and transitions still work, the
notification tasks wait in the outbox and are delivered once Redis is back).

The machine's PostgreSQL and Redis are shared and are never stopped: the server under test reaches them through
a loopback TCP proxy (``proxy.CuttableProxy``) that the test cuts and restores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.multi.conftest import (
    LOOPBACK,
    REDIS_DB,
    REDIS_PORT,
    Processes,
    csrf_of,
    log_in,
    next_port,
    wait_for,
    with_env,
)
from tests.multi.proxy import CuttableProxy

SLEMAN_OPERATOR = "operator.sleman"

STATE = """
from kerjasama.agreements.models import Agreement
from kerjasama.core.models import AuditEvent
from kerjasama.notifications.models import Notification, PendingNotification
pk = %(pk)d
result = {
    "stage": Agreement.objects.get(pk=pk).stage,
    "history": Agreement.history.filter(id=pk).count(),
    "events": AuditEvent.objects.filter(object_type="agreements.agreement", object_id=str(pk)).count(),
    "pending": PendingNotification.objects.count(),
    "notices": Notification.objects.filter(object_type="agreements.agreement", object_id=str(pk)).count(),
}
"""

CANCELLABLE = """
from kerjasama.accounts.models import User
from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.services import evaluate_action
user = User.objects.get(username=%(user)r)
result = [
    [a.pk, a.stage] for a in Agreement.objects.order_by("pk")
    if can(user, "agreements.manage", a) and evaluate_action(a, "batalkan").allowed
]
"""


@pytest.fixture
def proxies() -> Iterator[list[CuttableProxy]]:
    opened: list[CuttableProxy] = []
    yield opened
    for proxy in opened:
        proxy.close()


def _cancel(session: Any, base_url: str, pk: int, stage: str, token: str) -> Any:
    return session.post(
        f"{base_url}/kerja-sama/{pk}/aksi/cancel_agreement/",
        data={"csrfmiddlewaretoken": token, "stage": stage, "cancel_agreement-0-reason": "Uji gangguan"},
        headers={"Referer": f"{base_url}/kerja-sama/{pk}/"},
        timeout=30,
        allow_redirects=False,
    )


def _sleman_agreements(cluster: Any) -> list[list[Any]]:
    found: list[list[Any]] = cluster.python(CANCELLABLE % {"user": SLEMAN_OPERATOR})
    # Two in the demo (penawaran, penyusunan_pks): the database test cancels the first, the Redis test the last.
    assert found, "the demo should hold agreements Sleman may cancel"
    return found


def test_postgresql_cut_away_answers_503_then_recovers_with_nothing_half_written(
    cluster: Any, processes: Processes, proxies: list[CuttableProxy]
) -> None:
    pk, stage = _sleman_agreements(cluster)[0]
    proxy = CuttableProxy(next_port(), (cluster.env["DB_HOST"], int(cluster.env["DB_PORT"])))
    proxies.append(proxy)
    server = processes.server(
        with_env(cluster, DB_PORT=str(proxy.port), DB_CONN_MAX_AGE="0"), "server-pg-cut"
    )
    session = log_in(server.url, SLEMAN_OPERATOR, cluster.demo_password)
    page = session.get(f"{server.url}/kerja-sama/{pk}/", timeout=30)
    assert page.status_code == 200
    token = csrf_of(page.text)
    before = cluster.python(STATE % {"pk": pk})

    proxy.cut()
    outage_page = session.get(f"{server.url}/kerja-sama/", timeout=30)
    assert outage_page.status_code == 503, outage_page.text[:500]
    assert "database.unavailable" in outage_page.text and "Retry-After" in outage_page.headers
    assert "Basis data sedang tidak dapat dihubungi" in outage_page.text
    assert "The database cannot be reached" in outage_page.text
    outage_api = session.get(f"{server.url}/api/v1/agreements", timeout=30)
    assert outage_api.status_code == 503
    assert outage_api.json()["error"]["code"] == "database.unavailable"
    refused = _cancel(session, server.url, pk, stage, token)
    assert refused.status_code == 503, refused.text[:300]
    health = requests.get(f"{server.url}/healthz", timeout=30)  # a probe sends no session cookie
    assert health.status_code == 503 and health.json()["checks"]["database"]["status"] == "error"

    proxy.restore()
    assert cluster.python(STATE % {"pk": pk}) == before  # the refused change left nothing behind
    back = wait_for(
        lambda: session.get(f"{server.url}/kerja-sama/", timeout=30).status_code == 200,
        timeout=20,
        what="the server answers again once PostgreSQL is back",
    )
    assert back
    done = _cancel(session, server.url, pk, stage, token)
    assert done.status_code == 302
    after = cluster.python(STATE % {"pk": pk})
    assert after["stage"] == "dibatalkan"
    assert after["history"] == before["history"] + 1 and after["events"] > before["events"]


def test_redis_cut_away_pages_serve_and_tasks_run_after_it_returns(
    cluster: Any, processes: Processes, proxies: list[CuttableProxy]
) -> None:
    pk, stage = _sleman_agreements(cluster)[-1]
    proxy = CuttableProxy(next_port(), (LOOPBACK, REDIS_PORT))
    proxies.append(proxy)
    via_proxy = with_env(
        cluster,
        REDIS_URL=f"redis://{LOOPBACK}:{proxy.port}/{REDIS_DB}",
        KERJASAMA_NOTIFICATION_REDELIVER_MINUTES="0",
    )
    server = processes.server(via_proxy, "server-redis-cut")
    session = log_in(server.url, SLEMAN_OPERATOR, cluster.demo_password)
    page = session.get(f"{server.url}/kerja-sama/{pk}/", timeout=30)
    token = csrf_of(page.text)
    before = cluster.python(STATE % {"pk": pk})

    proxy.cut()
    for path in ("/", "/kerja-sama/", f"/kerja-sama/{pk}/", "/notifikasi/"):
        answer = session.get(f"{server.url}{path}", timeout=30)
        assert answer.status_code == 200, f"{path} answered {answer.status_code} with Redis down"
    api = session.get(f"{server.url}/api/v1/agreements", timeout=30)
    assert api.status_code == 200, (
        f"the API answered {api.status_code} with Redis down (rate limit fails open)"
    )
    done = _cancel(session, server.url, pk, stage, token)
    assert done.status_code == 302, done.text[:300]
    during = cluster.python(STATE % {"pk": pk})
    assert during["stage"] == "dibatalkan" and during["history"] == before["history"] + 1
    assert during["pending"] > before["pending"], "the notifications wait in the outbox while Redis is down"

    proxy.restore()
    # The hourly schedule finds the waiting notifications (KERJASAMA_NOTIFICATION_REDELIVER_MINUTES=0 here).
    via_proxy.ok("schedule", "--only", "notifications.redeliver")
    via_proxy.ok("worker", "--burst", "--queue", "notifications", timeout=120)
    after = cluster.python(STATE % {"pk": pk})
    assert after["pending"] == 0, after
    assert after["notices"] > during["notices"], after
