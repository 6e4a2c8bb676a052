"""API v1 of the obligations: list, create (an Indonesian amount), fulfil, confirm/dispute, waive; 422, 409,
403, 404 like the agreements; the list's query count does not grow with the obligations."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.obligations.models import Obligation
from kerjasama.obligations.tests.conftest import add_fee, party

pytestmark = pytest.mark.django_db

API = "/api/v1/obligations"


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def test_it_creates_and_lists_obligations(client_as: Any, agreement: Agreement) -> None:
    client = client_as("kabkota")
    body = {
        "party": party(agreement, "34.71").pk,
        "title": "Tipping fee",
        "kind": "payment",
        "recurrence": "monthly",
        "first_due": "2026-07-10",
        "last_due": "2026-12-10",
        "amount": "1.250.000,50",
    }
    created = _post(client, f"{API}/agreements/{agreement.pk}", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert (
        data["amount"] == "1250000.50" and len(data["dues"]) == 6 and data["dues"][0]["status"] == "pending"
    )
    listed = client_as("neighbour").get(f"{API}/agreements/{agreement.pk}")
    assert [o["title"] for o in listed.json()] == ["Tipping fee"]
    bad = _post(client, f"{API}/agreements/{agreement.pk}", {**body, "amount": "1.250"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "obligations.amount_invalid"
    wrong = _post(client, f"{API}/agreements/{agreement.pk}", {**body, "last_due": "2026-01-01"})
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "obligations.last_before_first"
    refused = _post(client_as("province"), f"{API}/agreements/{agreement.pk}", body)
    assert refused.status_code == 403
    hidden = _post(client_as("other_province"), f"{API}/agreements/{agreement.pk}", body)
    assert hidden.status_code == 404
    assert Obligation.objects.count() == 1


def test_the_steps_on_an_occurrence(client_as: Any, fee: Obligation) -> None:
    due = fee.dues.get(due_date=date(2026, 4, 10))
    yogya = client_as("kabkota")
    done = _post(yogya, f"{API}/dues/{due.pk}/fulfil", {"fulfilled_on": "2026-04-09", "note": "SP2D"})
    assert done.status_code == 200 and done.json()["status"] == "fulfilled"
    again = _post(yogya, f"{API}/dues/{due.pk}/fulfil", {})
    assert again.status_code == 409 and again.json()["error"]["code"] == "obligations.due_conflict"
    sleman = client_as("neighbour")
    assert _post(sleman, f"{API}/dues/{due.pk}/confirmation", {"outcome": "confirmed"}).status_code == 201
    no_note = _post(sleman, f"{API}/dues/{due.pk}/confirmation", {"outcome": "disputed"})
    assert no_note.status_code == 422
    disputed = _post(sleman, f"{API}/dues/{due.pk}/confirmation", {"outcome": "disputed", "note": "Kurang"})
    assert disputed.status_code == 201
    listed = client_as("kabkota").get(f"{API}/agreements/{fee.agreement_id}").json()
    answers = next(d for d in listed[0]["dues"] if d["id"] == due.pk)["confirmations"]
    assert [a["outcome"] for a in answers] == ["confirmed", "disputed"]
    may = fee.dues.get(due_date=date(2026, 5, 10))
    # One test client: ``client_as`` logs it in as the persona named (the latest call wins).
    assert _post(client_as("kabkota"), f"{API}/dues/{may.pk}/waive", {"reason": "x"}).status_code == 403
    waived = _post(client_as("neighbour"), f"{API}/dues/{may.pk}/waive", {"reason": "TPA tutup"})
    assert waived.status_code == 200 and waived.json()["status"] == "waived"
    assert (
        _post(client_as("other_province"), f"{API}/dues/{may.pk}/waive", {"reason": "x"}).status_code == 404
    )


def test_the_list_reads_a_fixed_number_of_queries(
    client_as: Any, agreement: Agreement, people: dict[str, Any]
) -> None:
    add_fee(agreement, people["yogya"])
    client = client_as("province")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/agreements/{agreement.pk}").status_code == 200
        return len(queries)

    one = count()
    for n in range(3):
        add_fee(agreement, people["sleman"], title=f"Layanan {n}", party=party(agreement, "34.04"))
    assert count() == one
