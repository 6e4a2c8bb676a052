"""The letter number's pattern and the signature block (Permendagri 1/2023 Pasal 44), without Django."""

from __future__ import annotations

import pytest

from kerjasama.core.errors import KerjasamaError
from kerjasama.letters.domain.numbering import NumberParts, check_pattern, format_number
from kerjasama.letters.domain.signature import signature_block, signature_problems

PARTS = NumberParts(kka="000.8.3.3", seq=15, unit="OR", year=2026, month=6)


def test_it_formats_the_default_pattern() -> None:
    assert format_number("{kka}/{seq}/{unit}/{year}", PARTS) == "000.8.3.3/15/OR/2026"


def test_it_formats_a_local_pattern_with_the_month_in_roman_numerals() -> None:
    assert format_number("{kka}/{seq}/{unit}", PARTS) == "000.8.3.3/15/OR"
    assert format_number("{kka}/{seq}/{unit}/{month_roman}/{year}", PARTS) == "000.8.3.3/15/OR/VI/2026"
    assert format_number("B-{seq}/{unit}/{month}/{year}", PARTS) == "B-15/OR/6/2026"


def test_it_leaves_no_doubled_separator_for_an_empty_unit_code() -> None:
    parts = NumberParts(kka="000.8.3.3", seq=3, unit="", year=2026, month=1)
    assert format_number("{kka}/{seq}/{unit}/{year}", parts) == "000.8.3.3/3/2026"


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "{kka}/{unit}/{year}",
        "{kka}/{seq}/{nama}",
        "{kka}/{seq",
        "{seq:05d}",
        "{seq!r}",
        "x" * 101 + "{seq}",
    ],
)
def test_it_refuses_an_unusable_pattern(pattern: str) -> None:
    with pytest.raises(KerjasamaError) as caught:
        check_pattern(pattern)
    assert caught.value.code == "letters.bad_number_pattern"


def test_it_names_the_fields_a_pattern_uses() -> None:
    assert check_pattern("{kka}/{seq}/{unit}/{year}") == {"kka", "seq", "unit", "year"}


def test_it_prints_rank_and_nip_for_the_office_holder() -> None:
    block = signature_block(
        capacity="definitive",
        office="Wali Kota Yogyakarta",
        name="Budi Santoso",
        rank="Pembina Utama Muda",
        nip="19700101 199003 1 001",
    )
    assert block.lines() == [
        "Wali Kota Yogyakarta",
        "Budi Santoso",
        "Pembina Utama Muda",
        "NIP. 197001011990031001",
    ]


@pytest.mark.parametrize(("capacity", "prefix"), [("plt", "Plt."), ("plh", "Plh.")])
def test_it_prefixes_an_acting_head_and_prints_no_rank_or_nip(capacity: str, prefix: str) -> None:
    block = signature_block(capacity=capacity, office="Sekretaris Daerah", name="Sri Rahayu", rank="", nip="")
    assert block.lines() == [f"{prefix} Sekretaris Daerah", "Sri Rahayu"]


def test_it_refuses_rank_or_nip_for_an_acting_head() -> None:
    problems = signature_problems(
        capacity="plt", office="Sekretaris Daerah", name="Sri Rahayu", rank="", nip="197001011990031001"
    )
    assert [p.location for p in problems] == ["signer_nip"]
    assert "Pasal 44" in problems[0].message_id


def test_it_refuses_a_nip_that_is_not_eighteen_digits_and_a_missing_name() -> None:
    with pytest.raises(KerjasamaError) as caught:
        signature_block(capacity="definitive", office="Bupati Sleman", name=" ", rank="", nip="12345")
    assert caught.value.code == "letters.bad_signature"
    assert {d.location for d in caught.value.details} == {"signer_name", "signer_nip"}
