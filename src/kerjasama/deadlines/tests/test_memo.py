"""The memo of a user's deadlines (``deadlines.memo``) and the data version it is keyed on
(``core.data_version``): reused while nothing was committed, recomputed after any committed audited change
(by anyone), aged out, bounded. The suite turns the memo off (``conftest._no_deadlines_memo``: its tests never
commit); here it is on and the commits' callbacks are run (``django_capture_on_commit_callbacks``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.core import audit, data_version
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.deadlines import memo, selectors

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


@pytest.fixture(autouse=True)
def _memo_on() -> Any:
    memo.forget()
    with override_settings(KERJASAMA_DEADLINES_CACHE_SECONDS=300):
        yield
    memo.forget()


def keys(user: Any) -> set[str]:
    return {row.item.key for row in selectors.my_deadlines(user, today=TODAY)}


def test_a_second_look_at_the_same_data_version_reads_only_the_version(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        agreement = in_force(term_end=TODAY + timedelta(days=20))
    user = persona("kabkota")
    with CaptureQueriesContext(connection) as first:
        rows, total = selectors.my_deadlines_counted(user, today=TODAY)
    with CaptureQueriesContext(connection) as second:
        again, again_total = selectors.my_deadlines_counted(user, today=TODAY)
    assert f"agreement:{agreement.pk}:expiry" in {r.item.key for r in rows}
    assert (again, again_total) == (rows, total)
    assert len(first) > 3 and len(second) == 1, [q["sql"] for q in second.captured_queries]
    # another day is another key
    with CaptureQueriesContext(connection) as next_day:
        selectors.my_deadlines_counted(user, today=TODAY + timedelta(days=1))
    assert len(next_day) == len(first)


def counter(area: str) -> int:
    return next((n for name, n, _at in data_version.current() if name == area), 0)


def test_a_change_committed_by_anyone_is_seen_at_the_next_look(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    user = persona("kabkota")
    before = keys(user)
    version = counter("agreement")
    # Kabupaten Sleman's unit registers an agreement with Kota Yogyakarta: Yogyakarta's unit owns its deadlines.
    with django_capture_on_commit_callbacks(execute=True):
        other = in_force(term_end=TODAY + timedelta(days=40), actor="neighbour")
    assert counter("agreement") == version + 1  # one bump for the whole transaction
    assert keys(user) == before | {f"agreement:{other.pk}:expiry"}


def test_a_change_no_deadline_reads_leaves_the_memo_and_any_other_recomputes_it(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    from kerjasama.mapping.services import set_indicator_value
    from kerjasama.regions.models import Region

    user = persona("kabkota")
    with django_capture_on_commit_callbacks(execute=True):  # every change of this test is committed
        in_force(term_end=TODAY + timedelta(days=20))
    selectors.my_deadlines(user, today=TODAY)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            selectors.my_deadlines(user, today=TODAY)
        return len(seen)

    with django_capture_on_commit_callbacks(execute=True):  # a region's profile: the mapping's area
        set_indicator_value(
            actor=user,
            region=Region.objects.get(code="34.71"),
            indicator_code="waste_coverage",
            year=2025,
            value="62,5",
            source="DLH (uji)",
        )
    assert counter("mapping") >= 1
    assert queries() == 1
    with django_capture_on_commit_callbacks(execute=True):  # an agreement: read by the deadlines
        in_force(term_end=TODAY + timedelta(days=30))
    assert queries() > 1


def test_a_rolled_back_change_does_not_move_the_version() -> None:
    version = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(actor=SYSTEM, action=AuditAction.REMINDERS_RUN, object_type="t", object_id="1")
        raise RuntimeError("rolled back")
    assert data_version.current() == version


def test_many_events_in_one_transaction_move_each_area_once(django_capture_on_commit_callbacks: Any) -> None:
    deadlines, agreements = counter("deadlines"), counter("agreement")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            audit.record(actor=SYSTEM, action=AuditAction.REMINDERS_RUN, object_type="t", object_id=str(n))
        audit.record_many(
            [
                audit.build(actor=SYSTEM, action=action, object_type="t", object_id="9")
                for action in (AuditAction.REMINDERS_RUN, AuditAction.AGREEMENT_BUDGET_LINE_ADDED)
            ]
        )
    assert len(callbacks) == 1 and data_version.others(callbacks) == []
    assert (counter("deadlines"), counter("agreement")) == (deadlines + 1, agreements + 1)


def test_an_entry_ages_out_and_the_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert memo.remembered("k", compute) == 1
    clock[0] += 299
    assert memo.remembered("k", compute) == 1
    clock[0] += 2  # past the 300 s age limit
    assert memo.remembered("k", compute) == 2
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    for n in range(5):
        memo.remembered(("other", n), compute)
    assert memo.size() == 3
    with override_settings(KERJASAMA_DEADLINES_CACHE_SECONDS=0):  # off: computed each time
        assert memo.remembered("k", compute) != memo.remembered("k", compute)


def test_a_login_or_a_download_leaves_the_version_alone(django_capture_on_commit_callbacks: Any) -> None:
    version = data_version.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for action in (AuditAction.LOGIN_SUCCEEDED, AuditAction.DOCUMENT_DOWNLOADED, AuditAction.LOGOUT):
            audit.record(actor=SYSTEM, action=action, object_type="t", object_id="1")
    assert callbacks == [] and data_version.current() == version


def test_a_user_keeps_one_entry_however_often_the_data_changes(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    """Keyed on the versions too, a busy owner's entries piled up to the bound (the soak's RSS grew 10 MiB a
    minute per worker): a computation at newer versions replaces the older one."""
    user = persona("kabkota")
    for n in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            in_force(term_end=TODAY + timedelta(days=20 + n))
        assert len(selectors.my_deadlines(user, today=TODAY)) >= n + 1
        assert memo.size() == 1
