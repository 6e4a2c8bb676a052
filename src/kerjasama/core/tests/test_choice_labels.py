"""``get_<field>_display()`` answers exactly as Django's own method (``core/choice_labels.py``)."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.agreements.choices import AgreementStage, AgreementType, PartyStatus
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import choice_labels


def _both(instance: models.Model, name: str) -> tuple[object, object]:
    field = instance._meta.get_field(name)
    return choice_labels._DJANGO(instance, field), instance._get_FIELD_display(field)  # type: ignore[attr-defined]


def test_it_is_installed_for_every_model() -> None:
    assert getattr(models.Model, "_get_FIELD_display") is choice_labels.get_field_display  # noqa: B009


def test_every_stage_type_and_status_is_named_as_django_names_it_in_both_languages() -> None:
    for language in ("id", "en"):
        with translation.override(language):
            for stage in AgreementStage:
                slow, fast = _both(Agreement(stage=stage), "stage")
                assert fast == slow and isinstance(fast, str)
                assert Agreement(stage=stage).get_stage_display() == slow
            for kind in AgreementType:
                assert _both(Agreement(type=kind), "type")[1] == _both(Agreement(type=kind), "type")[0]
            for status in PartyStatus:
                slow, fast = _both(AgreementParty(status=status), "status")
                assert fast == slow


def test_the_languages_are_not_mixed_up_by_the_cached_table() -> None:
    agreement = Agreement(stage=AgreementStage.PELAKSANAAN)
    answers: dict[str, str] = {}
    for language in ("en", "id", "en", "id"):
        with translation.override(language):
            answer = agreement.get_stage_display()
            assert answer == choice_labels._DJANGO(agreement, agreement._meta.get_field("stage"))
            answers.setdefault(language, answer)
            assert answers[language] == answer
    assert answers["en"] != answers["id"]


@given(st.one_of(st.text(max_size=12), st.none(), st.sampled_from(list(AgreementStage.values))))
def test_any_value_unknown_or_none_is_answered_as_django_answers_it(value: str | None) -> None:
    slow, fast = _both(Agreement(stage=value), "stage")  # type: ignore[misc]
    assert fast == slow


def test_an_unhashable_value_goes_through_djangos_method() -> None:
    agreement = Agreement()
    agreement.stage = ["not", "hashable"]  # type: ignore[assignment]
    assert _both(agreement, "stage")[1] == _both(agreement, "stage")[0]
    agreement.stage = ("a", ["b"])  # type: ignore[assignment]
    assert _both(agreement, "stage")[1] == _both(agreement, "stage")[0]
