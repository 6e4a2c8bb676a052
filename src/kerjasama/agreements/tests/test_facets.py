"""Counts per filter value for the list page (``selectors.agreement_facets``)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.selectors import AgreementFilters, agreement_facets
from kerjasama.agreements.tests.conftest import WASTE, propose_waste

pytestmark = pytest.mark.django_db


def test_it_counts_categories_and_affairs_in_two_queries(
    people: dict[str, Any], persona: Any, django_assert_num_queries: Any
) -> None:
    propose_waste(people)
    propose_waste(people, title="Air minum", affairs=["1.03", WASTE], category="sukarela")
    with django_assert_num_queries(2):
        facets = agreement_facets(people["yogya"])
    assert facets == {"category": {"wajib": 1, "sukarela": 1}, "affair": {WASTE: 2, "1.03": 1}}
    assert agreement_facets(people["yogya"], AgreementFilters(category="wajib"))["affair"] == {WASTE: 1}
    assert agreement_facets(persona("other_province")) == {"category": {}, "affair": {}}
