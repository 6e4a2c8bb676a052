"""Weights parse like environment settings; indicator strengths use fixed reference ranges."""

from __future__ import annotations

import math

import pytest

from kerjasama.mapping.domain import (
    IdentificationFact,
    IndicatorDef,
    MappingWeights,
    weights_reference,
)


def test_it_documents_every_weight_with_its_default() -> None:
    ref = {row["name"]: row for row in weights_reference()}
    assert ref["border"]["default"] == 30.0
    assert ref["border_km_full"]["default"] == 20.0
    assert ref["functional_area"]["default"] == 25.0
    assert ref["complementarity"]["default"] == 25.0
    assert ref["need_offer"]["default"] == 20.0
    assert ref["distance"]["default"] == 10.0
    assert ref["distance_zero_km"]["default"] == 150.0
    assert ref["max_partners"]["default"] == 5
    assert ref["min_score"]["default"] == 15.0
    assert ref["extension_window_years"]["default"] == 1
    assert ref["reference_year"]["default"] is None
    assert all(row["doc"] for row in ref.values())


def test_it_parses_weights_from_strings() -> None:
    weights = MappingWeights.from_mapping(
        {
            "border": "40",
            "distance_zero_km": "120,5",
            "max_partners": "3",
            "reference_year": "2026",
            "min_score": 10,
        }
    )
    assert weights.border == 40.0 and weights.distance_zero_km == 120.5
    assert weights.max_partners == 3 and weights.reference_year == 2026 and weights.min_score == 10.0
    assert MappingWeights.from_mapping({"reference_year": ""}).reference_year is None
    assert MappingWeights.from_mapping({}) == MappingWeights()


@pytest.mark.parametrize(
    "values",
    [
        {"bordr": "30"},
        {"border": "abc"},
        {"border": "-1"},
        {"max_partners": "0"},
        {"max_partners": "2.5"},
        {"border_km_full": "0"},
        {"border_base_share": "1.5"},
        {"distance": True},
        {"min_score": "nan"},
    ],
)
def test_it_rejects_unknown_or_bad_weights(values: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        MappingWeights.from_mapping(values)


def test_it_computes_strength_on_a_fixed_range_clamped() -> None:
    cov = IndicatorDef("cov", "cakupan", "coverage", "%", ("2.11",), "higher", 0, 100, "service")
    assert cov.strength(45) == pytest.approx(0.45)
    assert cov.strength(-5) == 0.0 and cov.strength(130) == 1.0
    assert cov.strength(math.nan) == 0.0


def test_it_reverses_strength_when_lower_is_better_whichever_way_the_range_is_written() -> None:
    a = IndicatorDef("t", "waktu tempuh", "travel time", "menit", ("1.02",), "lower", 120, 0, "service")
    b = IndicatorDef("t", "waktu tempuh", "travel time", "menit", ("1.02",), "lower", 0, 120, "service")
    for value in (0, 30, 90, 120, 200):
        assert a.strength(value) == pytest.approx(b.strength(value))
    assert a.strength(30) == pytest.approx(0.75)


def test_it_rejects_a_malformed_indicator() -> None:
    with pytest.raises(ValueError):
        IndicatorDef("x", "x", "x", "%", (), "higher", 5, 5, "service")
    with pytest.raises(ValueError):
        IndicatorDef("x", "x", "x", "%", (), "up", 0, 5, "service")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        IndicatorDef("x", "x", "x", "%", (), "higher", 0, 5, "other")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "counts"), [("verified", True), ("published", True), ("draft", False), ("", False)]
)
def test_it_counts_only_verified_or_published_identifications(status: str, counts: bool) -> None:
    assert IdentificationFact("34.71", "2.11", "x", "", False, status).counts is counts
