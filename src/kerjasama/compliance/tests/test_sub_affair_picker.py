"""The plan checker page (/periksa/) lets the user pick sub-affairs by name, without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_it_offers_sub_affairs_by_name_grouped_by_affair_with_a_label(client: Any) -> None:
    html = client.get("/periksa/").content.decode()
    assert '<label for="sub-affairs">' in html
    assert 'id="sub-affairs" name="sub_affair" multiple' in html
    assert 'aria-describedby="sub-affairs-help"' in html and 'id="sub-affairs-help"' in html
    assert '<option value="3.28.02" >3.28.02 Pengelolaan Hutan</option>' in html


def test_it_checks_the_chosen_sub_affair_and_reports_r11(client: Any) -> None:
    query = {"type": "KSDD", "category": "sukarela", "party": ["34.04", "34.02"], "sub_affair": "3.28.02"}
    html = client.get("/periksa/", query).content.decode()
    assert "Sub-urusan 3.28.02 Pengelolaan Hutan (urusan 3.28 Kehutanan) bukan kewenangan" in html
    assert '<option value="3.28.02" selected>' in html  # the choice is kept


def test_it_answers_an_absurd_term_with_the_range(client: Any) -> None:
    query = {"type": "KSDD", "category": "sukarela", "party": ["34.04", "34.02"], "term_years": "1000000000"}
    html = client.get("/periksa/", query).content.decode()
    assert "paling lama 50 tahun" in html or "at most 50 years" in html
