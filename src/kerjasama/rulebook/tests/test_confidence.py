"""Confidence tags (V/S/U) have one order and one meaning of "weakest": U, then S, then V."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.rulebook.facts import CONFIDENCES, weakest_confidence


def test_it_orders_the_tags_from_verified_to_unverified() -> None:
    assert CONFIDENCES == ("V", "S", "U")


def test_it_takes_unverified_as_the_weakest_then_secondary() -> None:
    assert weakest_confidence(["V", "V"]) == "V"
    assert weakest_confidence(["V", "S"]) == "S"
    assert weakest_confidence(["S", "U", "V"]) == "U"
    assert weakest_confidence(iter(["U", "V"])) == "U"


def test_it_answers_the_default_for_an_empty_set() -> None:
    assert weakest_confidence([]) is None
    assert weakest_confidence([], default="V") == "V"


def test_it_refuses_a_tag_outside_v_s_u() -> None:
    with pytest.raises(ValueError, match="'X'"):
        weakest_confidence(["V", "X"])


@given(st.lists(st.sampled_from(CONFIDENCES), min_size=1))
def test_it_never_answers_stronger_than_any_tag(tags: list[str]) -> None:
    weakest = weakest_confidence(tags)
    assert weakest in tags
    assert all(CONFIDENCES.index(weakest) >= CONFIDENCES.index(t) for t in tags)
