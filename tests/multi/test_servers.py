"""Two application servers and two task workers, one PostgreSQL and one Redis: one truth (issue 14 item 4).

A session signed in on server A is used on server B (sessions live in the shared database); the same
agreements are cancelled from both servers at once (each exactly once: one history row, one audit event, the
loser answered with the stage conflict); due reminders are sent by both servers' ``remind`` step at once, each
reminder once and its notification delivered once by the two workers; a document uploaded on A downloads
from B (the documents directory is shared); the audit trail is complete and in order.
"""

from __future__ import annotations

import hashlib
from typing import Any

from tests.multi.conftest import Processes, at_once, csrf_of, log_in, wait_for

YOGYA_OPERATOR = "operator.yogya"
#: Demo agreements Kota Yogyakarta proposed and may still cancel (persiapan … kb_ditandatangani).
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

TRANSITIONS = """
from kerjasama.agreements.models import Agreement
from kerjasama.core.models import AuditEvent
pks = %(pks)r
history = {
    str(pk): list(Agreement.history.filter(id=pk, stage="dibatalkan").values_list("history_id", flat=True))
    for pk in pks
}
events = {
    str(pk): AuditEvent.objects.filter(
        action="agreement.stage_changed", object_type="agreements.agreement", object_id=str(pk),
        new__stage="dibatalkan",
    ).count()
    for pk in pks
}
trail = list(AuditEvent.objects.order_by("pk").values_list("pk", "occurred_at"))
ordered = all(a[1] <= b[1] for a, b in zip(trail, trail[1:]))
result = {
    "stages": {str(a.pk): a.stage for a in Agreement.objects.filter(pk__in=pks)},
    "history": history, "events": events, "ordered": ordered, "audit": len(trail),
}
"""

MAKE_REMINDERS = """
import datetime
from kerjasama.accounts.models import User
from kerjasama.deadlines.models import Reminder
today = datetime.date(2026, 12, 1)
users = list(User.objects.filter(is_active=True).order_by("pk"))
rows = [
    Reminder(
        key=f"multi-test:{i}", source="multi", due_date=today + datetime.timedelta(days=30), lead_days=30,
        send_on=today, recipient=users[i %% len(users)], title_id=f"Uji banyak server {i}",
        title_en=f"Multi-server test {i}",
    )
    for i in range(%(count)d)
]
Reminder.objects.bulk_create(rows)
result = len(rows)
"""

SEND_DUE = """
import datetime
from kerjasama.deadlines.services import send_due
sent = send_due(today=datetime.date(2026, 12, 1), batch=20)
result = {"sent": sent.sent, "lost": sent.lost}
"""

REMINDERS_AFTER = """
from collections import Counter
from kerjasama.deadlines.models import Reminder
from kerjasama.notifications.models import Notification
mine = Reminder.objects.filter(source="multi")
delivered = Counter(
    (n.recipient_id, n.key)
    for n in Notification.objects.filter(kind="deadlines.reminder", key__startswith="deadline:multi-test:")
)
result = {
    "statuses": sorted(set(mine.values_list("status", flat=True))),
    "claims": mine.values("claim").distinct().count(),
    "delivered": sum(delivered.values()),
    "duplicates": sum(1 for c in delivered.values() if c > 1),
}
"""


def _cancel(session: Any, base_url: str, pk: int, stage: str) -> int:
    page = session.get(f"{base_url}/kerja-sama/{pk}/", timeout=30)
    assert page.status_code == 200, page.status_code
    answer = session.post(
        f"{base_url}/kerja-sama/{pk}/aksi/cancel_agreement/",
        data={
            "csrfmiddlewaretoken": csrf_of(page.text),
            "stage": stage,
            "cancel_agreement-0-reason": "Uji dua server bersamaan",
        },
        headers={"Referer": f"{base_url}/kerja-sama/{pk}/"},
        timeout=60,
        allow_redirects=False,
    )
    return int(answer.status_code)


def test_two_servers_and_two_workers_keep_one_truth(cluster: Any, processes: Processes) -> None:
    a = processes.server(cluster, "server-a")
    b = processes.server(cluster, "server-b")
    processes.worker(cluster, "worker-1")
    processes.worker(cluster, "worker-2")

    # A session made on A is valid on B (sessions in the shared database, same SECRET_KEY).
    session = log_in(a.url, YOGYA_OPERATOR, cluster.demo_password)
    on_b = session.get(f"{b.url}/kerja-sama/", timeout=30, allow_redirects=False)
    assert on_b.status_code == 200 and YOGYA_OPERATOR in on_b.text, on_b.status_code

    # The same agreements cancelled from both servers at once: each exactly once.
    targets = cluster.python(CANCELLABLE % {"user": YOGYA_OPERATOR})
    assert len(targets) >= 3, targets
    # A document uploaded on A downloads, byte for byte, from B.
    pk = targets[0][0]
    page = session.get(f"{a.url}/kerja-sama/{pk}/", timeout=30)
    content = (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj % dua server\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    uploaded = session.post(
        f"{a.url}/kerja-sama/{pk}/unggah/",
        data={
            "csrfmiddlewaretoken": csrf_of(page.text),
            "upload-kind": "kak",
            "upload-title": "KAK dua server",
        },
        files={"upload-file": ("kak.pdf", content, "application/pdf")},
        headers={"Referer": f"{a.url}/kerja-sama/{pk}/"},
        timeout=60,
        allow_redirects=False,
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    document = cluster.python(
        "from kerjasama.documents.models import Document\n"
        "d = Document.objects.filter(title='KAK dua server').get()\n"
        "result = d.pk"
    )
    download = session.get(f"{b.url}/dokumen/{document}/versi/1/unduh/", timeout=30)
    assert download.status_code == 200, download.text[:300]
    assert hashlib.sha256(download.content).hexdigest() == hashlib.sha256(content).hexdigest()

    calls = []
    for pk, stage in targets:
        calls.append(lambda pk=pk, stage=stage: _cancel(session, a.url, pk, stage))
        calls.append(lambda pk=pk, stage=stage: _cancel(session, b.url, pk, stage))
    statuses = at_once(*calls)
    assert set(statuses) <= {302}, statuses  # each answered with its outcome page (success or the conflict)
    pks = [pk for pk, _stage in targets]
    after = cluster.python(TRANSITIONS % {"pks": pks})
    assert set(after["stages"].values()) == {"dibatalkan"}, after
    assert all(len(rows) == 1 for rows in after["history"].values()), after[
        "history"
    ]  # none lost, none twice
    assert set(after["events"].values()) == {1}, after["events"]
    assert after["ordered"], "the audit trail is not in the order it was written"

    # Due reminders sent by both servers' sending step at once: each once, each delivered once by the workers.
    count = 120
    assert cluster.python(MAKE_REMINDERS % {"count": count}) == count
    runs = at_once(*(lambda: cluster.python(SEND_DUE) for _ in range(2)))
    assert sum(r["sent"] for r in runs) == count, runs
    delivered = wait_for(
        lambda: (lambda r: r if r["delivered"] >= count else None)(cluster.python(REMINDERS_AFTER)),
        timeout=40,
        what="the two workers deliver every reminder's notification",
    )
    assert delivered["statuses"] == ["sent"] and delivered["duplicates"] == 0, delivered
    assert delivered["delivered"] == count, delivered
