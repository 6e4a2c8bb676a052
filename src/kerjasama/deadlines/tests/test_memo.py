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
from kerjasama.deadlines import memo, registry, selectors

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
        assert memo.size() == 1 + len(registry.sources())  # the list, and each source's items


@pytest.fixture
def asked() -> Any:
    """The names of the sources asked for their items, in order (each registered source wrapped)."""
    calls: list[str] = []

    def counted(name: str, fn: registry.Source) -> registry.Source:
        def wrapper(window: registry.DeadlineWindow) -> Any:
            calls.append(name)
            return fn(window)

        return wrapper

    # not monkeypatch: an autouse fixture of the root conftest holds it, so its undo would run after this
    # package's ``_registry_restored`` and leave the sources that fixture had set aside unregistered
    saved = registry._registry.sources
    registry._registry.sources = {n: counted(n, fn) for n, fn in saved.items()}
    yield calls
    registry._registry.sources = saved


def test_a_change_in_one_sources_own_area_recomputes_that_source_only(
    persona: Any,
    in_force: Callable[..., Agreement],
    django_capture_on_commit_callbacks: Any,
    asked: list[str],
) -> None:
    """A self-assessment saved recomputes the monev items; the other sources' items are reused (the ministry's
    2,144 deadlines were recomputed whole after every change: ``api:deadlines`` over budget under writes)."""
    from kerjasama.monev.models import MonevPeriod
    from kerjasama.monev.services import generate_periods, save_self_assessment

    user = persona("kabkota")
    with django_capture_on_commit_callbacks(execute=True):
        agreement = Agreement.objects.get(pk=in_force(term_end=date(2030, 12, 31)).pk)
        generate_periods(actor=SYSTEM, agreement=agreement, today=TODAY)
    period = MonevPeriod.objects.filter(agreement=agreement, due__lt=TODAY).order_by("-due")[0]
    monev_key = f"monev:{period.pk}:{agreement.parties.get(region_id='34.71').pk}"
    every = set(registry.sources())
    assert monev_key in keys(user) and set(asked) == every
    asked.clear()
    assert monev_key in keys(user) and asked == []  # nothing moved: nothing asked

    with django_capture_on_commit_callbacks(execute=True):  # Yogyakarta's unit submits: the monev area
        save_self_assessment(
            actor=user,
            period=period,
            party=agreement.parties.get(region_id="34.71"),
            progress_percent="60,5",
            submit=True,
            today=TODAY,
        )
    assert monev_key not in keys(user), "the submitted self-assessment is no longer a deadline"
    assert asked == ["monev"]
    asked.clear()

    with django_capture_on_commit_callbacks(execute=True):  # a calendar feed's token: a credential
        from kerjasama.deadlines.services import create_calendar_token

        create_calendar_token(actor=user)
    keys(user)
    assert asked == []

    with django_capture_on_commit_callbacks(execute=True):  # an agreement: every source reads agreements
        in_force(term_end=TODAY + timedelta(days=30))
    keys(user)
    assert set(asked) == every


def test_only_areas_no_other_source_reads_are_a_sources_own() -> None:
    """What each source claims (``register_source(own_areas=...)``) is an area of the audit catalogue, claimed
    by one source, and leaves that source's entries alone for every other source."""
    areas = {data_version.area_of(action) for action in AuditAction}
    claimed: dict[str, str] = {}
    for name in registry.sources():
        own = registry._registry.own_areas[name]
        assert own <= areas, f"{name} claims unknown areas {own - areas}"
        for area in own:
            assert area not in claimed, f"{area} claimed by {claimed[area]} and {name}"
            claimed[area] = name
    # (this package's conftest leaves the disputes' and reports' sources out: their apps test them)
    expected = {"monev": "monev", "obligation": "obligations", "dispute": "disputes", "reports": "reports"}
    assert claimed == {area: name for area, name in expected.items() if name in registry.sources()}
    assert registry.foreign_areas("monev") == set(claimed) - {"monev"}
    assert registry.foreign_areas("agreements.expiry") == set(claimed)
    versions = (("agreement", 3, ""), ("monev", 5, ""), ("obligation", 1, ""))
    assert memo.for_source(versions, "monev") == (("agreement", 3, ""), ("monev", 5, ""))
    assert data_version.area_of(AuditAction.CALENDAR_TOKEN_ISSUED) == "calendar_token"
    assert data_version.area_of(AuditAction.REMINDERS_RUN) == "deadlines"
