"""R11 in the mapping engine: a party's level must hold the affair; cross-kab/kota scope involves the province."""

from __future__ import annotations

from kerjasama.mapping.domain import RecommendationFact, recommend
from kerjasama.mapping.tests.test_domain_fixtures import ALL_EXTERNAL, WEIGHTS, build_inputs


def _by_partner(recs: list[RecommendationFact], region: str, affair: str) -> dict[str, RecommendationFact]:
    return {r.partner: r for r in recs if r.region == region and r.affair == affair}


def test_it_excludes_an_affair_neither_kabkota_holds() -> None:
    # ESDM (3.29): kab/kota hold nothing in the matrix, so two kab/kota are never paired on it.
    recs = recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, affairs=["3.29"])
    assert recs
    for rec in recs:
        levels = {len(rec.region), len(rec.partner)}
        assert levels != {5}, rec


def test_it_keeps_a_kabkota_province_pair_when_the_province_holds_the_affair_and_says_so() -> None:
    recs = recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["34.71", "34"], affairs=["3.29"])
    rec = _by_partner(recs, "34.71", "3.29")["34"]
    r11 = [f for f in rec.findings if f["rule"] == "R11"]
    assert len(r11) == 1 and r11[0]["severity"] == "warning"
    assert "bukan kewenangan daerah kabupaten/kota" in r11[0]["message_id"]
    assert "kewenangannya ada pada daerah provinsi" in r11[0]["message_id"]
    assert "the province holds it" in r11[0]["message_en"]
    back = _by_partner(recs, "34", "3.29")["34.71"]
    assert back.findings[0] == r11[0]


def test_it_warns_when_the_matrix_does_not_cover_the_affair() -> None:
    recs = recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["34.71"], affairs=["1.01"])
    assert recs
    for rec in recs:
        warning = rec.findings[0]
        assert warning["rule"] == "R11" and warning["severity"] == "warning"
        assert "belum mencakup urusan 1.01" in warning["message_id"]
        assert "does not cover" in warning["message_en"]


def test_it_adds_no_r11_finding_when_both_levels_hold_the_affair() -> None:
    rec = _by_partner(
        recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["34.71"], affairs=["1.03"]), "34.71", "1.03"
    )["34"]
    assert not [f for f in rec.findings if f["rule"] == "R11"]
    assert rec.authority_note is None  # the province is itself a party


def test_it_notes_that_cross_kabkota_drinking_water_and_waste_are_provincial_for_yogyakarta_and_sleman() -> (
    None
):
    rec = _by_partner(
        recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["34.71"], affairs=["1.03"]), "34.71", "1.03"
    )["34.04"]
    note = rec.authority_note
    assert note is not None and note.level == "provinsi"
    assert note.sub_affairs == ("Air Minum", "Persampahan")  # not Jalan: no cross-kab/kota scope
    assert "kewenangan daerah provinsi" in note.text_id and "DI Yogyakarta" in note.text_id
    assert "provincial authority" in note.text_en
    info = [f for f in rec.findings if f["rule"] == "R11" and f["severity"] == "info"]
    assert info and info[0]["message_id"] == note.text_id


def test_it_reads_tpa_tpst_regional_as_a_cross_kabkota_scope_for_environment() -> None:
    rec = _by_partner(
        recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["34.71"], affairs=["2.11"]), "34.71", "2.11"
    )["34.02"]
    assert rec.authority_note is not None and rec.authority_note.sub_affairs == ("Persampahan",)


def test_it_points_kabkota_of_different_provinces_to_the_centre() -> None:
    recs = recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["33.08"], affairs=["1.03"])
    rec = _by_partner(recs, "33.08", "1.03")["34.04"]
    assert rec.mandatory_eligible  # pairing (d)
    assert rec.authority_note is not None and rec.authority_note.level == "pusat"
    assert "Provinsi Jawa Tengah dan Provinsi DI Yogyakarta" in rec.authority_note.text_id


def test_it_gives_no_note_for_an_affair_without_cross_border_sub_affairs() -> None:
    recs = recommend(build_inputs(traits=ALL_EXTERNAL), WEIGHTS, regions=["34.71"], affairs=["1.01"])
    assert all(r.authority_note is None for r in recs)


def test_it_reminds_a_mandatory_pair_to_record_its_justification_unless_an_externality_is_flagged() -> None:
    recs = recommend(build_inputs(), WEIGHTS, regions=["34.04"], affairs=["2.11"])
    partners = _by_partner(recs, "34.04", "2.11")
    # Kota Yogyakarta flagged the externality of its waste need (2.11); Bantul did not.
    assert not [f for f in partners["34.71"].findings if f["rule"] == "R9"]
    assert [f for f in partners["34.02"].findings if f["rule"] == "R9"]
