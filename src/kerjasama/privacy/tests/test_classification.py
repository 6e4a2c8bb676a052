"""The field classification covers every field named like personal data (nip, nik, e-mail, phone, a person's
name …) of every model of the project: a new one fails here until it is classified in
``privacy/domain/register.py`` (and, when it is personal, named in an activity of the register)."""

from __future__ import annotations

import re

from django.apps import apps

from kerjasama.privacy.domain.register import ACTIVITIES, FIELDS, LEVELS, PERSONAL_NAME_PATTERN


def _project_fields() -> set[str]:
    names = set()
    for model in apps.get_models():
        if not model.__module__.startswith("kerjasama."):
            continue
        base = getattr(model, "instance_type", None) or model  # a history model answers for its base model
        if base is not model:
            continue
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and not field.is_relation:
                names.add(f"{model._meta.label_lower}.{field.name}")
    return names


def test_it_classifies_every_field_named_like_personal_data() -> None:
    pattern = re.compile(PERSONAL_NAME_PATTERN)
    unclassified = sorted(
        name for name in _project_fields() if pattern.search(name.rsplit(".", 1)[1]) and name not in FIELDS
    )
    assert unclassified == [], f"classify these fields in privacy/domain/register.py FIELDS: {unclassified}"


def test_it_classifies_only_fields_that_exist_with_a_known_level() -> None:
    fields = _project_fields()
    assert sorted(set(FIELDS) - fields) == []
    assert set(FIELDS.values()) <= set(LEVELS)


def test_it_names_every_personal_field_of_the_register_in_the_classification() -> None:
    named = {field for activity in ACTIVITIES for field in activity.fields}
    assert named <= set(FIELDS)
    assert all(FIELDS[field] != "not_personal" for field in named)


def test_the_pattern_catches_the_names_it_is_meant_for() -> None:
    pattern = re.compile(PERSONAL_NAME_PATTERN)
    for name in ("nip", "signer_nip", "nik", "email", "phone", "telepon", "full_name", "signatory_name"):
        assert pattern.search(name), name
    for name in ("region", "kind", "title", "unit_code", "snippet"):
        assert not pattern.search(name), name
