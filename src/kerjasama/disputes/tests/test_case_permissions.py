"""The permission matrix over every persona (house rule 10) for the dispute cases' pages and API routes.

CONFIDENTIAL: the DIY case (Kota Yogyakarta vs Kabupaten Sleman, resolver the Governor of DIY) is seen by the
parties, the governor's office of DIY, the ministry (its analyst, the auditor, the admin), never by Kota
Semarang or the third party (404). A cross-province case (Yogyakarta vs Semarang, the Minister) is not seen by
DIY's governor's office; a KSDPK case of the third party is seen by that third party.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import can
from kerjasama.core.actors import SYSTEM
from kerjasama.disputes import services
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.models import DeliberationRound, Dispute
from kerjasama.disputes.services import PartyInput
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
NATIONAL = {"ministry", "auditor", "admin"}
SEES = {"province", "kabkota", "neighbour"} | NATIONAL
RESOLVER = {"province", "ministry", "admin"}
PARTIES = {"kabkota", "neighbour", "admin"}
CLAIMANT = {"kabkota", "admin"}


def _visible_to(case: Dispute, persona: Any) -> set[str]:
    return {
        name
        for name in PERSONAS
        if Dispute.objects.restrict(persona(name), "view").filter(pk=case.pk).exists()
    }


def test_it_keeps_a_case_confidential(persona: Any, dispute: Dispute) -> None:
    assert _visible_to(dispute, persona) == SEES
    for name in PERSONAS:
        assert can(persona(name), "disputes.view", dispute) == (name in SEES), name


def test_a_province_sees_its_kabkota_case_only_as_the_resolver(persona: Any) -> None:
    case = register(parties=region_parties("34.71", "33.74"))
    assert _visible_to(case, persona) == {"kabkota", "other_province"} | NATIONAL
    for name in PERSONAS:
        assert can(persona(name), "disputes.view", case) == (name in _visible_to(case, persona)), name


def test_a_third_party_sees_only_its_own_case(persona: Any, dispute: Dispute) -> None:
    mitra = Organisation.objects.get(users__username="mitra.contoh")
    own = register(
        kind="KSDPK",
        parties=[
            PartyInput("pemohon", organisation_id=mitra.pk),
            PartyInput("termohon", region_code="34.71"),
        ],
    )
    assert _visible_to(own, persona) == {"third_party", "kabkota"} | NATIONAL
    listed = set(Dispute.objects.restrict(persona("third_party"), "view").values_list("pk", flat=True))
    assert listed == {own.pk}


@pytest.mark.parametrize("suffix", ["", "{id}/"])
def test_the_pages_answer_by_visibility(client_as: Any, dispute: Dispute, suffix: str) -> None:
    url = f"/perselisihan/{suffix.format(id=dispute.pk)}"
    for name in (*PERSONAS, None):
        answer = client_as(name).get(url)
        if name is None:
            assert answer.status_code == 302
        elif suffix:
            assert answer.status_code == (200 if name in SEES else 404), name
        else:
            assert answer.status_code == 200, name
            assert (dispute.title in answer.content.decode()) == (name in SEES), name


@pytest.mark.parametrize("suffix", ["", "/{id}"])
def test_the_api_reads_answer_by_visibility(client_as: Any, dispute: Dispute, suffix: str) -> None:
    url = f"/api/v1/disputes/cases{suffix.format(id=dispute.pk)}"
    for name in (*PERSONAS, None):
        answer = client_as(name).get(url)
        if name is None:
            assert answer.status_code == 401
        elif suffix:
            assert answer.status_code == (200 if name in SEES else 404), name
        else:
            assert answer.status_code == 200, name
            ids = [item["id"] for item in answer.json()["items"]]
            assert (dispute.pk in ids) == (name in SEES), name


def _registered(n: int) -> Dispute:
    return register(title=f"Kasus {n}")


def _deliberating(n: int) -> Dispute:
    return services.screen_dispute(actor=SYSTEM, dispute=_registered(n), outcome="diterima", today=TODAY)


Effect = Callable[[Dispute], bool]


def _stage(stage: str) -> Effect:
    return lambda d: Dispute.objects.get(pk=d.pk).stage == stage


#: route: (set-up, api path and page path, api body, page body, allowed, effect, api success status).
ROUTES: dict[
    str, tuple[Callable[[int], Dispute], str, str, dict[str, Any], dict[str, Any], set[str], Effect, int]
] = {
    "screen": (
        _registered,
        "/screen",
        "saring/",
        {"outcome": "diterima"},
        {"screen-outcome": "diterima"},
        RESOLVER,
        _stage(DisputeStage.DELIBERATION),
        200,
    ),
    "round": (
        _deliberating,
        "/rounds",
        "musyawarah/",
        {"meeting_date": "2026-06-15", "minutes": "Rapat"},
        {"round-meeting_date": "2026-06-15", "round-minutes": "Rapat"},
        PARTIES | RESOLVER,
        lambda d: DeliberationRound.objects.filter(dispute=d).exists(),
        201,
    ),
    "fail": (
        _deliberating,
        "/fail",
        "gagal/",
        {"reason": "Buntu"},
        {"close-reason": "Buntu"},
        PARTIES | RESOLVER,
        _stage(DisputeStage.FACILITATION),
        200,
    ),
    "settle": (
        _registered,
        "/settle",
        "damai/",
        {"terms": "Damai"},
        {"close-reason": "Damai"},
        PARTIES | RESOLVER,
        _stage(DisputeStage.SETTLED),
        200,
    ),
    "withdraw": (
        _registered,
        "/withdraw",
        "cabut/",
        {"reason": "Dicabut"},
        {"close-reason": "Dicabut"},
        CLAIMANT | RESOLVER,
        _stage(DisputeStage.WITHDRAWN),
        200,
    ),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("via", ["api", "page"])
def test_each_step_is_taken_only_by_whom_it_belongs_to(client_as: Any, route: str, via: str) -> None:
    setup, api_path, page_path, api_body, page_body, allowed, effect, ok = ROUTES[route]
    for n, name in enumerate(PERSONAS):
        case = setup(n)
        client = client_as(name)
        if via == "api":
            answer = client.post(
                f"/api/v1/disputes/cases/{case.pk}{api_path}", api_body, content_type="application/json"
            )
        else:
            answer = client.post(f"/perselisihan/{case.pk}/{page_path}", page_body)
        assert effect(case) == (name in allowed), (route, via, name)
        if name not in SEES:
            assert answer.status_code == 404, (route, via, name)
        elif name in allowed:
            assert answer.status_code == (ok if via == "api" else 302), (route, via, name)
        else:
            assert answer.status_code == 403, (route, via, name)


def test_registering_page_and_api(client_as: Any) -> None:
    registrars = {"kabkota", "neighbour", "province", "ministry", "admin"}
    for n, name in enumerate(PERSONAS):
        client = client_as(name)
        api = client.post(
            "/api/v1/disputes/cases",
            {
                "title": f"API {n}",
                "kind": "KSDD",
                "sector": "aset",
                "causes": ["aset"],
                "claims": "Pembagian aset",
                "parties": [{"role": "pemohon", "region": "34.71"}, {"role": "termohon", "region": "34.04"}],
            },
            content_type="application/json",
        )
        page = client.post(
            "/perselisihan/daftar/",
            {
                "new-title": f"Halaman {n}",
                "new-kind": "KSDD",
                "new-sector": "aset",
                "new-causes": ["aset", "komitmen"],
                "new-claims": "Pembagian aset",
                "new-claimant": "34.71",
                "new-respondent": "34.04",
            },
        )
        made = Dispute.objects.filter(title__in=[f"API {n}", f"Halaman {n}"]).count()
        if name in registrars:
            assert (api.status_code, page.status_code, made) == (201, 302, 2), name
            assert api.json()["proposed_resolver"] == "gubernur"
        else:
            assert (api.status_code, page.status_code, made) == (403, 403, 0), name


def test_confirming_the_issue_list_is_each_partys_own(client_as: Any, deliberating: Dispute) -> None:
    row = services.record_round(actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes="Rapat")
    yogya = deliberating.parties.get(region_id="34.71")
    for name in PERSONAS:
        answer = client_as(name).post(
            f"/api/v1/disputes/rounds/{row.pk}/confirm", {"party": yogya.pk}, content_type="application/json"
        )
        expected = 404 if name not in SEES else (200 if name in CLAIMANT else 403)
        assert answer.status_code == expected, name
    assert DeliberationRound.objects.get(pk=row.pk).confirmed_parties == [yogya.pk]


def _attach_as_everyone(client_as: Any, persona: Any) -> tuple[Dispute, Any]:
    """A cross-province case (the Minister resolves); every persona tries to attach a document."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerjasama.documents.models import Document
    from kerjasama.documents.tests.samples import pdf_bytes

    case = register(parties=region_parties("34.71", "33.74"))
    for n, name in enumerate(PERSONAS):
        upload = SimpleUploadedFile("bukti.pdf", pdf_bytes(f"Bukti {n}"), content_type="application/pdf")
        answer = client_as(name).post(
            f"/perselisihan/{case.pk}/dokumen/",
            {"doc-title": f"Bukti {n}", "doc-kind": "bukti", "doc-file": upload},
        )
        sees = name in _visible_to(case, persona)
        attaches = name in {"kabkota", "other_province", "ministry", "admin"}
        assert answer.status_code == (302 if attaches else 403 if sees else 404), name
        assert Document.objects.filter(title=f"Bukti {n}").exists() == attaches, name
    return case, Document.objects.filter(object_type="disputes.dispute", object_id=str(case.pk))


def _readers(persona: Any, attached: Any) -> set[str]:
    from kerjasama.documents.models import Document

    return {
        name
        for name in PERSONAS
        if Document.objects.restrict(persona(name), "view").filter(pk__in=attached).exists()
    }


def test_the_parties_resolver_and_ministry_read_the_evidence(client_as: Any, persona: Any) -> None:
    case, attached = _attach_as_everyone(client_as, persona)
    assert attached.count() == 4
    readers = _readers(persona, attached)
    assert _visible_to(case, persona) <= readers
    assert not readers & {"third_party", "neighbour"}


def test_the_evidence_is_exactly_as_confidential_as_the_case(client_as: Any, persona: Any) -> None:
    """A case's evidence is read only through the case (``register_attachment_owner(..., exclusive=True)``):
    the province of a party region that is not the resolver reads none of it, in a list or one by one."""
    from kerjasama.accounts.policy import can

    case, attached = _attach_as_everyone(client_as, persona)
    assert _readers(persona, attached) == _visible_to(case, persona)
    for name in PERSONAS:
        one_by_one = {can(persona(name), "documents.view_document", d) for d in attached}
        assert one_by_one == {name in _visible_to(case, persona)}, name


REGION_POOL = ("34.71", "34.04", "33.74", "34", "32.73", "32.04")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(codes=st.lists(st.sampled_from(REGION_POOL), min_size=2, max_size=3, unique=True))
def test_it_gives_the_same_answer_for_a_list_and_for_one_case(persona: Any, codes: list[str]) -> None:
    """The queryset (``CaseRestriction``) and the predicate (``sees_dispute``) agree for every persona, and an
    uninvolved kab/kota never sees the case."""
    case = register(parties=region_parties(codes[0], *codes[1:]))
    for name in PERSONAS:
        user = persona(name)
        listed = Dispute.objects.restrict(user, "view").filter(pk=case.pk).exists()
        assert listed == can(user, "disputes.view", case), (codes, name)
    assert Dispute.objects.restrict(persona("neighbour"), "view").filter(pk=case.pk).exists() == (
        "34.04" in codes
    )
    assert not Dispute.objects.restrict(persona("third_party"), "view").filter(pk=case.pk).exists()


def test_only_the_resolver_records_that_a_party_does_not_take_part(client_as: Any) -> None:
    for n, name in enumerate(PERSONAS):
        case = _registered(n)
        sleman = case.parties.get(region_id="34.04")
        api = client_as(name).post(
            f"/api/v1/disputes/parties/{sleman.pk}/absent",
            {"reason": "Tidak hadir"},
            content_type="application/json",
        )
        page = client_as(name).post(
            f"/perselisihan/{case.pk}/absen/", {"party": str(sleman.pk), "absent-reason": "Tidak hadir"}
        )
        absent = not type(sleman).objects.get(pk=sleman.pk).took_part
        assert absent == (name in RESOLVER), name
        if name not in SEES:
            assert (api.status_code, page.status_code) == (404, 404), name
        elif name in RESOLVER:
            assert (api.status_code, page.status_code) == (200, 302), name
        else:
            assert (api.status_code, page.status_code) == (403, 403), name
