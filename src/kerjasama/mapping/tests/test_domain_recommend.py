"""The recommendation engine on the Yogyakarta fixture: who, why, mandatory or voluntary, and how ranked."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from kerjasama.mapping.domain import (
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorValueFact,
    MappingWeights,
    RecommendationFact,
    explain,
    recommend,
)
from kerjasama.mapping.tests.test_domain_fixtures import (
    FUNCTIONAL_AREAS,
    IDENTIFICATIONS,
    VALUES,
    WEIGHTS,
    build_inputs,
)


def _by_partner(recs: list[RecommendationFact], region: str, affair: str) -> dict[str, RecommendationFact]:
    return {r.partner: r for r in recs if r.region == region and r.affair == affair}


@pytest.mark.parametrize("affair", ["2.11", "1.03"])
def test_it_recommends_sleman_and_bantul_to_kota_yogyakarta_as_mandatory_partners(affair: str) -> None:
    recs = recommend(build_inputs(), WEIGHTS, regions=["34.71"], affairs=[affair])
    partners = _by_partner(recs, "34.71", affair)
    for code, km_text, km_en in (("34.04", "1,1", "1.1"), ("34.02", "15,8", "15.8")):
        rec = partners[code]
        assert rec.mandatory_eligible and rec.category == "wajib" and rec.kind == "new"
        border = rec.reason("border")
        assert border is not None and border.text_id == f"berbatasan {km_text} km"
        assert border.text_en == f"shares a {km_en} km border"
        area = rec.reason("functional_area")
        assert area is not None
        assert area.text_id == "sama-sama anggota Kawasan Perkotaan Yogyakarta (keyakinan S)"
        assert "Kawasan Perkotaan Yogyakarta" in area.text_en
    # The longer shared border ranks Bantul first.
    assert [r.partner for r in recs][:2] == ["34.02", "34.04"]


def test_it_gives_more_border_points_for_a_longer_shared_border() -> None:
    partners = _by_partner(
        recommend(build_inputs(), WEIGHTS, regions=["34.71"], affairs=["2.11"]), "34.71", "2.11"
    )
    bantul, sleman = partners["34.02"].reason("border"), partners["34.04"].reason("border")
    assert bantul is not None and sleman is not None
    assert bantul.weight > sleman.weight
    assert bantul.data["km"] == 15.8 and sleman.data["km"] == 1.1


def test_it_names_indicator_values_in_words_in_the_complementarity_reason() -> None:
    partners = _by_partner(
        recommend(build_inputs(), WEIGHTS, regions=["34.71"], affairs=["2.11"]), "34.71", "2.11"
    )
    comp = partners["34.02"].reason("complementarity")
    assert comp is not None
    # Bantul's own figure (12 years) is Bantul's to show: Kota Yogyakarta's reason names only the indicator.
    assert comp.text_id == "cakupan layanan sampah 45% dan tetangga unggul pada sisa umur TPA"
    assert comp.text_en == "waste service coverage 45% and the neighbour is strong on landfill remaining life"
    assert "offer_value" not in comp.data
    assert comp.data["need_year"] == 2023  # the latest year, not 2022's 40%
    assert comp.weight == pytest.approx(round(25 * 0.55 * 0.6, 1))


def test_it_does_not_recommend_a_far_region_without_a_verified_match() -> None:
    recs = recommend(build_inputs(), WEIGHTS, regions=["34.71", "33.74"])
    assert all(r.partner != "33.74" for r in recs if r.region == "34.71")
    assert all(r.partner != "34.71" for r in recs if r.region == "33.74")


def test_it_ignores_draft_identifications() -> None:
    inputs = build_inputs()
    assert "33.74" not in inputs.candidates("34.71", "2.11")
    assert inputs.match_partners("34.71", "2.11") == frozenset()


def test_it_makes_a_far_verified_match_a_voluntary_candidate_never_a_mandatory_one() -> None:
    idents = (
        IDENTIFICATIONS[0],
        IdentificationFact(
            "33.74", "2.11", "", "kapasitas TPA Jatibarang", externality=False, status="published"
        ),
    )
    inputs = build_inputs(identifications=idents)
    assert "33.74" in inputs.candidates("34.71", "2.11")
    recs = recommend(inputs, WEIGHTS, regions=["34.71", "33.74"], affairs=["2.11"])
    rec = _by_partner(recs, "34.71", "2.11")["33.74"]
    assert rec.category == "sukarela" and not rec.mandatory_eligible
    assert rec.reason("border") is None and rec.reason("functional_area") is None
    match = rec.reason("need_offer")
    assert match is not None
    assert match.text_id.startswith("kebutuhan «pengolahan sampah» dipenuhi tawaran Kota Semarang")
    assert "(eksternalitas lintas daerah)" in match.text_id
    distance = rec.reason("distance")
    assert (
        distance is not None
        and distance.text_id.startswith("jarak pusat ")
        and distance.text_id.endswith(" km")
    )
    # And the other way round: Kota Semarang sees Kota Yogyakarta's need, also voluntary.
    back = _by_partner(recs, "33.74", "2.11")["34.71"]
    assert back.category == "sukarela" and back.score == rec.score
    assert back.reason("need_offer") is not None
    # The match concerns 2.11 only.
    assert "33.74" not in inputs.candidates("34.71", "1.03")


def test_it_never_lists_non_autonomous_units_as_regions_or_partners() -> None:
    recs = recommend(build_inputs(), WEIGHTS)
    codes = {r.region for r in recs} | {r.partner for r in recs}
    assert not codes & {"31.71", "31.75"}
    assert recommend(build_inputs(), WEIGHTS, regions=["31.71"]) == []
    # DKI Jakarta (the province) borders Kota Bekasi through its administrative city: pairing (c), mandatory.
    rec = _by_partner(recommend(build_inputs(), WEIGHTS, regions=["32.75"]), "32.75", "2.11")["31"]
    assert rec.mandatory_eligible


def test_it_keeps_at_most_max_partners_above_min_score_sorted_by_score_then_code() -> None:
    weights = replace(WEIGHTS, max_partners=2)
    recs = recommend(build_inputs(), weights)
    per_key: dict[tuple[str, str], list[RecommendationFact]] = {}
    for r in recs:
        per_key.setdefault((r.region, r.affair), []).append(r)
    assert per_key
    for group in per_key.values():
        assert len(group) <= 2
        assert [(-r.score, r.partner) for r in group] == sorted((-r.score, r.partner) for r in group)
    high = replace(WEIGHTS, min_score=60.0)
    assert all(r.score >= 60.0 for r in recommend(build_inputs(), high))


def test_it_sorts_the_output_by_region_then_affair() -> None:
    recs = recommend(build_inputs(), WEIGHTS)
    keys = [(r.region, r.affair) for r in recs]
    assert keys == sorted(keys)


def test_it_rounds_scores_to_one_decimal_within_0_and_100() -> None:
    heavy = MappingWeights(border=90, functional_area=90, reference_year=2025)
    for rec in recommend(build_inputs(), heavy) + recommend(build_inputs(), WEIGHTS):
        assert 0.0 <= rec.score <= 100.0
        assert rec.score == round(rec.score, 1)


def test_it_serialises_a_recommendation_with_indonesian_reason_texts() -> None:
    rec = _by_partner(recommend(build_inputs(), WEIGHTS, regions=["34.71"]), "34.71", "1.03")["34.04"]
    data = rec.to_dict()
    assert {
        "region",
        "partner",
        "affair",
        "score",
        "category",
        "mandatory_eligible",
        "kind",
        "reasons",
        "findings",
    } <= set(data)
    assert data["region"] == "34.71" and data["partner"] == "34.04" and data["category"] == "wajib"
    assert data["reasons"][0] == {
        "code": "border",
        "weight": rec.reasons[0].weight,
        "text": "berbatasan 1,1 km",
        "text_en": "shares a 1.1 km border",
    }
    for finding in data["findings"]:
        assert set(finding) == {"rule", "severity", "message_id", "message_en", "basis"}
    assert data["authority_note"]["level"] == "provinsi"


def test_it_explains_a_recommendation_in_one_indonesian_sentence() -> None:
    rec = _by_partner(recommend(build_inputs(), WEIGHTS, regions=["34.71"]), "34.71", "2.11")["34.02"]
    sentence = explain(rec, {"34.02": "Kabupaten Bantul", "2.11": "Lingkungan Hidup"})
    assert sentence.startswith(
        "Disarankan kerja sama wajib dengan Kabupaten Bantul untuk urusan 2.11 Lingkungan Hidup"
    )
    assert "berbatasan 15,8 km" in sentence and "Kawasan Perkotaan Yogyakarta" in sentence
    assert sentence.endswith(".") and sentence.count(".") >= 1
    assert "34.02" in explain(rec)


def test_it_marks_example_data_in_the_reason_text() -> None:
    values = tuple(replace(v, is_example=True) if v.region_code == "34.02" else v for v in VALUES)
    rec = _by_partner(
        recommend(build_inputs(values=values), WEIGHTS, regions=["34.71"], affairs=["2.11"]), "34.71", "2.11"
    )["34.02"]
    comp = rec.reason("complementarity")
    assert comp is not None and comp.text_id.endswith("(data contoh)") and comp.data["is_example"]


def test_it_uses_the_latest_year_of_an_indicator() -> None:
    values = (*VALUES, IndicatorValueFact("34.71", "waste_service_coverage", 99.0, 2021))
    rec = _by_partner(
        recommend(build_inputs(values=values), WEIGHTS, regions=["34.71"], affairs=["2.11"]), "34.71", "2.11"
    )["34.02"]
    comp = rec.reason("complementarity")
    assert comp is not None and comp.data["need_value"] == 45.0


def test_it_rejects_unknown_region_and_affair_codes() -> None:
    with pytest.raises(ValueError, match=re.escape("99.99")):
        recommend(build_inputs(), WEIGHTS, regions=["99.99"])
    with pytest.raises(ValueError, match=re.escape("4.01")):
        recommend(build_inputs(), WEIGHTS, affairs=["4.01"])


def test_it_gives_identical_scores_to_both_directions_of_a_pair() -> None:
    recs = recommend(build_inputs(), replace(WEIGHTS, max_partners=50, min_score=0))
    index = {(r.region, r.partner, r.affair): r for r in recs}
    assert index
    for (a, b, f), rec in index.items():
        other = index.get((b, a, f))
        if other is not None:
            assert other.score == rec.score
            assert other.mandatory_eligible == rec.mandatory_eligible


def test_it_takes_functional_area_co_members_as_voluntary_partners_and_skips_non_autonomous_members() -> None:
    area = FunctionalAreaFact("UJI", "Kawasan Uji", "other", ("31", "31.71", "34.71"), "U")
    inputs = build_inputs(functional_areas=(*FUNCTIONAL_AREAS, area))
    assert "31" in inputs.static_partners("34.71") and "31.71" not in inputs.static_partners("34.71")
    # DKI Jakarta is ~430 km away: a member of the same area, but beyond service_max_km for a service-type
    # affair; with the limit lifted it is a voluntary partner.
    near = recommend(inputs, WEIGHTS, regions=["34.71"], affairs=["2.11"])
    assert "31" not in _by_partner(near, "34.71", "2.11")
    far = replace(WEIGHTS, service_max_km=1000.0)
    rec = _by_partner(recommend(inputs, far, regions=["34.71"], affairs=["2.11"]), "34.71", "2.11").get("31")
    assert rec is not None and rec.category == "sukarela" and not rec.mandatory_eligible
    reason = rec.reason("functional_area")
    assert reason is not None and reason.text_id == "sama-sama anggota Kawasan Uji (keyakinan U)"


def test_it_names_a_partners_figure_only_where_the_regions_jurisdiction_may_read_it() -> None:
    values = (*VALUES, IndicatorValueFact("34", "waste_service_coverage", 30.0, 2023))
    recs = recommend(build_inputs(values=values), WEIGHTS, regions=["34", "34.02"], affairs=["2.11"])
    # DI Yogyakarta's officials read the profiles of its own kab/kota: Bantul's figure may be named.
    province = _by_partner(recs, "34", "2.11")["34.02"].reason("complementarity")
    assert province is not None and "12 tahun" in province.text_id and "12 years" in province.text_en
    assert province.data["partner_visible"] is True
    # Bantul's officials do not read Kota Yogyakarta's profile: its need is named, its 45% is not.
    bantul = _by_partner(recs, "34.02", "2.11")["34.71"].reason("complementarity")
    assert bantul is not None and bantul.data["needy"] == "partner"
    assert (
        bantul.text_id
        == "sisa umur TPA 12 tahun dan tetangga memerlukan dukungan pada cakupan layanan sampah"
    )
    assert "45" not in bantul.text_id + bantul.text_en and "need_value" not in bantul.data


@pytest.mark.parametrize("status", ["verified", "published"])
def test_it_quotes_a_partners_identification_only_once_it_is_published(status: str) -> None:
    idents = (
        IDENTIFICATIONS[0],
        IdentificationFact("33.74", "2.11", "", "kapasitas TPA Jatibarang", externality=True, status=status),
    )
    recs = recommend(
        build_inputs(identifications=idents), WEIGHTS, regions=["34.71", "33.74"], affairs=["2.11"]
    )
    mine = _by_partner(recs, "34.71", "2.11")["33.74"].reason("need_offer")
    theirs = _by_partner(recs, "33.74", "2.11")["34.71"].reason("need_offer")
    assert mine is not None and theirs is not None
    # Each side always reads its own text; the other side's only when it is published.
    assert "pengolahan sampah" in mine.text_id and "kapasitas TPA Jatibarang" in theirs.text_id
    assert ("kapasitas TPA Jatibarang" in mine.text_id + mine.text_en) is (status == "published")
    assert "pengolahan sampah" not in theirs.text_id + theirs.text_en  # Kota Yogyakarta's is only verified
    if status == "verified":
        assert mine.text_id == (
            "kebutuhan «pengolahan sampah» cocok dengan tawaran Kota Semarang yang telah diverifikasi "
            "(isinya belum dipublikasikan) (eksternalitas lintas daerah)"
        )
        assert "not published yet" in mine.text_en


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_it_hands_out_every_recommendation_once_in_chunks_without_changing_the_result(chunk: int) -> None:
    """``on_chunk`` (a national run streams chunks into the database while computing the rest) sees each
    recommendation exactly once, in order, with the regions done so far; the result is unchanged."""
    whole = recommend(build_inputs(), WEIGHTS)
    seen: list[RecommendationFact] = []
    progress: list[tuple[int, int]] = []

    def take(new: list[RecommendationFact], done: int, total: int) -> None:
        seen.extend(new)
        progress.append((done, total))

    result = recommend(build_inputs(), WEIGHTS, chunk=chunk, on_chunk=take)
    assert result == whole and seen == whole
    total = progress[-1][1]
    assert progress[-1] == (total, total) and [d for d, _ in progress] == sorted(d for d, _ in progress)
