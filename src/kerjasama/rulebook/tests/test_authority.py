"""R11 at sub-affair level (issue 9 section 3): the plan checker judges the named sub-affairs of the matrix."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.rulebook import check_plan
from kerjasama.rulebook.authority import judge_levels, object_scope
from kerjasama.rulebook.facts import sub_affair_code
from kerjasama.rulebook.tests.fixtures import REF


def _check(**plan: Any) -> dict[str, Any]:
    return check_plan({"type": "KSDD", "category": "sukarela", **plan}, REF)


def _r11(result: dict[str, Any]) -> list[dict[str, str]]:
    return [f for f in result["findings"] if f["rule"] == "R11"]


def test_it_refuses_forest_management_between_two_bordering_kabupaten() -> None:
    # Lampiran BB No. 2 Pengelolaan Hutan: provincial (KPH) and central (KPHK) authority, nothing for kab/kota.
    result = _check(parties=["34.04", "34.02"], sub_affairs=["3.28.02"])
    assert result["valid"] is False
    errors = [f for f in _r11(result) if f["severity"] == "error"]
    assert len(errors) == 1
    message = errors[0]["message_id"]
    assert "3.28.02 Pengelolaan Hutan" in message and "34.02 Kabupaten Bantul" in message
    assert "daerah provinsi dan Pemerintah Pusat" in message
    # The kab/kota's own Tahura is pointed out as what they may cooperate on instead.
    assert "3.28.03" in message and "Tahura kab/kota" in message
    assert "3.28.02 Pengelolaan Hutan" in errors[0]["message_en"]


def test_it_lets_two_kabupaten_cooperate_on_their_own_tahura() -> None:
    result = _check(parties=["34.04", "34.02"], sub_affairs=["3.28.03"])
    assert not [f for f in _r11(result) if f["severity"] == "error"]


def test_it_judges_the_whole_affair_when_no_sub_affair_is_named() -> None:
    # At affair level kab/kota hold something of 3.28 (Tahura): no R11 error, only the cross-border note.
    result = _check(parties=["34.04", "34.02"], affairs=["3.28"])
    assert [f["severity"] for f in _r11(result)] == ["info"]


def test_it_names_the_province_for_cross_kabkota_waste_without_the_province() -> None:
    result = _check(parties=["34.71", "34.04"], sub_affairs=["1.03.03"])
    notes = _r11(result)
    assert len(notes) == 1 and notes[0]["severity"] == "warning"
    assert "Provinsi DI Yogyakarta" in notes[0]["message_id"]
    assert "1.03.03 Persampahan" in notes[0]["message_id"]
    assert "Provinsi DI Yogyakarta must be involved" in notes[0]["message_en"]
    assert result["valid"] is True  # a warning: each kab/kota still holds waste within its territory


def test_it_is_satisfied_when_the_province_is_a_party() -> None:
    result = _check(parties=["34.71", "34.04", "34"], sub_affairs=["1.03.03"])
    assert _r11(result) == []


def test_it_points_kabkota_of_two_provinces_to_the_centre_and_both_provinces() -> None:
    result = _check(parties=["33.08", "34.04"], sub_affairs=["1.03.02"])
    (note,) = _r11(result)
    assert "Pemerintah Pusat" in note["message_id"]
    assert "Provinsi Jawa Tengah dan Provinsi DI Yogyakarta" in note["message_id"]


def test_it_adds_the_sub_affairs_affair_to_the_object() -> None:
    result = _check(parties=["34.71", "34.04"], sub_affairs=["1.03.09"])
    assert not [f for f in result["findings"] if f["rule"] == "R10"]
    assert _r11(result) == []  # Jalan: each level holds its own roads, no cross-kab/kota scope


def test_it_ignores_sub_affairs_of_another_affair_when_judging_an_affair() -> None:
    scope = object_scope(REF, "1.03", ["3.28.02"])
    assert not scope.narrowed and len(scope.rows) == 3


@pytest.mark.parametrize(("affair", "number", "code"), [("3.28", 2, "3.28.02"), ("1.03", 11, "1.03.11")])
def test_it_builds_sub_affair_identifiers_from_affair_and_number(affair: str, number: int, code: str) -> None:
    assert sub_affair_code(affair, number) == code


@pytest.mark.parametrize("number", [0, 100, -1])
def test_it_refuses_a_sub_affair_number_outside_1_to_99(number: int) -> None:
    with pytest.raises(ValueError):
        sub_affair_code("1.03", number)


def test_it_gives_the_not_covered_reason_with_the_warning() -> None:
    from dataclasses import replace

    from kerjasama.rulebook.reference import ReferenceData
    from kerjasama.rulebook.tests.fixtures import ADJACENCY, AFFAIRS, AUTHORITY_ROWS, REGIONS

    affairs = [
        replace(a, not_covered_id="jarang menjadi objek KSD", not_covered_en="rarely a KSD object")
        if a.code == "2.21"
        else a
        for a in AFFAIRS
    ]
    ref = ReferenceData(REGIONS, ADJACENCY, affairs, authority_rows=AUTHORITY_ROWS)
    judgement = judge_levels(object_scope(ref, "2.21"), {"kabkota"})
    assert judgement.verdict == "unknown" and judgement.severity == "warning"
    assert "Alasan: jarang menjadi objek KSD" in judgement.message_id
    assert "Reason: rarely a KSD object" in judgement.message_en
