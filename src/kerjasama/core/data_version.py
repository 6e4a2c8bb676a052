"""A version of all the data, moved after each committed change (what caches of derived views compare).

House rule 3 (ARCHITECTURE.md): every state change goes through a service that writes an audit event. So
``audit.record``/``record_many`` call :func:`changed`, which bumps the ``data`` counter
(``core.models.ReferenceVersion``) *once the transaction commits* — in its own short statement, so writers do
not queue on the counter row for the length of their transactions, and a rolled-back change moves nothing.

A reader that keys a cached view on :func:`current` read *before* it computes the view is never served a view
older than a change committed before that read: a change committed later moves the counter after the view
was computed, so the stale entry is keyed on a version nobody asks for again. What this cannot see, and why a
cache keyed on it also has an age limit: a write that bypasses the services (a bulk generator, a migration,
a hand edit in the database) and a process killed between a commit and its bump.
"""

from __future__ import annotations

from django.db import transaction

from kerjasama.core import reference

#: The name of the counter row.
DATA = "data"


def _bump() -> None:
    reference.bump(DATA)


def changed() -> None:
    """Bump the data version when the current transaction commits (at once outside a transaction); one bump
    per transaction however many events it records."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is _bump for _sids, func, _robust in connection.run_on_commit):
        return
    # robust: the change is committed whatever happens to the counter; a failed bump is logged by Django and
    # the caches' age limit covers it
    transaction.on_commit(_bump, robust=True)


def current() -> tuple[int, str]:
    """The data version as ``(counter, time of the last change)`` (one indexed read)."""
    return reference.current(DATA)
