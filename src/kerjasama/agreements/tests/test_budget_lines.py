"""An agreement's budget lines (issue 15 item 7): a party's own cooperation unit records what it budgets per
year under a nomenclature activity, typed as officials type amounts; the page names the activity from the
nomenclature in force that year; the other party and other regions cannot record or remove a line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kerjasama.agreements.budget import add_budget_line, budget_rows, remove_budget_line
from kerjasama.agreements.models import AgreementBudgetLine
from kerjasama.agreements.tests.conftest import party, propose_waste
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_party_records_its_budget_line_typed_the_indonesian_way(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    line = add_budget_line(
        actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"),
        fiscal_year=2027, code=" 4.01.02.2.04 ", amount="1.250.000,50", note="Rapat koordinasi",
    )
    assert line.amount == Decimal("1250000.50") and line.code == "4.01.02.2.04"
    rows = budget_rows(people["sleman"], agreement)  # the other party reads it
    assert [(r.line.pk, r.name) for r in rows] == [(line.pk, "Fasilitasi Kerja Sama Daerah")]
    assert AuditEvent.objects.filter(action="agreement.budget_line_added").count() == 1


@pytest.mark.parametrize(
    ("code", "year", "amount", "error"),
    [
        ("4.01.02", 2027, "1000", "agreements.bad_budget_code"),  # a programme, not an activity
        ("4,01,02,2,04", 2027, "1000", "agreements.bad_budget_code"),
        ("4.01.02.2.04", 1999, "1000", "agreements.bad_budget_year"),
        ("4.01.02.2.04", 2027, "0", "agreements.bad_budget_amount"),
        ("4.01.02.2.04", 2027, "1.234", "input.ambiguous_number"),
    ],
)
def test_it_refuses_a_wrong_code_year_or_amount(
    people: dict[str, Any], code: str, year: int, amount: str, error: str
) -> None:
    agreement = propose_waste(people)
    with pytest.raises(KerjasamaError) as refused:
        add_budget_line(
            actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"),
            fiscal_year=year, code=code, amount=amount,
        )
    assert refused.value.code == error
    assert not AgreementBudgetLine.objects.exists()


def test_only_the_party_itself_records_or_removes_its_line(people: dict[str, Any], persona: Any) -> None:
    agreement = propose_waste(people)
    yogya = party(agreement, "34.71")
    for outsider in (people["sleman"], persona("other_province")):
        with pytest.raises((PermissionDenied, KerjasamaError)):
            add_budget_line(actor=outsider, agreement=agreement, party=yogya, fiscal_year=2027,
                            code="4.01.02.2.04", amount="5000000")
    line = add_budget_line(actor=people["yogya"], agreement=agreement, party=yogya, fiscal_year=2027,
                           code="4.01.02.2.04", amount="5000000")
    with pytest.raises(PermissionDenied):
        remove_budget_line(actor=people["sleman"], line=line)
    remove_budget_line(actor=people["yogya"], line=line)
    assert not AgreementBudgetLine.objects.exists()
    assert AuditEvent.objects.filter(action="agreement.budget_line_removed").count() == 1


def test_the_agreement_page_shows_the_lines_and_the_form_to_the_party(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    client = Client()
    client.force_login(people["yogya"])
    answer = client.post(
        reverse("agreements:budget_add", args=[agreement.pk]),
        {"party": party(agreement, "34.71").pk, "fiscal_year": "2027", "code": "4.01.02.2.04",
         "amount": "2.500.000", "note": "Sekretariat bersama"},
    )
    assert answer.status_code == 302 and answer["Location"].endswith("#anggaran")
    html = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert 'data-testid="budget-name">Fasilitasi Kerja Sama Daerah' in html and "2.500.000,00" in html
    assert 'data-testid="budget-form"' in html
    # A typo is answered in words on the page, nothing recorded.
    client.post(reverse("agreements:budget_add", args=[agreement.pk]),
                {"party": party(agreement, "34.71").pk, "fiscal_year": "2027", "code": "4.01", "amount": "1"})
    assert AgreementBudgetLine.objects.count() == 1
    other = Client()
    other.force_login(people["sleman"])
    html = other.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Fasilitasi Kerja Sama Daerah" in html
    # Sleman may record its own line, never Yogya's.
    assert f'<option value="{party(agreement, "34.71").pk}"' not in html.split('data-testid="budget-form"')[-1]
