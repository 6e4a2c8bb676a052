"""A user's computed deadlines, kept in the worker's memory while the data version stands (issue 14).

Why: the deadlines of an owner are computed from every source each time (``selectors.my_deadlines_counted``),
which costs time in proportion to what the owner owns. An owner of thousands (the ministry, party to every
central–regional synergy of the national example data: 2,145 open deadlines) paid ~110 ms of database and
Python on each home page and ``GET /api/v1/deadlines/mine``, the two groups that missed the load budget.

What keeps it right: the key holds the user, the day, the deadline settings and the data versions
(``core.data_version``: moved after every committed audited change, anywhere, by area; the areas no source
reads are left out, ``IGNORED_AREAS``), read before the deadlines are computed — a change committed after
that read moves a version, so an entry is never reused after a change it does not contain. An entry also
ages out after ``KERJASAMA_DEADLINES_CACHE_SECONDS`` (default 300; 0 turns the memo off), the bound on what
the versions cannot see (a write that bypasses the services).
Per process (no pickling, nothing shared between users), at most ``MAX_ENTRIES`` entries, least recently used
dropped first, so a worker's memory stays flat.

Two layers (the load test's writes, issue 14): a user's whole list, valid while no area it reads moved, and
under it each source's items for that user, valid while the areas *that source* reads stand
(:func:`for_source`: a change in an area another source claims as its own, ``registry.register_source``'s
``own_areas``, leaves them). A self-assessment saved somewhere in the country then recomputes the ministry's
1,303 monev items, not its 2,144 deadlines of every source.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings

from kerjasama.core import data_version
from kerjasama.deadlines import registry

#: Entries one worker keeps at most: a user's list and one per source (seven) for about 256 users.
MAX_ENTRIES = 2048
DEFAULT_SECONDS = 300

#: Areas of audited changes (``core.data_version``) no deadline source reads: a region's profile and
#: identifications (the mapping), notifications sent, logins, API and calendar-feed credentials, the oversight
#: summaries and publication consents. A change there leaves the memo as it is; every other area, and any new
#: one, counts.
IGNORED_AREAS = frozenset(
    {"mapping", "notification", "auth", "api_token", "api_client", "calendar_token", "oversight"}
)

Versions = tuple[tuple[str, int, str], ...]

#: key -> (data versions it was computed at, expiry on the monotonic clock, value). One entry per key: a
#: computation at newer versions replaces the older one (keyed on the versions too, the entries of a user
#: whose data changes every few seconds piled up to the LRU bound: +10 MiB a minute per worker in the soak).
_entries: OrderedDict[Hashable, tuple[Any, float, Any]] = OrderedDict()
_lock = threading.Lock()


def seconds() -> int:
    return max(0, int(getattr(settings, "KERJASAMA_DEADLINES_CACHE_SECONDS", DEFAULT_SECONDS)))


def versions() -> Versions:
    """The data versions of every area but ``IGNORED_AREAS`` (read *before* computing: the module's docstring)."""
    return data_version.current(ignore=IGNORED_AREAS)


def for_source(current: Versions, name: str) -> Versions:
    """Of ``current``, the versions of the areas source ``name`` reads (all but other sources' own areas)."""
    foreign = registry.foreign_areas(name)
    return tuple(version for version in current if version[0] not in foreign)


def remembered(key: Hashable, compute: Callable[[], Any], *, at: Versions | None = None) -> Any:
    """``compute()``, or what it returned for ``key`` at the same data versions (``at``, by default
    :func:`versions` read now) within the age limit."""
    limit = seconds()
    if limit == 0:
        return compute()
    current = at if at is not None else versions()
    now = time.monotonic()
    with _lock:
        found = _entries.get(key)
        if found is not None and found[0] == current and found[1] > now:
            _entries.move_to_end(key)
            return found[2]
    value = compute()
    with _lock:
        _entries[key] = (current, now + limit, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget() -> None:
    """Drop every entry (tests: a rolled-back test leaves the same data version to the next one)."""
    with _lock:
        _entries.clear()


def size() -> int:
    return len(_entries)
