"""The permission matrix over every persona (house rule 10) for every page and API route of the obligations:
reads follow the agreement (its parties, the province, the ministry, the auditor); any party adds; only the
obligated party (Kota Yogyakarta) fulfils; only the party owed (Kabupaten Sleman) confirms, disputes, waives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.obligations import services
from kerjasama.obligations.choices import DueStatus
from kerjasama.obligations.models import FulfilmentConfirmation, Obligation, ObligationDue
from kerjasama.obligations.tests.conftest import add_fee, party

pytestmark = pytest.mark.django_db

#: Every persona of the root conftest.py (``PERSONAS``), and the anonymous caller (None).
PERSONAS = (
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
)
SEES = {"ministry", "province", "kabkota", "neighbour", "auditor", "admin"}
PARTIES = {"kabkota", "neighbour", "admin"}
OBLIGATED = {"kabkota", "admin"}
OWED = {"neighbour", "admin"}


def test_it_shows_obligations_to_whoever_sees_the_agreement(persona: Any, fee: Obligation) -> None:
    for name in PERSONAS:
        user = persona(name)
        listed = Obligation.objects.restrict(user, "view").filter(pk=fee.pk).exists()
        assert listed == (name in SEES), name
        assert can(user, "obligations.view", fee.agreement) == listed, name
        dues = ObligationDue.objects.restrict(user, "view").filter(obligation=fee).count()
        assert dues == (fee.dues.count() if listed else 0), name


@pytest.mark.parametrize("suffix", ["", "ekspor.xlsx"])
def test_the_pages_answer_by_visibility(client_as: Any, fee: Obligation, suffix: str) -> None:
    url = f"/kerja-sama/{fee.agreement_id}/kewajiban/{suffix}"
    for name in (*PERSONAS, None):
        status = client_as(name).get(url).status_code
        expected = 302 if name is None else (200 if name in SEES else 404)
        assert status == expected, name


def test_the_api_list_answers_by_visibility(client_as: Any, fee: Obligation) -> None:
    for name in (*PERSONAS, None):
        status = client_as(name).get(f"/api/v1/obligations/agreements/{fee.agreement_id}").status_code
        expected = 401 if name is None else (200 if name in SEES else 404)
        assert status == expected, name


def _fresh(agreement: Agreement, n: int) -> ObligationDue:
    obligation = add_fee(agreement, SYSTEM, title=f"Kewajiban {n}", first_due=date(2026, 5, 10))
    return obligation.dues.get(due_date=date(2026, 5, 10))


def _fulfilled(agreement: Agreement, n: int) -> ObligationDue:
    due = _fresh(agreement, n)
    return services.record_fulfilment(actor=SYSTEM, due=due, fulfilled_on=date(2026, 5, 10))


Effect = Callable[[ObligationDue], bool]
#: route: (set-up, method and path, body, allowed, effect seen in the database, success status).
ROUTES: dict[str, tuple[Callable[[Agreement, int], ObligationDue], str, Any, set[str], Effect, int]] = {
    "page_fulfil": (
        _fresh,
        "page:/jatuh-tempo/{due}/fulfil/",
        {"fulfil-fulfilled_on": "2026-05-10"},
        OBLIGATED,
        lambda d: ObligationDue.objects.get(pk=d.pk).status == DueStatus.FULFILLED,
        302,
    ),
    "page_confirm": (
        _fulfilled,
        "page:/jatuh-tempo/{due}/confirm/",
        {"answer-note": "Diterima"},
        OWED,
        lambda d: FulfilmentConfirmation.objects.filter(due=d, outcome="confirmed").exists(),
        302,
    ),
    "page_dispute": (
        _fulfilled,
        "page:/jatuh-tempo/{due}/dispute/",
        {"answer-note": "Kurang"},
        OWED,
        lambda d: FulfilmentConfirmation.objects.filter(due=d, outcome="disputed").exists(),
        302,
    ),
    "page_waive": (
        _fresh,
        "page:/jatuh-tempo/{due}/waive/",
        {"waive-reason": "Dibebaskan"},
        OWED,
        lambda d: ObligationDue.objects.get(pk=d.pk).status == DueStatus.WAIVED,
        302,
    ),
    "api_fulfil": (
        _fresh,
        "api:/dues/{due}/fulfil",
        {"note": "SP2D"},
        OBLIGATED,
        lambda d: ObligationDue.objects.get(pk=d.pk).status == DueStatus.FULFILLED,
        200,
    ),
    "api_confirm": (
        _fulfilled,
        "api:/dues/{due}/confirmation",
        {"outcome": "confirmed"},
        OWED,
        lambda d: FulfilmentConfirmation.objects.filter(due=d).exists(),
        201,
    ),
    "api_waive": (
        _fresh,
        "api:/dues/{due}/waive",
        {"reason": "Dibebaskan"},
        OWED,
        lambda d: ObligationDue.objects.get(pk=d.pk).status == DueStatus.WAIVED,
        200,
    ),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_each_step_is_taken_only_by_its_party(client_as: Any, agreement: Agreement, route: str) -> None:
    setup, where, body, allowed, effect, ok = ROUTES[route]
    for n, name in enumerate(PERSONAS):
        due = setup(agreement, n)
        kind, path = where.split(":", 1)
        client = client_as(name)
        if kind == "page":
            answer = client.post(f"/kerja-sama/{agreement.pk}/kewajiban{path.format(due=due.pk)}", body)
        else:
            answer = client.post(
                f"/api/v1/obligations{path.format(due=due.pk)}", body, content_type="application/json"
            )
        assert effect(due) == (name in allowed), (route, name)
        if name not in SEES:
            assert answer.status_code == 404, (route, name)
        elif kind == "api":
            assert answer.status_code == (ok if name in allowed else 403), (route, name)
        else:
            assert answer.status_code == ok, (route, name)


def test_adding_an_obligation_page_and_api(client_as: Any, agreement: Agreement) -> None:
    yogya = party(agreement, "34.71").pk
    for n, name in enumerate(PERSONAS):
        client = client_as(name)
        page = client.post(
            f"/kerja-sama/{agreement.pk}/kewajiban/",
            {
                "new-party": str(yogya),
                "new-title": f"Halaman {n}",
                "new-kind": "report",
                "new-recurrence": "once",
                "new-first_due": "2026-09-30",
            },
        )
        api = client.post(
            f"/api/v1/obligations/agreements/{agreement.pk}",
            {
                "party": yogya,
                "title": f"API {n}",
                "kind": "report",
                "recurrence": "once",
                "first_due": "2026-09-30",
            },
            content_type="application/json",
        )
        made = set(
            Obligation.objects.filter(title__in=[f"Halaman {n}", f"API {n}"]).values_list("title", flat=True)
        )
        if name in PARTIES:
            assert (page.status_code, api.status_code, len(made)) == (302, 201, 2), name
        elif name in SEES:
            assert (page.status_code, api.status_code, made) == (403, 403, set()), name
        else:
            assert (page.status_code, api.status_code, made) == (404, 404, set()), name
    anonymous = client_as(None).post(
        f"/api/v1/obligations/agreements/{agreement.pk}", {}, content_type="application/json"
    )
    assert anonymous.status_code == 401
