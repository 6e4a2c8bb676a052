"""API v1 of monev: the periods as every party sees them, writes with stable error codes (422, 409)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from kerjasama.agreements.models import Agreement
from kerjasama.monev.models import MonevPeriod
from kerjasama.monev.tests.conftest import party_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_on_today")]
API = "/api/v1/monev"


@pytest.fixture
def _on_today() -> Any:
    with time_machine.travel(date(2026, 11, 30), tick=False):
        yield


def _post(client: Any, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def test_a_party_saves_submits_and_others_see_only_the_submission(
    client_as: Any, waste: Agreement, first: MonevPeriod
) -> None:
    party = party_of(waste, "34.71")
    yogya = client_as("kabkota")
    answer = _post(
        yogya,
        f"{API}/periods/{first.pk}/self-assessments",
        {"party": party.pk, "progress_percent": "45,5", "budget_realised": "1.250.000,50"},
    )
    assert answer.status_code == 201
    draft = answer.json()
    assert draft["status"] == "draft" and draft["progress_percent"] == "45.50"
    assert draft["budget_realised"] == "1250000.50"
    mine = yogya.get(f"{API}/agreements/{waste.pk}").json()
    row = next(p for p in mine["periods"][-1]["parties"] if p["party"] == party.pk)
    assert row["draft"]["id"] == draft["id"] and row["status"] == "overdue"
    theirs = client_as("neighbour").get(f"{API}/agreements/{waste.pk}").json()
    assert next(p for p in theirs["periods"][-1]["parties"] if p["party"] == party.pk)["draft"] is None
    yogya = client_as("kabkota")
    assert yogya.post(f"{API}/self-assessments/{draft['id']}/submit").status_code == 200
    again = yogya.post(f"{API}/self-assessments/{draft['id']}/submit")
    assert again.status_code == 409 and again.json()["error"]["code"] == "monev.assessment_changed"
    seen = client_as("neighbour").get(f"{API}/agreements/{waste.pk}").json()
    row = next(p for p in seen["periods"][-1]["parties"] if p["party"] == party.pk)
    assert row["status"] == "submitted" and row["submitted"]["progress_percent"] == "45.50"
    assert "missed_twice" in seen["flags"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"progress_percent": "1.234"}, "input.ambiguous_number"),
        ({"progress_percent": "150"}, "monev.progress_invalid"),
        ({"progress_percent": "10", "budget_realised": "satu juta"}, "input.not_a_number"),
    ],
)
def test_bad_input_is_a_422_with_a_stable_code(
    client_as: Any, waste: Agreement, first: MonevPeriod, payload: dict[str, Any], code: str
) -> None:
    answer = _post(
        client_as("kabkota"),
        f"{API}/periods/{first.pk}/self-assessments",
        {"party": party_of(waste, "34.71").pk, **payload},
    )
    assert answer.status_code == 422 and answer.json()["error"]["code"] == code


def test_evaluations_are_recorded_once(client_as: Any, waste: Agreement, first: MonevPeriod) -> None:
    party = party_of(waste, "34.71")
    client = client_as("kabkota")
    url = f"{API}/periods/{first.pk}/tkksd-evaluations"
    assert _post(client, url, {"party": party.pk, "rating": "baik", "meeting_ref": "R1"}).status_code == 201
    assert _post(client, url, {"party": party.pk, "rating": "baik"}).status_code == 409
    bad = _post(client_as("neighbour"), url, {"party": party_of(waste, "34.04").pk, "rating": "istimewa"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "monev.rating_invalid"
    governor = client_as("province")
    assert (
        _post(governor, f"{API}/periods/{first.pk}/governor-evaluations", {"rating": "cukup"}).status_code
        == 201
    )
    data = governor.get(f"{API}/agreements/{waste.pk}").json()
    assert data["periods"][-1]["governor_evaluations"][0]["province"] == "34"


def test_deadlines_list_the_callers_own_items(
    client_as: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    sleman = party_of(waste, "34.04")
    items = client_as("neighbour").get(f"{API}/deadlines").json()
    assert {i["party"] for i in items} == {sleman.pk} and len(items) == 4
    assert [i["overdue"] for i in items] == [True, True, True, False]
    overdue = client_as("neighbour").get(f"{API}/deadlines?overdue_only=true").json()
    assert len(overdue) == 3
    assert len(client_as("province").get(f"{API}/deadlines").json()) == 8
    assert client_as("other_province").get(f"{API}/deadlines").json() == []
    assert client_as("third_party").get(f"{API}/deadlines").json() == []


def test_a_period_of_an_unseen_agreement_is_a_404(client_as: Any, first: MonevPeriod) -> None:
    answer = _post(
        client_as("other_province"), f"{API}/periods/{first.pk}/governor-evaluations", {"rating": "baik"}
    )
    assert answer.status_code == 404
    assert (
        _post(
            client_as("kabkota"), f"{API}/periods/999999/governor-evaluations", {"rating": "baik"}
        ).status_code
        == 404
    )
