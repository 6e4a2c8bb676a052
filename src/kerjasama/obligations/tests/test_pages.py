"""The obligations tab (``/kerja-sama/<id>/kewajiban/``): the list, the add form with an Indonesian amount,
the steps on an occurrence (htmx and plain posts), the XLSX export, the link from the agreement's page, and a
query count that does not grow with the number of obligations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.obligations import services
from kerjasama.obligations.choices import DueStatus
from kerjasama.obligations.models import FulfilmentConfirmation, Obligation
from kerjasama.obligations.tests.conftest import add_fee, party

pytestmark = pytest.mark.django_db


def _url(agreement: Agreement) -> str:
    return f"/kerja-sama/{agreement.pk}/kewajiban/"


def test_it_lists_obligations_with_their_occurrences(
    client_as: Any, fee: Obligation, agreement: Agreement
) -> None:
    page = client_as("neighbour").get(_url(agreement))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tipping fee bulanan" in html and f'data-testid="dues-{fee.pk}"' in html
    assert 'data-testid="obligation-form"' in html  # Sleman is a party: it may add one
    assert 'data-testid="waive-' in html and 'data-testid="fulfil-' not in html  # owed, not obligated


def test_the_agreement_page_links_to_the_tab(client_as: Any, agreement: Agreement) -> None:
    page = client_as("kabkota").get(f"/kerja-sama/{agreement.pk}/")
    assert f'href="/kerja-sama/{agreement.pk}/kewajiban/"' in page.content.decode()


def test_it_adds_an_obligation_typed_the_indonesian_way(client_as: Any, agreement: Agreement) -> None:
    client = client_as("kabkota")
    data = {
        "new-party": str(party(agreement, "34.71").pk),
        "new-title": "Kontribusi tahunan",
        "new-kind": "payment",
        "new-amount": "1.250.000,50",
        "new-recurrence": "yearly",
        "new-first_due": "2026-12-31",
        "new-last_due": "",
        "new-owner_unit": "DLH",
        "new-description": "",
        "new-source_clause": "Pasal 6",
    }
    answer = client.post(_url(agreement), data)
    assert answer.status_code == 302
    obligation = Obligation.objects.get(title="Kontribusi tahunan")
    assert obligation.amount == Decimal("1250000.50")
    assert [d.year for d in obligation.dues.values_list("due_date", flat=True)] == [2026, 2027]
    bad = client.post(_url(agreement), {**data, "new-amount": "1.250"})
    assert bad.status_code == 422 and "dua cara" in bad.content.decode()
    assert Obligation.objects.filter(title="Kontribusi tahunan").count() == 1


def test_the_steps_swap_the_list_in_place(client_as: Any, fee: Obligation, agreement: Agreement) -> None:
    due = fee.dues.get(due_date=date(2026, 5, 10))
    base = f"{_url(agreement)}jatuh-tempo/{due.pk}/"
    htmx = {"HTTP_HX_REQUEST": "true"}
    answer = client_as("kabkota").post(
        base + "fulfil/", {"fulfil-fulfilled_on": "2026-05-09", "fulfil-note": "SP2D"}, **htmx
    )
    assert answer.status_code == 200 and 'data-testid="outcome"' in answer.content.decode()
    due.refresh_from_db()
    assert due.status == DueStatus.FULFILLED
    sleman = client_as("neighbour")
    assert sleman.post(base + "confirm/", {"answer-note": "Diterima"}, **htmx).status_code == 200
    sleman.post(base + "dispute/", {"answer-note": "Kurang bayar"})
    assert list(FulfilmentConfirmation.objects.filter(due=due).values_list("outcome", flat=True)) == [
        "confirmed",
        "disputed",
    ]
    refused = client_as("kabkota").post(base + "confirm/", {"answer-note": "x"}, **htmx)
    assert 'data-code="permission_denied"' in refused.content.decode()
    assert client_as("kabkota").post(base + "unknown/", {}).status_code == 404


def test_it_exports_the_list_as_xlsx(client_as: Any, fee: Obligation, agreement: Agreement) -> None:
    from openpyxl import load_workbook

    answer = client_as("province").get(f"{_url(agreement)}ekspor.xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + fee.dues.count()
    assert rows[1][0] == "Tipping fee bulanan" and rows[1][1] == "Kota Yogyakarta"


def test_the_list_reads_a_fixed_number_of_queries(
    client_as: Any, agreement: Agreement, people: dict[str, Any]
) -> None:
    fee = add_fee(agreement, people["yogya"])
    services.record_fulfilment(actor=people["yogya"], due=fee.dues.get(due_date=date(2026, 3, 10)))
    services.confirm_fulfilment(actor=people["sleman"], due=fee.dues.get(due_date=date(2026, 3, 10)))
    services.escalate_late(date(2026, 6, 15))
    client = client_as("neighbour")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(agreement)).status_code == 200
        return len(queries)

    one = count()
    for n in range(3):
        extra = add_fee(agreement, people["sleman"], title=f"Layanan {n}", party=party(agreement, "34.04"))
        services.record_fulfilment(actor=people["sleman"], due=extra.dues.get(due_date=date(2026, 3, 10)))
        services.confirm_fulfilment(actor=people["yogya"], due=extra.dues.get(due_date=date(2026, 3, 10)))
    services.escalate_late(date(2026, 6, 15))
    assert count() == one
