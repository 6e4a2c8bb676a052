"""The outcome's pages and API routes (issue 12 item 4) for every role, and the links both ways shown only to
whoever may see the case (example data: the Yogyakarta-Sleman waste KSDD)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.disputes import outcomes, services
from kerjasama.disputes.models import Dispute, DisputeOutcome
from kerjasama.disputes.tests.conftest import TODAY, register
from kerjasama.disputes.tests.test_outcomes import PERSONAS, _addendum, _case
from kerjasama.lifecycle.tests.conftest import in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(persona: Any) -> Any:
    return in_force(persona("kabkota"), term_end=date(2030, 12, 31))


#: The DIY case (resolver: the Governor of DIY) is seen by the parties, DIY's governor's office and the
#: national users; Kota Semarang (an uninvolved region) and the third party get 404.
SEES = {"kabkota", "neighbour", "province", "ministry", "auditor", "admin"}
ADDENDUM_API = {
    "kind": "adendum",
    "title": "Adendum tarif",
    "signed_on": "2026-06-10",
    "effective_from": "2026-07-01",
    "changes": {"scope": "Pengangkutan dan peninjauan tarif"},
}
ADDENDUM_PAGE = {
    "kind": "adendum",
    "title": "Adendum tarif",
    "signed_on": "2026-06-10",
    "effective_from": "2026-07-01",
    "new_scope": "Pengangkutan dan peninjauan tarif",
}


@pytest.mark.parametrize(
    "stage,allowed",
    [("damai", {"kabkota", "neighbour", "admin"}), ("keputusan", {"province", "ministry", "admin"})],
)
@pytest.mark.parametrize("via", ["api", "page"])
def test_each_role_applies_only_what_belongs_to_it(
    client_as: Any, agreement: Any, stage: str, allowed: set[str], via: str
) -> None:
    case = _case(agreement, stage)
    for name in PERSONAS:
        client = client_as(name)
        before = DisputeOutcome.objects.count()
        if via == "api":
            answer = client.post(
                f"/api/v1/disputes/cases/{case.pk}/outcomes", ADDENDUM_API, content_type="application/json"
            )
        else:
            answer = client.post(f"/perselisihan/{case.pk}/hasil/", ADDENDUM_PAGE)
        created = DisputeOutcome.objects.count() - before
        assert created == (1 if name in allowed else 0), (stage, via, name)
        if name not in SEES:
            assert answer.status_code == 404, (stage, via, name)
        elif name in allowed:
            assert answer.status_code == (201 if via == "api" else 302), (stage, via, name)
        else:
            assert answer.status_code == 403, (stage, via, name)


def test_the_outcome_list_answers_by_visibility(client_as: Any, agreement: Any, persona: Any) -> None:
    case = _case(agreement, "damai")
    row = _addendum(persona("kabkota"), case)
    for name in PERSONAS:
        client = client_as(name)
        api = client.get(f"/api/v1/disputes/cases/{case.pk}/outcomes")
        page = client.get(f"/perselisihan/{case.pk}/hasil/")
        if name in SEES:
            assert api.status_code == 200 and page.status_code == 200, name
            assert [o["amendment"] for o in api.json()] == [row.amendment_id]
            assert f"/kerja-sama/{agreement.pk}/adendum/" in page.content.decode()
        else:
            assert api.status_code == 404 and page.status_code == 404, name
    assert client_as(None).get(f"/api/v1/disputes/cases/{case.pk}/outcomes").status_code == 401


def test_the_stable_error_codes(client_as: Any, agreement: Any) -> None:
    client = client_as("province")
    early = register(agreement=agreement)
    answer = client.post(
        f"/api/v1/disputes/cases/{early.pk}/outcomes", ADDENDUM_API, content_type="application/json"
    )
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "disputes.outcome_not_allowed"
    loose = _case(None, "keputusan")
    answer = client.post(
        f"/api/v1/disputes/cases/{loose.pk}/outcomes", ADDENDUM_API, content_type="application/json"
    )
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "disputes.no_agreement"
    decided = _case(agreement, "keputusan")
    answer = client.post(
        f"/api/v1/disputes/cases/{decided.pk}/outcomes", {"kind": "x"}, content_type="application/json"
    )
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "disputes.kind_invalid"


def test_the_links_both_ways_and_confidentiality(client_as: Any, agreement: Any, persona: Any) -> None:
    """The case page links the amendment; the agreement and amendment pages link the case, but only for those
    who see it: once the case goes to the Minister, DIY's governor's office (which still sees the agreement of
    two of its kab/kota) must not learn that it exists."""
    case = _case(agreement, "damai")
    _addendum(persona("kabkota"), case)
    hidden = register(agreement=agreement, title="Perkara rahasia antar pihak")
    services.screen_dispute(
        actor=SYSTEM,
        dispute=hidden,
        outcome="diterima",
        resolver="menteri",
        reason="Gubernur tidak menyelesaikan (Pasal 370(3))",
        today=TODAY,
    )
    Dispute.objects.filter(pk=case.pk).update(resolver="menteri", resolver_region=None)
    detail = client_as("kabkota").get(f"/perselisihan/{case.pk}/").content.decode()
    assert 'data-testid="outcome-adendum"' in detail and f"/kerja-sama/{agreement.pk}/adendum/" in detail
    for name, sees in (("kabkota", True), ("neighbour", True), ("ministry", True), ("province", False)):
        client = client_as(name)
        page = client.get(f"/kerja-sama/{agreement.pk}/")
        assert page.status_code == 200, name
        text = page.content.decode()
        assert ("Perkara rahasia antar pihak" in text) == sees, name
        assert (f"/perselisihan/{case.pk}/" in text) == sees, name
        amendments = client.get(f"/kerja-sama/{agreement.pk}/adendum/").content.decode()
        assert ('data-testid="dispute-origin"' in amendments) == sees, name
    assert outcomes.origin_of(persona("province"), amendment=case.outcomes.get().amendment) == []


def test_the_outcome_page_lists_within_a_query_budget(
    client_as: Any, agreement: Any, persona: Any, django_assert_max_num_queries: Any
) -> None:
    case = _case(agreement, "damai")
    for n in range(4):
        _addendum(persona("kabkota"), case, effective_from=date(2026, 7, 1 + n))
    client = client_as("kabkota")
    with django_assert_max_num_queries(40):
        assert client.get(f"/perselisihan/{case.pk}/hasil/").status_code == 200
