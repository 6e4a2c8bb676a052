"""The order of parties never changes a check: pair classification, bordering and the whole plan result."""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.rulebook import check_plan
from kerjasama.rulebook.tests.fixtures import REF

CODES = sorted(REF.regions)
AFFAIR_CODES = ["1.03", "2.07", "2.15", "3.29", "4.01", "1.99"]


@given(st.sampled_from(CODES), st.sampled_from(CODES))
def test_it_classifies_and_borders_pairs_symmetrically(a: str, b: str) -> None:
    assert REF.pairing(a, b) == REF.pairing(b, a)
    assert REF.borders(a, b) == REF.borders(b, a)


def test_it_borders_provinces_exactly_when_some_of_their_kabkota_do() -> None:
    provinces = [c for c in CODES if REF.regions[c].level == "provinsi"]
    for p, q in combinations(provinces, 2):
        expected = any(REF.borders(x, y) for x in REF.kabkota_of(p) for y in REF.kabkota_of(q))
        assert REF.borders(p, q) == expected


@given(
    st.lists(st.sampled_from(CODES), min_size=2, max_size=4, unique=True),
    st.sampled_from(["wajib", "sukarela", None]),
    st.lists(st.sampled_from(AFFAIR_CODES), max_size=3, unique=True),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_it_checks_a_plan_the_same_way_whatever_the_order_of_parties(
    parties: list[str], category: str | None, affairs: list[str], externality: bool, rnd: random.Random
) -> None:
    payload = {
        "type": "KSDD",
        "parties": parties,
        "category": category,
        "affairs": affairs,
        "justification": {"externality": externality},
    }
    shuffled = list(parties)
    rnd.shuffle(shuffled)
    assert check_plan(payload, REF) == check_plan({**payload, "parties": shuffled}, REF)
