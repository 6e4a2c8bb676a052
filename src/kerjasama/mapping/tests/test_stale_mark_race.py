"""A stale mark read by a service while the refresh task claims it (CI, PostgreSQL: a 500 on publishing).

The service marks a region already marked stale (``services._affected``: read the mark, merge the affairs,
save); the refresh task claims marks by deleting exactly the rows it read (``runner.refresh_stale``). Before
the mark was locked, the task's delete could land between the service's read and its save: the save then
affected no row and Django raised, so publishing an identification answered 500 (seen once in CI, in the
verification-loop browser test). Here the task is made to try its claim at exactly that moment, on its own
connection: the claim must wait for the service's transaction, then leave the re-marked row alone (its
``marked_at`` moved), so the service succeeds and no affair of either mark is lost.

Runs outside a test transaction (two connections must see committed rows) and deletes the mark it made.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections, transaction

from kerjasama.mapping import runner, services
from kerjasama.mapping.models import StaleRegion

REGION = "34.71"
#: How long the service waits, between reading the mark and saving it, for the task's claim to finish.
WINDOW_S = 1.5


@pytest.fixture
def committed_mark(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        StaleRegion.objects.filter(region_id=REGION).delete()
        StaleRegion.objects.create(
            region_id=REGION, identifications_changed=True, affairs=[["1.01", True, False]]
        )
        try:
            yield
        finally:
            StaleRegion.objects.filter(region_id=REGION).delete()


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="on SQLite the installation's IMMEDIATE transactions serialise the service and the task (the "
    "suite's in-memory database cannot make a writer wait); the race is PostgreSQL's",
)
def test_a_refresh_claiming_the_mark_mid_update_neither_fails_the_service_nor_loses_an_affair(
    committed_mark: None, django_db_blocker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_done, claim_done = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    claimed: list[int] = []
    save = StaleRegion.save

    def save_after_the_claim(self: StaleRegion, *args: Any, **kwargs: Any) -> None:
        read_done.set()
        claim_done.wait(WINDOW_S)  # unlocked: the claim lands now; locked: it waits for our commit
        save(self, *args, **kwargs)

    monkeypatch.setattr(StaleRegion, "save", save_after_the_claim)
    monkeypatch.setattr(services, "schedule_refresh", lambda: None)  # the task runs by hand below

    def mark() -> None:
        try:
            with transaction.atomic():
                services._affected({REGION}, identifications_changed=True, affairs={"3.32": (True, True)})
        except BaseException as exc:
            errors.append(exc)
            read_done.set()
        finally:
            connections.close_all()

    def refresh() -> None:
        try:
            read_done.wait(30)
            claimed.append(runner.refresh_stale())
        except BaseException as exc:
            errors.append(exc)
        finally:
            claim_done.set()
            connections.close_all()

    with django_db_blocker.unblock():
        threads = [threading.Thread(target=mark), threading.Thread(target=refresh)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == [], f"{connection.vendor}: {errors!r}"
        # The claim found the mark moved on and left it: the next refresh computes both affairs.
        assert claimed == [0]
        stale = StaleRegion.objects.get(region_id=REGION)
        assert stale.identifications_changed
        assert stale.affairs == [["1.01", True, False], ["3.32", True, True]]


@pytest.mark.django_db
def test_re_marking_a_marked_region_merges_the_affairs_and_a_mark_of_unknown_affairs_widens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The merge the race above must not lose, on one connection (both engines). Being marked by django_db
    also makes pytest-django create the test database when this module runs alone."""
    monkeypatch.setattr(services, "schedule_refresh", lambda: None)
    StaleRegion.objects.filter(region_id=REGION).delete()
    services._affected({REGION}, identifications_changed=True, affairs={"3.32": (True, False)})
    services._affected({REGION}, identifications_changed=True, affairs={"3.32": (False, True)})
    services._affected({REGION}, identifications_changed=True, affairs={"1.01": (True, False)})
    stale = StaleRegion.objects.get(region_id=REGION)
    assert stale.affairs == [["1.01", True, False], ["3.32", True, True]]
    services._affected({REGION}, identifications_changed=True)  # affairs unknown: the superset
    assert StaleRegion.objects.get(region_id=REGION).affairs == []


@pytest.mark.django_db
def test_a_profile_change_and_an_identifications_bounded_mark_make_the_superset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An indicator value (or the register of agreements) changes the region's pairs with every candidate; a
    mark bounded to an identification's affairs (neighbours and same-affair matches) kept as it was would
    leave a far partner matched on another affair with its old score."""
    monkeypatch.setattr(services, "schedule_refresh", lambda: None)
    StaleRegion.objects.filter(region_id=REGION).delete()
    services._affected({REGION}, identifications_changed=True, affairs={"3.32": (True, False)})
    services._affected({REGION})  # a profile change: identifications unchanged
    stale = StaleRegion.objects.get(region_id=REGION)
    assert stale.identifications_changed and stale.affairs == []  # the superset (every candidate)
    services._affected({REGION})  # and a second one leaves it so
    assert StaleRegion.objects.get(region_id=REGION).affairs == []
    # the other order: a profile change marked first, then an identification's transition
    StaleRegion.objects.filter(region_id=REGION).delete()
    services._affected({REGION})
    services._affected({REGION}, identifications_changed=True, affairs={"3.32": (True, False)})
    stale = StaleRegion.objects.get(region_id=REGION)
    assert stale.identifications_changed and stale.affairs == []


@pytest.mark.parametrize(
    ("old", "new", "merged"),
    [
        # two profile changes: the union of their affairs; unknown (None) wins
        ((False, [], ["2.11"]), (False, [], ["1.02"]), (False, [], ["1.02", "2.11"])),
        ((False, [], ["2.11"]), (False, [], None), (False, [], None)),
        # two identification changes: the union of the sides; unknown ([]) is the superset
        (
            (True, [["3.32", True, False]], None),
            (True, [["3.32", False, True]], None),
            (True, [["3.32", True, True]], None),
        ),
        ((True, [["3.32", True, False]], None), (True, [], None), (True, [], None)),
        # an identification and a profile change: the profile's affairs as needing and offering
        (
            (True, [["3.32", True, False]], None),
            (False, [], ["2.11"]),
            (True, [["2.11", True, True], ["3.32", True, False]], None),
        ),
        (
            (False, [], ["2.11"]),
            (True, [["3.32", True, False]], None),
            (True, [["2.11", True, True], ["3.32", True, False]], None),
        ),
        ((False, [], []), (True, [["3.32", True, False]], None), (True, [["3.32", True, False]], None)),
        # with a register change (every affair) or an identification of unknown affairs: the superset
        ((True, [["3.32", True, False]], None), (False, [], None), (True, [], None)),
        ((False, [], None), (True, [["3.32", True, False]], None), (True, [], None)),
    ],
)
def test_two_marks_of_a_region_merge_into_one_that_covers_both(old: Any, new: Any, merged: Any) -> None:
    assert services.merged_mark(old, new) == merged
