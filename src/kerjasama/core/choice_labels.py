"""``get_<field>_display()`` without rebuilding the field's choices at every call.

Django's ``Model._get_FIELD_display`` builds ``dict(make_hashable(field.flatchoices))`` on every call: a list of
fifty agreements in the API named the stage, type and party statuses two hundred times and spent a fifth of its
time there (``bench/load``, cProfile). :func:`install` replaces it (``CoreConfig.ready``) with the same answer
read from a table built once per model field whose choices are a fixed list (the project's ``TextChoices``);
a field whose choices are computed (a callable) or a value that cannot be hashed goes through Django's own
method. ``core/tests/test_choice_labels.py`` holds the two equal, in both languages.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db import models
from django.utils.encoding import force_str

# the private method Django's get_<field>_display() partialmethods call (django.db.models.base.Model)
_DJANGO = getattr(models.Model, "_get_FIELD_display")  # noqa: B009  # private: not in the type stubs
_ATTRIBUTE = "_kerjasama_choice_labels"


def _labels(field: Any) -> dict[Any, Any] | None:
    labels = field.__dict__.get(_ATTRIBUTE)
    if labels is None:
        if not isinstance(field.choices, list | tuple):
            return None
        try:
            labels = dict(field.flatchoices)  # the labels stay lazy: translated when each answer is built
        except TypeError:  # an unhashable choice value
            return None
        field.__dict__[_ATTRIBUTE] = labels
    return labels


def get_field_display(instance: models.Model, field: Any) -> Any:
    """What Django's ``_get_FIELD_display`` answers, from the field's cached table of labels."""
    labels = _labels(field)
    value = getattr(instance, field.attname)
    if labels is None or not isinstance(value, Hashable):
        return _DJANGO(instance, field)
    try:
        label = labels.get(value, value)
    except TypeError:  # a tuple holding a list: hashable by type, not by value
        return _DJANGO(instance, field)
    return force_str(label, strings_only=True)


def install() -> None:
    setattr(models.Model, "_get_FIELD_display", get_field_display)  # noqa: B010  # private: not in the stubs
