"""Properties of the overlay behind ``terms_as_of`` (hypothesis): over any sequence of amendments the terms in
force on a date are consistent (a function of the amendments effective by then, whatever order they were
recorded in), constant between effective dates, the signed terms before the first one, and every value comes
from the signed terms or from an amendment effective by then (nothing invented, nothing from the future)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.lifecycle.domain.terms import Change, applied_on, overlay

PARTIES = ("34.71", "34.04", "org:7")
BASE: dict[str, Any] = {
    "object": "objek awal",
    "scope": "lingkup awal",
    "value": "100.00",
    "apbd_budgeted": True,
    "burdens_public": False,
    "shares": {"34.71": "50.00", "34.04": "50.00", "org:7": None},
}
START = date(2021, 1, 1)

_values = {
    "object": st.text(max_size=5),
    "scope": st.text(max_size=5),
    "value": st.decimals(min_value=0, max_value=10**6, places=2).map(lambda d: f"{d:.2f}"),
    "apbd_budgeted": st.none() | st.booleans(),
    "burdens_public": st.none() | st.booleans(),
    "shares": st.dictionaries(
        st.sampled_from(PARTIES), st.integers(0, 100).map(lambda n: f"{n}.00"), min_size=1, max_size=3
    ),
}
change_sets = st.lists(st.sampled_from(sorted(_values)), min_size=1, max_size=4, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({n: _values[n] for n in names})
)


@st.composite
def amendment_lists(draw: Any) -> list[Change]:
    changes = draw(st.lists(change_sets, max_size=8))
    days = draw(st.lists(st.integers(0, 1500), min_size=len(changes), max_size=len(changes)))
    return [
        Change(i + 1, START + timedelta(days=d), c)
        for i, (c, d) in enumerate(zip(changes, days, strict=True))
    ]


days_strategy = st.integers(-30, 1600).map(lambda d: START + timedelta(days=d))


@settings(max_examples=150, deadline=None)
@given(amendment_lists(), st.randoms(use_true_random=False), days_strategy)
def test_the_order_of_recording_does_not_matter(changes: list[Change], rnd: Any, on: date) -> None:
    shuffled = list(changes)
    rnd.shuffle(shuffled)
    assert overlay(BASE, shuffled, on) == overlay(BASE, changes, on)


@settings(max_examples=150, deadline=None)
@given(amendment_lists(), days_strategy, days_strategy)
def test_terms_change_only_on_effective_dates(changes: list[Change], d1: date, d2: date) -> None:
    first, last = min(d1, d2), max(d1, d2)
    if not any(first < c.effective_from <= last for c in changes):
        assert overlay(BASE, changes, first) == overlay(BASE, changes, last)
    # Monotone: what applies on an earlier day still applies on a later one.
    assert set(c.sequence for c in applied_on(changes, first)) <= set(
        c.sequence for c in applied_on(changes, last)
    )


@settings(max_examples=150, deadline=None)
@given(amendment_lists(), days_strategy)
def test_each_term_is_the_last_effective_change_or_the_signed_one(changes: list[Change], on: date) -> None:
    terms = overlay(BASE, changes, on)
    effective = applied_on(changes, on)
    for name in ("object", "scope", "value", "apbd_budgeted", "burdens_public"):
        touching = [c for c in effective if name in c.changes]
        assert terms[name] == (touching[-1].changes[name] if touching else BASE[name])
    for party in PARTIES:
        touching = [c for c in effective if party in c.changes.get("shares", {})]
        expected = touching[-1].changes["shares"][party] if touching else BASE["shares"][party]
        assert terms["shares"][party] == expected
    if not effective:
        assert terms == BASE


@settings(max_examples=100, deadline=None)
@given(amendment_lists())
def test_after_every_amendment_adding_a_later_one_never_changes_the_past(changes: list[Change]) -> None:
    if not changes:
        return
    latest = max(c.effective_from for c in changes)
    extra = Change(len(changes) + 1, latest + timedelta(days=1), {"value": "1.00"})
    for c in changes:
        assert overlay(BASE, [*changes, extra], c.effective_from) == overlay(BASE, changes, c.effective_from)
