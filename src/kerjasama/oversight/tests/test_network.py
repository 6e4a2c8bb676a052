"""The cooperation network's pure functions (issue 13 item 2): edges are the pairs of each agreement's regions,
degrees add up to twice the edges, the ranking is ordered, the circle layout is deterministic and inside its
square whatever order the regions come in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.oversight.network import (
    AgreementLink,
    build_edges,
    circle_layout,
    degree_ranking,
    degrees,
    shared_areas,
    stroke_width,
)

CODES = st.sampled_from(["33", "33.74", "33.72", "34", "34.02", "34.04", "34.71", "35.78", "35.15"])
LINKS = st.lists(
    st.builds(
        AgreementLink,
        agreement_id=st.integers(1, 40),
        type=st.sampled_from(["KSDD", "KSDPK"]),
        affairs=st.lists(st.sampled_from(["1.01", "1.03", "2.11"]), max_size=2).map(tuple),
        regions=st.lists(CODES, max_size=4).map(tuple),
    ),
    max_size=12,
)


def test_a_multilateral_agreement_ties_every_pair_of_its_regions() -> None:
    edges = build_edges(
        [
            AgreementLink(1, "KSDD", ("2.11",), ("34.71", "34.04", "34.02")),
            AgreementLink(2, "KSDD", ("1.03",), ("34.04", "34.71", "34.71")),
            AgreementLink(3, "KSDPK", ("1.01",), ("34.71",)),
        ]
    )
    assert [(e.a, e.b, e.count) for e in edges] == [
        ("34.04", "34.71", 2),
        ("34.02", "34.04", 1),
        ("34.02", "34.71", 1),
    ]
    assert edges[0].affairs == {"1.03", "2.11"}
    assert degree_ranking(edges) == [(1, "34.02", 2), (1, "34.04", 2), (1, "34.71", 2)]


@given(LINKS)
@settings(max_examples=60, deadline=None)
def test_edge_and_degree_invariants(links: list[AgreementLink]) -> None:
    edges = build_edges(links)
    assert all(e.a < e.b for e in edges)
    assert len({(e.a, e.b) for e in edges}) == len(edges)
    ids = {x.agreement_id for x in links}
    assert all(e.agreements <= ids and e.count >= 1 for e in edges)
    assert [e.count for e in edges] == sorted((e.count for e in edges), reverse=True)
    assert sum(degrees(edges).values()) == 2 * len(edges)
    ranking = degree_ranking(edges)
    assert [d for _, _, d in ranking] == sorted((d for _, _, d in ranking), reverse=True)
    assert ranking == [] or ranking[0][0] == 1
    assert build_edges(list(reversed(links))) == edges


@given(st.lists(CODES, max_size=9), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_the_layout_is_deterministic_distinct_and_inside_its_square(codes: list[str], rnd: object) -> None:
    points = circle_layout(codes, size=640, margin=70)
    shuffled = list(codes)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert circle_layout(shuffled, size=640, margin=70) == points
    assert set(points) == set(codes)
    assert len(set(points.values())) == len(points)
    assert all(0 <= x <= 640 and 0 <= y <= 640 for x, y in points.values())


def test_regions_of_a_province_sit_together_on_the_circle() -> None:
    points = circle_layout(["34.71", "33.74", "34.02", "33.72"], size=600, margin=40)
    assert list(points) == ["33.72", "33.74", "34.02", "34.71"]
    assert points["33.72"] == (300.0, 40.0)


@given(st.integers(1, 500), st.integers(1, 500))
def test_stroke_width_grows_with_the_count_within_bounds(count: int, largest: int) -> None:
    count = min(count, largest)
    width = stroke_width(count, largest)
    assert 1.0 <= width <= 8.0
    assert stroke_width(max(count - 1, 1), largest) <= width
    assert stroke_width(largest, largest) == (8.0 if largest > 1 else 1.0)


def test_shared_areas_are_those_of_both_ends() -> None:
    (edge,) = build_edges([AgreementLink(1, "KSDD", (), ("34.71", "34.04"))])
    assert shared_areas(edge, {"34.71": {"jogja", "x"}, "34.04": {"jogja"}}) == {"jogja"}
    assert shared_areas(edge, {"34.71": {"x"}}) == set()
