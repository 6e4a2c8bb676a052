"""The permission matrix (house rule 10) of the rest of the path: every new page step and API route, for every
persona. The DIY case (Kota Yogyakarta vs Kabupaten Sleman, resolver the Governor of DIY): facilitation, the
decision, confirmations, closure and extensions are the resolver's (DIY's governor's office, the ministry);
an order is fulfilled and a clarification answered only by the party concerned (Sleman); Kota Semarang (an
uninvolved region) and the third party get 404. A cross-province case (the Minister resolves): DIY's
governor's office, the province of a party but not the resolver, sees nothing of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kerjasama.core.actors import SYSTEM
from kerjasama.disputes import services
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.models import ClarificationRequest, Dispute, DisputeOrder, FacilitationSession
from kerjasama.disputes.services import OrderInput
from kerjasama.disputes.tests.conftest import TODAY, region_parties, register

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
SEES = {"province", "kabkota", "neighbour", "ministry", "auditor", "admin"}
RESOLVER = {"province", "ministry", "admin"}
SLEMAN = {"neighbour", "admin"}


def _facilitating(n: int) -> Dispute:
    case = register(title=f"Kasus {n}")
    services.screen_dispute(actor=SYSTEM, dispute=case, outcome="diterima", today=TODAY)
    return services.fail_deliberation(actor=SYSTEM, dispute=case, reason="Buntu", today=TODAY)


def _asked(n: int) -> Dispute:
    case = _facilitating(n)
    services.request_clarification(
        actor=SYSTEM,
        dispute=case,
        party=case.parties.get(region_id="34.04"),
        question="Rincian?",
        due_date=TODAY + timedelta(days=7),
    )
    return case


def _deciding(n: int) -> Dispute:
    return services.end_facilitation(
        actor=SYSTEM, dispute=_facilitating(n), reason="Tidak sepakat", today=TODAY
    )


def _implementing(n: int) -> Dispute:
    case = _deciding(n)
    sleman = case.parties.get(region_id="34.04")
    return services.record_decision(
        actor=SYSTEM,
        dispute=case,
        number=f"188/{n}",
        decision_date=TODAY,
        text="Bayar",
        orders=[OrderInput(sleman.pk, "Membayar tunggakan", TODAY + timedelta(days=30))],
        today=TODAY,
    )


def _fulfilled(n: int) -> Dispute:
    case = _implementing(n)
    services.fulfil_order(actor=SYSTEM, order=case.orders.get(), note="Lunas", today=TODAY)
    return case


def _confirmed(n: int) -> Dispute:
    case = _fulfilled(n)
    services.confirm_order(actor=SYSTEM, order=case.orders.get())
    return case


def _stage(stage: str) -> Callable[[Dispute], bool]:
    return lambda d: Dispute.objects.get(pk=d.pk).stage == stage


def _order(d: Dispute) -> DisputeOrder:
    return d.orders.get()


def _clarification(d: Dispute) -> ClarificationRequest:
    return d.clarifications.get()


Body = Callable[[Dispute], dict[str, Any]]
#: route: (set-up, api path, page step, api body, page body, allowed, effect, api success status).
ROUTES: dict[
    str, tuple[Callable[[int], Dispute], Callable[[Dispute], str], str, Body, Body, set[str], Any, int]
] = {
    "session": (
        _facilitating,
        lambda d: f"/cases/{d.pk}/sessions",
        "sesi",
        lambda d: {"session_date": "2026-06-15", "summary": "Sesi"},
        lambda d: {"session-session_date": "2026-06-15", "session-summary": "Sesi"},
        RESOLVER,
        lambda d: FacilitationSession.objects.filter(dispute=d).exists(),
        201,
    ),
    "clarification": (
        _facilitating,
        lambda d: f"/cases/{d.pk}/clarifications",
        "klarifikasi",
        lambda d: {"party": d.parties.get(region_id="34.04").pk, "question": "Q", "due_date": "2026-06-30"},
        lambda d: {
            "ask-party": d.parties.get(region_id="34.04").pk,
            "ask-question": "Q",
            "ask-due_date": "2026-06-30",
        },
        RESOLVER,
        lambda d: ClarificationRequest.objects.filter(dispute=d).exists(),
        201,
    ),
    "answer": (
        _asked,
        lambda d: f"/clarifications/{_clarification(d).pk}/answer",
        "jawab",
        lambda d: {"answer": "Jawaban"},
        lambda d: {"clarification": _clarification(d).pk, "answer-answer": "Jawaban"},
        SLEMAN,
        lambda d: _clarification(d).answered_at is not None,
        200,
    ),
    "evaluation": (
        _facilitating,
        lambda d: f"/cases/{d.pk}/evaluation",
        "evaluasi",
        lambda d: {"evaluation": "Netral"},
        lambda d: {"eval-evaluation": "Netral"},
        RESOLVER,
        lambda d: Dispute.objects.get(pk=d.pk).evaluation == "Netral",
        200,
    ),
    "end_facilitation": (
        _facilitating,
        lambda d: f"/cases/{d.pk}/end-facilitation",
        "akhiri-fasilitasi",
        lambda d: {"reason": "Tidak sepakat"},
        lambda d: {"end-reason": "Tidak sepakat"},
        RESOLVER,
        _stage(DisputeStage.DECISION),
        200,
    ),
    "decision": (
        _deciding,
        lambda d: f"/cases/{d.pk}/decision",
        "keputusan",
        lambda d: {"number": "188/1", "decision_date": "2026-06-15", "text": "Putusan"},
        lambda d: {
            "decision-number": "188/1",
            "decision-decision_date": "2026-06-15",
            "decision-text": "Putusan",
        },
        RESOLVER,
        lambda d: Dispute.objects.get(pk=d.pk).decision_number == "188/1",
        200,
    ),
    "fulfil": (
        _implementing,
        lambda d: f"/orders/{_order(d).pk}/fulfil",
        "penuhi",
        lambda d: {"note": "Lunas"},
        lambda d: {"order": _order(d).pk, "fulfil-note": "Lunas"},
        SLEMAN,
        lambda d: _order(d).status == "fulfilled",
        200,
    ),
    "confirm_order": (
        _fulfilled,
        lambda d: f"/orders/{_order(d).pk}/confirm",
        "konfirmasi-perintah",
        lambda d: {},
        lambda d: {"order": _order(d).pk},
        RESOLVER,
        lambda d: _order(d).confirmed_at is not None,
        200,
    ),
    "close": (
        _confirmed,
        lambda d: f"/cases/{d.pk}/close",
        "tutup",
        lambda d: {"note": "Selesai"},
        lambda d: {"note": "Selesai"},
        RESOLVER,
        _stage(DisputeStage.CLOSED),
        200,
    ),
    "extend": (
        _facilitating,
        lambda d: f"/cases/{d.pk}/extend",
        "perpanjang",
        lambda d: {"step": "fasilitasi", "new_due": "2026-09-30", "reason": "Banjir"},
        lambda d: {"extend-step": "fasilitasi", "extend-new_due": "2026-09-30", "extend-reason": "Banjir"},
        RESOLVER,
        lambda d: str(Dispute.objects.get(pk=d.pk).facilitation_deadline) == "2026-09-30",
        200,
    ),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("via", ["api", "page"])
def test_each_new_step_is_taken_only_by_whom_it_belongs_to(client_as: Any, route: str, via: str) -> None:
    setup, api_path, page_step, api_body, page_body, allowed, effect, ok = ROUTES[route]
    for n, name in enumerate(PERSONAS):
        case = setup(n)
        client = client_as(name)
        if via == "api":
            answer = client.post(
                f"/api/v1/disputes{api_path(case)}", api_body(case), content_type="application/json"
            )
        else:
            answer = client.post(f"/perselisihan/{case.pk}/{page_step}/", page_body(case))
        assert effect(case) == (name in allowed), (route, via, name, answer.status_code)
        if name not in SEES:
            assert answer.status_code == 404, (route, via, name)
        elif name in allowed:
            assert answer.status_code == (ok if via == "api" else 302), (route, via, name)
        else:
            assert answer.status_code == 403, (route, via, name)


def test_the_province_of_a_party_that_is_not_the_resolver_sees_nothing(client_as: Any) -> None:
    case = register(parties=region_parties("34.71", "33.74"))
    services.screen_dispute(actor=SYSTEM, dispute=case, outcome="diterima", today=TODAY)
    services.fail_deliberation(actor=SYSTEM, dispute=case, reason="Buntu", today=TODAY)
    diy = client_as("province")
    assert diy.get(f"/perselisihan/{case.pk}/").status_code == 404
    assert diy.get(f"/api/v1/disputes/cases/{case.pk}").status_code == 404
    answer = diy.post(
        f"/api/v1/disputes/cases/{case.pk}/sessions",
        {"session_date": "2026-06-15", "summary": "S"},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert client_as("ministry").get(f"/api/v1/disputes/cases/{case.pk}").json()["facilitation_deadline"]


@pytest.mark.parametrize(
    "setup",
    [_facilitating, _asked, _deciding, _implementing, _fulfilled, _confirmed],
    ids=lambda f: f.__name__,
)
def test_the_case_page_shows_each_stage_to_each_viewer(client_as: Any, setup: Any) -> None:
    case = setup(0)
    assert services.step_due(case) is not None or case.stage == DisputeStage.IMPLEMENTATION
    for name in sorted(SEES):
        page = client_as(name).get(f"/perselisihan/{case.pk}/")
        assert page.status_code == 200, name
        text = page.content.decode()
        # A countdown while a step is due: none once every order is reported fulfilled (the resolver's turn).
        assert ('data-testid="sla"' in text) == (services.step_due(case) is not None), name
        assert ('data-testid="session-form"' in text) == (
            name in RESOLVER and case.stage == DisputeStage.FACILITATION
        ), name
        assert ('data-testid="decision-form"' in text) == (
            name in RESOLVER and case.stage == DisputeStage.DECISION
        )
        if case.orders.exists():
            assert ('data-testid="fulfil-form-0"' in text) == (
                name in SLEMAN and _order(case).status == "open"
            ), name


def test_the_api_gives_the_path_and_the_countdown(client_as: Any) -> None:
    case = _implementing(0)
    body = client_as("neighbour").get(f"/api/v1/disputes/cases/{case.pk}").json()
    assert body["stage"] == "pelaksanaan" and body["decision_final"] is False
    assert body["step_due"] == str(TODAY + timedelta(days=30)) and body["days_left"] == 30
    assert [o["status"] for o in body["orders"]] == ["open"]


def test_the_list_shows_the_countdown_in_bounded_queries(
    client_as: Any, django_assert_max_num_queries: Any
) -> None:
    cases = [_implementing(n) for n in range(3)] + [_facilitating(9)]
    client = client_as("province")
    client.get("/perselisihan/")
    with django_assert_max_num_queries(20):
        page = client.get("/perselisihan/")
    text = page.content.decode()
    for case in cases:
        assert f'data-testid="sla-{case.pk}"' in text
    assert "sisa 30 hari" in text and "sisa 60 hari" in text  # the orders' and the facilitation's countdown
    with time_machine.travel(datetime(2026, 8, 20, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        late = client_as("province").get(f"/perselisihan/{cases[0].pk}/").content.decode()
    assert "terlambat 36 hari" in late


def test_the_registration_page_links_the_agreement_it_sees(client_as: Any) -> None:
    from kerjasama.disputes.tests.test_path_services import _agreement

    agreement = _agreement()
    body = {
        "new-title": "Dengan kerja sama",
        "new-kind": "KSDD",
        "new-sector": "pelayanan_publik",
        "new-causes": ["pembiayaan"],
        "new-claims": "Tunggakan",
        "new-claimant": "34.71",
        "new-respondent": "34.04",
        "new-agreement": agreement.pk,
    }
    assert client_as("kabkota").post("/perselisihan/daftar/", body).status_code == 302
    assert Dispute.objects.get(title="Dengan kerja sama").agreement_id == agreement.pk
    # An agreement the registrar cannot see is refused like a missing one (the form again, nothing written).
    outsider = client_as("other_province").post("/perselisihan/daftar/", body | {"new-title": "Luar"})
    assert outsider.status_code in (403, 422) and not Dispute.objects.filter(title="Luar").exists()
