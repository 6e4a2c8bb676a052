"""/aturan/ and the plan checker speak to officials, not to the rulebook's maintainers (issue 9 §7)."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

import pytest

from kerjasama.compliance.presentation import (
    SETTING_LABELS_EN,
    SETTING_TEXTS,
    english_explanation,
    rule_confidence,
    value_in_words,
)
from kerjasama.rulebook import catalogue
from kerjasama.rulebook.settings import RulebookSettings

pytestmark = pytest.mark.django_db

DEVELOPER_TEXT = ("REGULATIONS.md", "pass 3", "[U]", "[S]", "[M]", "[L]", "{'", "['", "None", "True", "False")


def test_it_has_an_indonesian_name_and_explanation_for_every_parameter() -> None:
    assert {f.name for f in fields(RulebookSettings)} == set(SETTING_TEXTS) == set(SETTING_LABELS_EN)
    for label, explanation in SETTING_TEXTS.values():
        assert label and explanation and not any(text in explanation for text in DEVELOPER_TEXT)


def test_it_shows_no_developer_text_on_the_rule_page(client: Any) -> None:
    html = client.get("/aturan/").content.decode()
    body = html.split('data-testid="rules"')[1]
    for text in DEVELOPER_TEXT:
        assert text not in body, text
    assert "tidak ditetapkan" in body and "Menteri Dalam Negeri" in body
    assert "Batas jangka waktu PKS (tahun)" in body


def test_it_shows_one_confidence_scale_on_the_rule_page(client: Any) -> None:
    html = client.get("/aturan/").content.decode()
    badges = set(re.findall(r'class="conf conf-([A-Z])"', html))
    assert badges <= {"V", "S", "U"}
    assert "Terverifikasi (teks peraturan)" in html and "Sumber sekunder" in html


def test_it_explains_parameters_in_english_without_maintainers_marks(client: Any) -> None:
    client.cookies["django_language"] = "en"
    html = client.get("/aturan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = html.split('data-testid="rule-settings"')[1]
    assert "pass 3" not in table and "REGULATIONS.md" not in table and "[U]" not in table
    assert "Maximum PKS term (years)" in table


@pytest.mark.parametrize(
    ("grade", "value", "partly"),
    [("H", "V", False), ("H / M (DKI)", "S", True), ("L–M", "U", True), ("M (DPOD text) / L (x)", "U", True)],
)
def test_it_puts_every_rule_grade_on_the_one_scale(grade: str, value: str, partly: bool) -> None:
    shown = rule_confidence(grade)
    assert (shown["value"], shown["partly"]) == (value, partly)


def test_it_puts_every_catalogue_grade_on_the_one_scale() -> None:
    for rule in catalogue():
        assert rule_confidence(rule["confidence"])["value"] in {"V", "S", "U"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "tidak ditetapkan"),
        (True, "ya"),
        (False, "tidak"),
        ("menteri", "Menteri Dalam Negeri"),
        (["gubernur", "menteri"], "gubernur sebagai wakil Pemerintah Pusat, Menteri Dalam Negeri"),
        ({"a": ["dprd_penawar"]}, "pasangan a: DPRD daerah penawar"),
        ("[S] menyusun perjanjian kerja sama / drafting agreements", "menyusun perjanjian kerja sama"),
    ],
)
def test_it_writes_parameter_values_in_words(value: Any, words: str) -> None:
    assert value_in_words(value) == words


def test_it_strips_maintainers_marks_from_english_notes() -> None:
    text = english_explanation("[U] No day limit for replying to an offer was found (pass 3). None = no deadline.")
    assert text.startswith("No day limit") and "pass 3" not in text


def test_it_names_the_governor_by_province_name_in_the_plan_checker(client: Any) -> None:
    html = client.get(
        "/periksa/?type=KSDD&category=wajib&party=34.71&party=34.04&affair=1.03&externality=on&efficiency=on"
    ).content.decode()
    assert "Gubernur Daerah Istimewa Yogyakarta sebagai wakil Pemerintah Pusat" in html
    assert "provinsi 34" not in html


def test_it_labels_third_party_kinds_in_the_plan_checker(client: Any) -> None:
    html = client.get("/periksa/").content.decode()
    assert '<option value="bumd" >' in html or 'value="bumd"' in html
    select = html.split('name="third_party_kind"')[1].split("</select>")[0]
    assert ">bumd<" not in select and ">perguruan_tinggi<" not in select
    assert "Badan usaha milik daerah" in select or "BUMD" in select


def test_it_says_the_source_marks_of_a_legal_basis_in_words() -> None:
    from kerjasama.compliance.presentation import basis_in_words

    assert basis_in_words("Permendagri 22/2020 (tahap penawaran) [S: S-yogya]; Lampiran I [L]") == (
        "Permendagri 22/2020 (tahap penawaran) (sumber sekunder); Lampiran I (pengetahuan umum, belum terverifikasi)"
    )


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("type=KSDD&category=sukarela&party=34.71&party=34.04&affair=1.03&term_years=banyak", "Jangka waktu (tahun)"),
        ("type=KSDPK&party=34.71&third_party_kind=bumd&third_party_name=+&affair=1.03", "Nama pihak ketiga"),
    ],
)
def test_it_leads_a_plan_error_with_the_fields_label(client: Any, query: str, label: str) -> None:
    html = client.get(f"/periksa/?{query}").content.decode()
    error = html.split('data-testid="plan-error"')[1].split("</section>")[0]
    assert label in error
    for key in ("term_years", "third_party.name", "input.invalid_value", "input.wrong_type"):
        assert key not in error


def test_it_reads_an_indonesian_term_in_the_plan_checker(client: Any) -> None:
    from django.http import QueryDict

    from kerjasama.compliance.forms import plan_from_query

    assert plan_from_query(QueryDict("type=KSDD&term_years=2,5"))["term_years"] == 2.5
    assert plan_from_query(QueryDict("type=KSDD&term_years=1.234"))["term_years"] == "1.234"  # refused later
