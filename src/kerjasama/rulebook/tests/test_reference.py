"""ReferenceData: derived bordering, the Pasal 364(2) pairings, authority status."""

from __future__ import annotations

import pytest

from kerjasama.rulebook.facts import (
    AffairFact,
    RegionFact,
    SubAffairRow,
    affairs_from_csv_rows,
    authority_rows_from_csv_rows,
)
from kerjasama.rulebook.reference import PAIRING_A, PAIRING_B, PAIRING_C, PAIRING_D, PAIRING_E, ReferenceData
from kerjasama.rulebook.tests.fixtures import ADJACENCY, AFFAIRS, REF, REGIONS


def test_it_reads_kabkota_bordering_from_the_adjacency() -> None:
    assert REF.borders("34.71", "34.04")
    assert REF.borders("34.04", "34.71")
    assert not REF.borders("34.71", "34.01")
    assert not REF.borders("34.71", "34.71")


def test_it_derives_province_bordering_from_kabkota_bordering() -> None:
    assert REF.borders("33", "34")
    assert REF.province_neighbours("34") == frozenset({"33"})
    assert not REF.borders("32", "33")  # no Jawa Barat-Jawa Tengah pair in the fixture
    assert REF.borders("31", "32")  # through DKI's administrative Jakarta Timur and Kota Bekasi


def test_it_lets_a_kabkota_border_its_own_province_and_the_provinces_of_its_neighbours() -> None:
    assert REF.borders("34.71", "34")
    assert REF.borders("34.04", "33")  # via Kabupaten Magelang
    assert REF.borders("33", "34.01")
    assert not REF.borders("34.71", "33")
    assert not REF.borders("33.74", "34")
    assert REF.provinces_bordered_by("34.04") == frozenset({"33", "34"})


def test_it_classifies_the_five_pairings_of_pasal_364() -> None:
    assert REF.pairing("33", "34") is PAIRING_A
    assert REF.pairing("34", "34.71") is PAIRING_B
    assert REF.pairing("33", "34.04") is PAIRING_C
    assert REF.pairing("33.08", "34.04") is PAIRING_D
    assert REF.pairing("34.71", "34.04") is PAIRING_E
    assert REF.pairing("34.71", "34.71") is None
    assert REF.pairing("34.71", "99.99") is None
    assert [p.in_permendagri_list for p in (PAIRING_A, PAIRING_B, PAIRING_C, PAIRING_D, PAIRING_E)] == [
        True,
        True,
        False,
        True,
        True,
    ]


def test_it_derives_authority_from_matrix_rows_and_never_guesses() -> None:
    assert REF.authority_status("1.03", "kabkota") == "held"
    assert REF.authority_status("1.03", "provinsi") == "held"
    assert REF.authority_status("3.29", "kabkota") == "not_held"
    assert REF.authority_status("2.07", "kabkota") == "unknown"
    assert REF.affair_authority("2.07").holders() == ()
    assert REF.affair_authority("3.29").holders() == ("pusat", "provinsi")


def test_it_rejects_adjacency_naming_an_unknown_or_provincial_code() -> None:
    with pytest.raises(ValueError, match="not a known kab/kota"):
        ReferenceData(REGIONS, [*ADJACENCY, ("34.71", "35.78")], AFFAIRS)
    with pytest.raises(ValueError, match="not a known kab/kota"):
        ReferenceData(REGIONS, [("34", "33.08")], AFFAIRS)
    with pytest.raises(ValueError, match="two distinct"):
        ReferenceData(REGIONS, [("34.71", "34.71")], AFFAIRS)


def test_it_accepts_mappings_and_prebuilt_authority() -> None:
    regions = {r.code: r for r in REGIONS}
    affairs = {a.code: a for a in AFFAIRS}
    ref = ReferenceData(regions, [frozenset(p) for p in ADJACENCY], affairs)
    assert ref.borders("34.71", "34.02")
    assert ref.authority_status("1.03", "kabkota") == "unknown"


def test_it_loads_csv_rows_as_facts() -> None:
    affairs = affairs_from_csv_rows(
        [
            {
                "code": "1.01",
                "name_id": "Pendidikan",
                "name_en": "Education",
                "category": "wajib_pelayanan_dasar",
            }
        ]
    )
    assert affairs == [AffairFact("1.01", "Pendidikan", "Education", "wajib_pelayanan_dasar")]
    rows = authority_rows_from_csv_rows(
        [
            {
                "affair_code": "1.01",
                "sub_affair": "Kurikulum",
                "pusat": "a",
                "provinsi": "b",
                "kabkota": "",
                "confidence": "V",
                "source": "s",
            }
        ]
    )
    assert rows == [SubAffairRow("1.01", "Kurikulum", "a", "b", "", "V", "s")]
    with pytest.raises(ValueError, match="confidence"):
        authority_rows_from_csv_rows([{"affair_code": "1.01", "sub_affair": "x", "confidence": "X"}])


def test_it_keeps_dki_administrative_units_as_non_autonomous_geography() -> None:
    fact = REF.region("31.71")
    assert fact == RegionFact("31.71", "Kota Administrasi Jakarta Selatan", "kabkota", "kota", "31", False)
    assert REF.kabkota_of("31") == frozenset({"31.71", "31.75"})
