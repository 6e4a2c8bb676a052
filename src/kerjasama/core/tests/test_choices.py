"""Enumerations defined once (house rule 7): every Django choices class equals the source it mirrors."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Literal, get_args

import pytest
from django.db import models

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.affairs import choices as affairs_choices
from kerjasama.affairs.selectors import AffairAuthority
from kerjasama.core.choices import Confidence, mirrors, source_values
from kerjasama.mapping import choices as mapping_choices
from kerjasama.mapping.domain import inputs as mapping_inputs
from kerjasama.mapping.domain import results as mapping_results
from kerjasama.regions import choices as regions_choices
from kerjasama.regions.domain import functional_areas
from kerjasama.rulebook import facts, subjects

MIRRORED: list[tuple[type[models.TextChoices], Any]] = [
    (Confidence, facts.Confidence),
    (affairs_choices.Category, facts.AFFAIR_CATEGORIES),
    (affairs_choices.GovernmentLevel, facts.AuthorityLevel),
    (affairs_choices.AuthorityStatus, facts.AuthorityStatus),
    (regions_choices.Level, facts.Level),
    (regions_choices.Kind, facts.Kind),
    (regions_choices.FunctionalAreaKind, functional_areas.KINDS),
    (mapping_choices.RecommendationCategory, subjects.Category),
    (mapping_choices.RecommendationKind, mapping_results.RecommendationKind),
    (mapping_choices.Better, mapping_inputs.Better),
]


@pytest.mark.parametrize(("choices", "source"), MIRRORED, ids=[c.__qualname__ for c, _ in MIRRORED])
def test_it_derives_each_choices_class_from_its_single_source(
    choices: type[models.TextChoices], source: Any
) -> None:
    assert tuple(choices.values) == source_values(source)
    assert choices.__source_values__ == source_values(source)  # type: ignore[attr-defined]
    assert all(str(label) for label in choices.labels)


def test_it_takes_the_third_party_kinds_from_the_rulebook() -> None:
    assert {str(k) for k in THIRD_PARTY_KINDS} == set(get_args(subjects.ThirdPartyKind))
    assert set(OrganisationKind) >= THIRD_PARTY_KINDS


def test_it_refuses_choices_that_drift_from_their_source() -> None:
    with pytest.raises(TypeError, match="defined once"):

        @mirrors(Literal["a", "b"])
        class Missing(models.TextChoices):
            A = "a", "A"

    with pytest.raises(TypeError, match="defined once"):

        @mirrors(("a", "b"))
        class Reordered(models.TextChoices):
            B = "b", "B"
            A = "a", "A"

    with pytest.raises(TypeError):
        source_values("not a source")


def test_it_reads_the_weakest_matrix_confidence_as_unverified_first() -> None:
    def entries(*tags: str) -> list[Any]:
        return [SimpleNamespace(confidence=t) for t in tags]

    affair: Any = SimpleNamespace()
    assert AffairAuthority(affair, entries("V", "U", "S")).weakest_confidence == "U"
    assert AffairAuthority(affair, entries("V", "S")).weakest_confidence == "S"
    assert AffairAuthority(affair, entries()).weakest_confidence is None
