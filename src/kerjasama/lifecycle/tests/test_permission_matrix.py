"""The permission matrix over EVERY page and API route of the lifecycle app for EVERY persona of the root
conftest.py (house rule 10), on the Yogyakarta–Sleman waste agreement in force.

Whoever sees the agreement reads its amendments, terms, lineage and settlement; a party's official records an
amendment and settles; a party region's cooperation unit proposes the extension; the proposing side ends it.
A visible record the persona may not act on is a 403, an invisible one a 404 (as if it did not exist), the
anonymous caller a 401 in the API and the login page on the site. Each request runs in a savepoint rolled back
afterwards, so every persona meets the same record. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from kerjasama.agreements.models import Agreement
from kerjasama.lifecycle import services
from kerjasama.lifecycle.tests.conftest import in_force

pytestmark = pytest.mark.django_db

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
PARTY = {"kabkota", "neighbour", "admin"}
PROPOSER = {"kabkota", "admin"}


class _Rollback(Exception):
    pass


def _request(client: Client, method: str, path: str, body: Any = None, *, json: bool = True) -> int:
    status = 0
    try:
        with transaction.atomic():
            if method == "get":
                status = client.get(path).status_code
            elif json:
                status = getattr(client, method)(
                    path, body or {}, content_type="application/json"
                ).status_code
            else:
                status = client.post(path, body or {}).status_code
            raise _Rollback
    except _Rollback:
        pass
    return status


@pytest.fixture
def record(persona: Any) -> dict[str, Any]:
    """The agreement in force with its settlement complete (so the termination route can succeed)."""
    yogya = persona("kabkota")
    agreement = in_force(yogya)
    settlement = services.open_settlement(actor=yogya, agreement=agreement)
    items = list(settlement.items.all())
    for item in items:
        services.update_settlement_item(actor=yogya, item=item, status="done", note="ok")
    return {"agreement": agreement, "item": items[0].pk}


def _expected(name: str | None, allowed: set[str], ok: int, *, anonymous: int) -> int:
    if name is None:
        return anonymous
    if name not in SEES:
        return 404
    return ok if name in allowed else 403


def _api_routes(a: Agreement, item: int) -> list[tuple[str, str, Any, set[str], int]]:
    base = f"/api/v1/lifecycle/agreements/{a.pk}"
    amendment = {
        "title": "Adendum",
        "signed_on": "2023-01-01",
        "effective_from": "2023-01-01",
        "reason": "Perubahan nilai",
        "changes": {"value": "5"},
    }
    return [
        ("get", f"{base}/amendments", None, SEES, 200),
        ("get", f"{base}/terms?on=2023-06-01", None, SEES, 200),
        ("get", f"{base}/lineage", None, SEES, 200),
        ("get", f"{base}/settlement", None, SEES, 200),
        ("post", f"{base}/amendments", amendment, PARTY, 201),
        ("post", f"{base}/extension", {"kind": "perpanjangan"}, PARTY, 201),
        ("post", f"{base}/settlement", {}, PARTY, 200),
        ("patch", f"{base}/settlement/items/{item}", {"status": "done", "note": "ok"}, PARTY, 200),
        (
            "post",
            f"{base}/termination",
            {"expected_stage": "pelaksanaan", "ground": "kesepakatan_para_pihak", "document_number": "180/1"},
            PROPOSER,
            200,
        ),
    ]


def test_every_api_route_for_every_persona(client: Client, persona: Any, record: dict[str, Any]) -> None:
    problems = []
    for method, path, body, allowed, ok in _api_routes(record["agreement"], record["item"]):
        for name in (*PERSONAS, None):
            client.logout()
            if name is not None:
                client.force_login(persona(name))
            got = _request(client, method, path, body)
            want = _expected(name, allowed, ok, anonymous=401)
            if got != want:
                problems.append(f"{method.upper()} {path} as {name}: {got}, expected {want}")
    assert problems == []


def test_every_page_for_every_persona(client: Client, persona: Any, record: dict[str, Any]) -> None:
    a = record["agreement"]
    base = f"/kerja-sama/{a.pk}"
    routes = [
        ("get", f"{base}/adendum/", None, SEES, 200),
        ("get", f"{base}/pengakhiran/", None, SEES, 200),
        (
            "post",
            f"{base}/adendum/",
            {
                "title": "Adendum",
                "signed_on": "2023-01-01",
                "effective_from": "2023-01-01",
                "reason": "Perubahan",
                "value": "5",
            },
            PARTY,
            302,
        ),
        ("post", f"{base}/perpanjangan/", {"kind": "perpanjangan"}, PARTY, 302),
        ("post", f"{base}/pengakhiran/", {"step": "open"}, PARTY, 302),
        (
            "post",
            f"{base}/pengakhiran/butir/{record['item']}/",
            {f"i{record['item']}-status": "done", f"i{record['item']}-note": "ok"},
            PARTY,
            302,
        ),
        (
            "post",
            f"{base}/pengakhiran/",
            {"step": "end", "ground": "tujuan_tercapai", "ended_on": "2024-01-01", "document_number": "1"},
            PROPOSER,
            302,
        ),
    ]
    problems = []
    for method, path, body, allowed, ok in routes:
        for name in (*PERSONAS, None):
            client.logout()
            if name is not None:
                client.force_login(persona(name))
            got = _request(client, method, path, body, json=False)
            want = _expected(name, allowed, ok, anonymous=302)
            if got != want:
                problems.append(f"{method.upper()} {path} as {name}: {got}, expected {want}")
    assert problems == []


def test_a_ksdpk_third_party_reads_and_settles_but_does_not_extend(client: Client, persona: Any) -> None:
    from kerjasama.agreements.register import PartnerOrganisation

    third = persona("third_party")
    a = in_force(
        persona("kabkota"),
        type="KSDPK",
        category="",
        region_codes=["34.71"],
        partner=PartnerOrganisation(name=third.organisation.name, kind=third.organisation.kind),
        title="KSDPK persampahan",
        term_start=date(2021, 3, 1),
    )
    client.force_login(third)
    base = f"/api/v1/lifecycle/agreements/{a.pk}"
    assert client.get(f"{base}/amendments").status_code == 200
    assert _request(client, "post", f"{base}/settlement") == 200
    assert _request(client, "post", f"{base}/extension", {"kind": "perpanjangan"}) == 403
    client.force_login(persona("neighbour"))
    assert client.get(f"{base}/amendments").status_code == 404
