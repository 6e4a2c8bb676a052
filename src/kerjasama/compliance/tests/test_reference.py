"""The rulebook is fed from the database: regions, effective adjacency, affairs and the matrix; cached."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from kerjasama.compliance import selectors
from kerjasama.regions.models import Adjacency
from kerjasama.regions.services import add_adjacency_override

pytestmark = pytest.mark.django_db


def test_it_builds_the_national_reference_data_from_the_database() -> None:
    ref = selectors.build_reference_data()
    yogya, jakpus = ref.region("34.71"), ref.region("31.71")
    assert yogya is not None and yogya.province_code == "34"
    assert jakpus is not None and jakpus.autonomous is False
    assert ref.borders("34.71", "34.04") and ref.borders("34.04", "34.71")
    assert not ref.borders("34.71", "33.74")
    assert ref.borders("34", "33")  # province adjacency follows from kab/kota pairs
    assert ref.authority_status("1.01", "provinsi") == "held"
    assert ref.authority_status("2.24", "kabkota") == "unknown"
    assert ref.affairs["2.24"].not_covered_id.startswith("Belum ditranskripsi")
    forest = ref.sub_affair("3.28.02")
    assert forest is not None and forest.name == "Pengelolaan Hutan" and forest.kabkota == ""
    assert Adjacency.objects.count() >= 976


def test_it_rebuilds_the_cache_when_an_override_changes_the_adjacency(persona: Any) -> None:
    before = selectors.reference_data()
    assert selectors.reference_data() is before  # cached while nothing changes
    assert not before.borders("53.05", "53.13")
    add_adjacency_override(
        actor=persona("ministry"),
        code_a="53.05",
        code_b="53.13",
        effect="add",
        reason="batas laut (uji)",
        source="uji",
    )
    after = selectors.reference_data()
    assert after is not before and after.borders("53.05", "53.13")


def test_it_reads_the_cached_reference_with_one_query(django_assert_num_queries: Any) -> None:
    selectors.reference_data()
    with django_assert_num_queries(1):
        selectors.reference_data()


@override_settings(KERJASAMA_RULEBOOK={"max_pks_term_years": "5", "max_pks_term_mode": "warn"})
def test_it_takes_legal_parameters_from_the_settings() -> None:
    current = selectors.rulebook_settings()
    assert current.max_pks_term_years == 5 and current.max_pks_term_mode == "warn"


@override_settings(KERJASAMA_RULEBOOK={"max_pks_term_yeers": "5"})
def test_it_reports_a_misspelt_parameter_as_a_system_check_error() -> None:
    from kerjasama.compliance.checks import rulebook_settings_parse

    errors = rulebook_settings_parse(None)
    assert len(errors) == 1 and errors[0].id == "kerjasama.E001" and "max_pks_term_yeers" in errors[0].msg
