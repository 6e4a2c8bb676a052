"""The plan checker page and the rule catalogue page."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_empty_form_with_every_affair_and_region(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        html = client.get("/periksa/").content.decode()
    assert html.count('name="affair"') == 32
    assert html.count('<option value="') >= 546  # every autonomous region in the datalist
    assert 'value="31.71 ' not in html  # DKI administrative cities are not parties


def test_it_shows_findings_for_a_checked_plan(client: Any, django_assert_max_num_queries: Any) -> None:
    query = "type=KSDD&category=wajib&party=34.71+Kota+Yogyakarta&party=33.74&affair=1.03&externality=on"
    client.get(f"/periksa/?{query}")  # warm the reference cache
    with django_assert_max_num_queries(7):
        html = client.get(f"/periksa/?{query}").content.decode()
    assert 'data-testid="plan-result"' in html and "R7" in html and "Pasal 364" in html
    assert 'class="finding sev-error"' in html


def test_it_names_the_field_of_bad_input(client: Any) -> None:
    html = client.get("/periksa/?type=KSDD&party=34.71&party=34.71").content.decode()
    error = html.split('data-testid="plan-error"')[1].split("</section>")[0]
    # Named by its label on the page, never by its JSON key or an error code (issue 9).
    assert "Para pihak" in error and "parties" not in error and "input." not in error


def test_it_builds_a_ksdpk_plan_with_its_third_party(client: Any) -> None:
    html = client.get(
        "/periksa/?type=KSDPK&party=34.71&third_party_kind=badan_usaha&third_party_name=PT+Uji&affair=1.03"
    ).content.decode()
    assert "R17" in html  # no feasibility study attached


def test_it_lists_every_rule_with_basis_and_parameters(client: Any) -> None:
    html = client.get("/aturan/").content.decode()
    for n in range(1, 35):
        assert f'id="R{n}"' in html
    assert 'id="param-max_pks_term_years"' in html and "UU 23/2014 Pasal 370" in html
    assert 'id="param-synergy_dispute_authority"' in html and "Batas jangka waktu PKS (tahun)" in html


def test_it_shows_the_ministers_facilitation_for_a_synergy_plan(client: Any) -> None:
    html = client.get("/periksa/?type=SINERGI&party=34&affair=2.15").content.decode()
    assert "Menteri Dalam Negeri, sebagai fasilitasi (praktik, bukan keputusan)" in html
    assert 'href="/aturan/#R34"' in html and "DPOD" in html
