"""The reference version counter: bumped by the services that change reference data, rolled back with them."""

from __future__ import annotations

import pytest
from django.db import transaction

from kerjasama.core import reference
from kerjasama.core.models import ReferenceVersion

pytestmark = pytest.mark.django_db


def test_it_starts_at_zero_and_counts_each_bump() -> None:
    ReferenceVersion.objects.filter(name="uji").delete()
    assert reference.current("uji") == (0, "")
    reference.bump("uji")
    reference.bump("uji")
    version, changed_at = reference.current("uji")
    assert version == 2 and changed_at


def test_it_keeps_versions_of_different_data_apart() -> None:
    before = reference.current(reference.NATIONAL)
    reference.bump("uji-lain")
    assert reference.current(reference.NATIONAL) == before


def test_it_rolls_a_bump_back_with_the_change_that_made_it() -> None:
    before = reference.current()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        reference.bump()
        assert reference.current()[0] == before[0] + 1
        raise Abort
    assert reference.current() == before
