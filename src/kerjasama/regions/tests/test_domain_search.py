"""Region search by common names (pure: no database)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.regions.domain.search import match_codes, normalise

REGIONS = [
    ("31.74", "Kota Administrasi Jakarta Selatan"),
    ("34", "Daerah Istimewa Yogyakarta"),
    ("34.04", "Kabupaten Sleman"),
    ("34.71", "Kota Yogyakarta"),
]
ALIASES = {"jogja": ("34", "34.71"), "jaksel": ("31.74",)}


def test_it_strips_level_words_accents_case_and_punctuation() -> None:
    assert normalise("Kab. SLÉMAN") == "sleman"
    assert normalise("Kota Administrasi Jakarta Selatan") == "jakarta selatan"
    assert normalise("Prov. Daerah Istimewa  Yogyakarta") == "daerah istimewa yogyakarta"


def test_it_finds_regions_by_common_names_and_abbreviations() -> None:
    assert match_codes("Jogja", REGIONS, ALIASES) == ["34", "34.71"]
    assert match_codes("JAKSEL", REGIONS, ALIASES) == ["31.74"]
    assert match_codes("Jakarta Selatan", REGIONS, ALIASES) == ["31.74"]
    assert match_codes("yogya", REGIONS, ALIASES) == ["34", "34.71"]  # part of the official names
    assert match_codes("kabupaten sleman", REGIONS, ALIASES) == ["34.04"]
    assert match_codes("34.7", REGIONS, ALIASES) == ["34.71"]
    assert match_codes("Bandung", REGIONS, ALIASES) == []


@given(st.sampled_from(REGIONS), st.sampled_from([str.upper, str.lower, str.title]))
def test_it_always_finds_a_region_by_its_own_name_in_any_case(region: tuple[str, str], case: object) -> None:
    assert region[0] in match_codes(case(region[1]), REGIONS, ALIASES)  # type: ignore[operator]
