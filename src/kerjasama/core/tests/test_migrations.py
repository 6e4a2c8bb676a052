"""The committed migrations match the models (a fresh `kerjasama setup` builds exactly this schema)."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_it_has_no_model_change_without_a_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
