"""Versions of the data by area, moved after each committed change (what caches of derived views compare).

House rule 3 (ARCHITECTURE.md): every state change goes through a service that writes an audit event. So
``audit.record``/``record_many`` call :func:`changed` with the event's action, and the counter of the
action's *area* (what precedes the dot: ``agreement``, ``monev``, ``mapping``...; a ``ReferenceVersion`` row
named ``data:<area>``) is bumped *once the transaction commits*: in its own short statement, so writers do not
queue on a counter row for the length of their transactions, and a rolled-back change moves nothing. One
callback per transaction, one bump per area it touched.

A reader that keys a cached view on :func:`current` read *before* it computes the view is never served a view
older than a change committed before that read: a change committed later moves a counter after the view was
computed, so the stale entry is keyed on a version nobody asks for again. A view may leave out the areas it
does not read (``ignore``): the deadlines do not change when a region's profile does. A new area counts for
every view until one leaves it out. What this cannot see, and why a cache keyed on it also has an age limit:
a write that bypasses the services (a bulk generator, a migration, a hand edit in the database) and a
process killed between a commit and its bump.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from kerjasama.core import reference
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import ReferenceVersion

#: The prefix of the counter rows (``data:agreement``, ``data:monev``, ...).
PREFIX = "data:"

#: Audit events of access, not of a change to what the data holds: a login, a download, an export. They leave
#: the versions alone (logins alone would otherwise move them many times a minute at national scale, and every
#: cached view would be recomputed for nothing).
ACCESS_ONLY = frozenset(
    {
        AuditAction.LOGIN_SUCCEEDED,
        AuditAction.LOGIN_FAILED,
        AuditAction.LOGIN_LOCKED_OUT,
        AuditAction.LOGOUT,
        AuditAction.API_TOKEN_REJECTED,
        AuditAction.API_TOKEN_LOCKED_OUT,
        AuditAction.SSO_LOGIN_SUCCEEDED,
        AuditAction.SSO_REFUSED,
        AuditAction.DOCUMENT_DOWNLOADED,
        AuditAction.LETTER_PDF_DOWNLOADED,
        AuditAction.PRIVACY_LETTER_DOWNLOADED,
        AuditAction.PRIVACY_DATA_EXPORTED,
    }
)


#: Actions counted in an area of their own, not their prefix's: a calendar feed's token is a credential (as
#: ``api_token.*``), not the deadlines it serves, so issuing one moves no cached view of the deadlines.
OWN_AREA: dict[str, str] = {
    AuditAction.CALENDAR_TOKEN_ISSUED: "calendar_token",
    AuditAction.CALENDAR_TOKEN_REVOKED: "calendar_token",
}


def area_of(action: str) -> str:
    own = OWN_AREA.get(str(action))
    return own if own is not None else str(action).split(".", 1)[0]


class Bump:
    """The on-commit callback of one transaction: bumps the counter of each area it collected."""

    def __init__(self, area: str) -> None:
        self.areas = {area}
        self.done = False

    def __call__(self) -> None:
        self.done = True  # a later change is not merged into it (tests run callbacks inside an open transaction)
        for area in sorted(self.areas):
            reference.bump(PREFIX + area)


def changed(action: str) -> None:
    """Bump the version of ``action``'s area when the current transaction commits (at once outside one).

    Access only (``ACCESS_ONLY``) moves nothing. An area added inside a savepoint that is later rolled back
    may still be bumped with the rest: a needless recompute, never a stale view.
    """
    if action in ACCESS_ONLY:
        return
    area = area_of(action)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _sids, func, _robust in connection.run_on_commit:
            if isinstance(func, Bump) and not func.done:
                func.areas.add(area)
                return
    # robust: the change is committed whatever happens to the counter; a failed bump is logged by Django and
    # the caches' age limit covers it
    transaction.on_commit(Bump(area), robust=True)


def current(*, ignore: Iterable[str] = ()) -> tuple[tuple[str, int, str], ...]:
    """The versions of every area but ``ignore`` as ``(area, counter, time of the last change)`` (one read of a
    table of a few dozen rows). The time is part of it: a rolled-back bump's counter may come again."""
    skipped = {PREFIX + area for area in ignore}
    rows = (
        ReferenceVersion.objects.filter(name__startswith=PREFIX)
        .exclude(name__in=skipped)
        .order_by("name")
        .values_list("name", "version", "changed_at")
    )
    return tuple(
        (name[len(PREFIX) :], int(version), changed_at.isoformat() if changed_at else "")
        for name, version, changed_at in rows
    )


def others(callbacks: list[object]) -> list[object]:
    """The on-commit callbacks other than the versions' bump (tests that count the tasks a change enqueues)."""
    return [callback for callback in callbacks if not isinstance(callback, Bump)]
