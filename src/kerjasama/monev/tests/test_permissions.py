"""The permission matrix of monev over the named personas (house rule 10), on every page and API route.

The party's own cooperation unit: assesses its side and (keeping its TKKSD's records) records the TKKSD
evaluation. The governor's office of DIY: evaluates agreements with a party in DIY. Ministry and auditor: read.
The other province's region and the third party: the agreement does not exist for them (404).
"""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.monev.models import MonevPeriod
from kerjasama.monev.tests.conftest import party_of

pytestmark = pytest.mark.django_db

#: persona → page view, self-assessment form, TKKSD form, governor form, open periods (POST),
#:           API: read, save self-assessment, TKKSD evaluation, governor evaluation
MATRIX = {
    "kabkota": (200, 200, 200, 403, 302, 200, 201, 201, 403),
    "neighbour": (200, 403, 403, 403, 302, 200, 403, 403, 403),
    "province": (200, 403, 403, 200, 403, 200, 403, 403, 201),
    "ministry": (200, 403, 403, 403, 403, 200, 403, 403, 403),
    "auditor": (200, 403, 403, 403, 403, 200, 403, 403, 403),
    "other_province": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    "third_party": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    # The admin passes every policy; a governor's evaluation needs a province the admin does not have (422).
    "admin": (200, 200, 200, 200, 302, 200, 201, 201, 422),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_it_lets_each_persona_see_and_do_what_the_matrix_says(
    client_as: Any, waste: Agreement, first: MonevPeriod, who: str
) -> None:
    view, assess, tkksd, governor, open_periods, api_read, api_assess, api_tkksd, api_governor = MATRIX[who]
    party = party_of(waste, "34.71")
    base = f"/kerja-sama/{waste.pk}/monev/"
    client = client_as(who)
    assert client.get(base).status_code == view
    assert client.get(base + "ekspor.xlsx").status_code == view
    assert client.get(f"{base}{first.pk}/mandiri/{party.pk}/").status_code == assess
    assert client.get(f"{base}{first.pk}/tkksd/{party.pk}/").status_code == tkksd
    assert client.get(f"{base}{first.pk}/gubernur/").status_code == governor
    assert client.post(base + "buka-periode/").status_code == open_periods
    api = "/api/v1/monev"
    assert client.get(f"{api}/agreements/{waste.pk}").status_code == api_read
    answer = client.post(
        f"{api}/periods/{first.pk}/self-assessments",
        {"party": party.pk, "progress_percent": "45,5", "budget_realised": "1.250.000,50"},
        content_type="application/json",
    )
    assert answer.status_code == api_assess, answer.content
    answer = client.post(
        f"{api}/periods/{first.pk}/tkksd-evaluations",
        {"party": party.pk, "rating": "baik", "meeting_ref": "Rapat 1"},
        content_type="application/json",
    )
    assert answer.status_code == api_tkksd, answer.content
    answer = client.post(
        f"{api}/periods/{first.pk}/governor-evaluations", {"rating": "cukup"}, content_type="application/json"
    )
    assert answer.status_code == api_governor, answer.content
    assert client.get(f"{api}/deadlines").status_code == 200


def test_the_tkksd_member_evaluates_but_does_not_assess(
    client: Any, waste: Agreement, first: MonevPeriod, tkksd_yogya: Any
) -> None:
    client.force_login(tkksd_yogya)
    party = party_of(waste, "34.71")
    base = f"/kerja-sama/{waste.pk}/monev/{first.pk}/"
    assert client.get(f"{base}mandiri/{party.pk}/").status_code == 403
    assert client.get(f"{base}tkksd/{party.pk}/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client_as: Any, waste: Agreement, first: MonevPeriod) -> None:
    answer = client_as(None).get(f"/kerja-sama/{waste.pk}/monev/")
    assert answer.status_code == 302 and "/masuk/" in answer["Location"]
    assert client_as(None).get(f"/api/v1/monev/agreements/{waste.pk}").status_code == 401
    assert client_as(None).get("/api/v1/monev/deadlines").status_code == 401
