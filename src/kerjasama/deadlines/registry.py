"""The plug-in registry of deadline sources and of the extra steps of ``kerjasama remind`` (issue 11 item 5).

Every dated item of the system is a :class:`DeadlineItem` yielded by a *source*: a function of a
:class:`DeadlineWindow` registered under a stable name with :func:`register_source`. This app registers the
agreement sources (``deadlines.sources``: notice date and end of term of an agreement in force, the rulebook's
stage clocks); the obligations, monev and lifecycle apps plug in their own from their ``AppConfig.ready``::

    from kerjasama.deadlines.registry import DeadlineItem, register_source, register_step, set_superseded_hook

    register_source("obligations", obligation_deadlines)      # fn(window) -> Iterable[DeadlineItem]
    register_step("escalations", escalate_late)               # fn(today) -> dict, its "escalations" count
    set_superseded_hook(superseded_agreement_ids)             # fn(agreement_ids) -> set of superseded ids

Reminders are planned from what the sources yield *now* (``deadlines.services.plan``), so a source that stops
yielding an item, or yields it with another due date (an extension, an amendment), cancels its pending
reminders: nothing is stored by the sources themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    """One dated item somebody must act on by ``due``.

    ``key`` is stable across runs and unique in the system (``agreement:12:expiry``); ``due`` may move between
    runs (the reminders of the old date are then cancelled). ``owner_regions`` are region codes whose
    cooperation unit and TKKSD members own the item (``notices.party_people``), ``owner_organisations`` the
    organisations (a third party, a ministry) whose users own it, ``owner_users`` individual users.
    ``lead_days`` are the reminders' lead times; ``working_days`` says they count Indonesian working days
    (UU 23/2014 Pasal 1 angka 50) instead of calendar days. ``basis`` is the rule or legal basis shown with it.
    ``overdue_days`` are the days after ``due`` on which an item still open is reminded as overdue
    ("terlambat"; a ladder: the owner first, an escalation later); empty: nothing after the due date (the
    source's app handles lateness itself, as the obligations' escalation ladder does).
    """

    key: str
    title_id: str
    title_en: str
    due: date
    source: str
    agreement_id: int | None = None
    owner_regions: tuple[str, ...] = ()
    owner_organisations: tuple[int, ...] = ()
    owner_users: tuple[int, ...] = ()
    lead_days: tuple[int, ...] = ()
    url: str = ""
    basis: str = ""
    working_days: bool = False
    overdue_days: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DeadlineWindow:
    """What a source is asked for: items due in ``[start, end]``.

    ``agreement_ids``, when given, limits the question to those agreements (a user's own view); a source of
    items that belong to no agreement may ignore it only if it also filters by ``user_ids``/``regions``.
    ``regions``, ``organisations`` and ``user_ids`` are hints (owners wanted); a source may ignore them, the
    caller filters again. ``agreement_ids`` may be a queryset of ids (used as a subquery).
    ``planning``: the reminder planner asks (``deadlines.services.plan``), not a listing; a source of many
    short-lead items (an obligation's monthly occurrences over ten years) may then yield only those whose
    first reminder falls due by ``today`` (the others are planned on the day their lead is reached: a
    reminder that does not exist yet cannot fire, so nothing changes but the size of the daily run).
    """

    start: date
    end: date
    today: date
    agreement_ids: Collection[int] | QuerySet[Any, Any] | None = None
    regions: Collection[str] | None = None
    organisations: Collection[int] | None = None
    user_ids: Collection[int] | None = None
    planning: bool = False


Source = Callable[[DeadlineWindow], Iterable[DeadlineItem]]
Step = Callable[[date], dict[str, Any]]
SupersededHook = Callable[[Collection[int]], Collection[int]]


@dataclass
class _Registry:
    sources: dict[str, Source] = field(default_factory=dict)
    own_areas: dict[str, frozenset[str]] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    superseded: SupersededHook | None = None


_registry = _Registry()


def register_source(name: str, fn: Source, *, own_areas: Iterable[str] = ()) -> None:
    """Register (or replace, same name) a source of deadlines; ``name`` is stored on every reminder.

    ``own_areas``: the areas of audited changes (``core.data_version``: ``monev``, ``obligation``...) whose
    data this source reads and *no other source* does. The deadlines memo (``deadlines.memo``) then keeps the
    other sources' items when only such an area moved: a self-assessment saved recomputes the monev items, not
    the obligations. Claim only an area no other source reads (what a source leaves unclaimed counts for it).
    """
    if not name or len(name) > 40:
        raise ImproperlyConfigured(f"deadline source name {name!r}: 1 to 40 characters")
    _registry.sources[name] = fn
    _registry.own_areas[name] = frozenset(own_areas)


def unregister_source(name: str) -> None:
    _registry.sources.pop(name, None)
    _registry.own_areas.pop(name, None)


def foreign_areas(name: str) -> frozenset[str]:
    """The areas other sources claim as their own and ``name`` does not: a change there leaves its items."""
    claimed = {area for other, areas in _registry.own_areas.items() if other != name for area in areas}
    return frozenset(claimed - _registry.own_areas.get(name, frozenset()))


def sources() -> dict[str, Source]:
    return dict(sorted(_registry.sources.items()))


def register_step(name: str, fn: Step) -> None:
    """Register an extra step of ``kerjasama remind`` (after planning and sending), ``fn(today) -> dict``.

    Whatever the step returns is reported under its name; an integer ``escalations`` in it is added to the
    run's ``escalations`` count (the obligations app's ``escalate_late``).
    """
    _registry.steps[name] = fn


def unregister_step(name: str) -> None:
    _registry.steps.pop(name, None)


def steps() -> dict[str, Step]:
    return dict(sorted(_registry.steps.items()))


def set_superseded_hook(fn: SupersededHook | None) -> None:
    """Which of the given agreement ids are superseded (renewed, extended into a successor): the lifecycle app
    supplies it; their expiry reminders are then not planned (and pending ones are cancelled)."""
    _registry.superseded = fn


def superseded_ids(agreement_ids: Collection[int]) -> set[int]:
    hook = _registry.superseded
    if hook is None or not agreement_ids:
        return set()
    return set(hook(agreement_ids))


def collect(
    window: DeadlineWindow,
    *,
    only: Iterable[str] | None = None,
    fetch: Callable[[str, Source], Iterable[DeadlineItem]] | None = None,
) -> list[DeadlineItem]:
    """Every item of every registered source (or of ``only``) due inside the window, by due date and key.

    A key yielded twice keeps its first item (a source must not shadow another's keys). ``fetch(name, fn)``
    asks a source instead of ``fn(window)`` (the memo's per-source reuse).
    """
    wanted = set(only) if only is not None else None
    seen: dict[str, DeadlineItem] = {}
    for name, fn in sources().items():
        if wanted is not None and name not in wanted:
            continue
        for item in fn(window) if fetch is None else fetch(name, fn):
            if window.start <= item.due <= window.end and item.key not in seen:
                seen[item.key] = item
    return sorted(seen.values(), key=lambda i: (i.due, i.key))
