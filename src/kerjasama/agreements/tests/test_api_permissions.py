"""The permission matrix over EVERY API route of the agreements app for EVERY persona of the root conftest.py
(issue 10, item 9), and two clients acting on the same stage at once (one 200, one 409 with its message).

Each route gets a record in the stage where the route is lawful, so the persona allowed to act gets its 2xx;
every other persona who sees the record gets 403 (policy), one who does not see it 404 (as if it did not
exist), the anonymous caller 401. Each persona's request runs in a savepoint rolled back afterwards, so all
personas meet the same record. Runs on SQLite and on PostgreSQL (``DB=postgres``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.agreements import services
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.tests.conftest import (
    WASTE,
    party,
    propose_waste,
    review,
    sign_both,
    signatories,
    tkksd_decide,
    to_kb_drafting,
)
from kerjasama.documents.tests.signing import simple_pdf
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

BASE = "/api/v1/agreements"
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
EVERYONE = (*PERSONAS, None)
#: Who sees a KSDD Kota Yogyakarta–Kabupaten Sleman: its parties, the governor's office of DIY, the ministry,
#: the auditor (reads), the admin.
SEES_KSDD = {"ministry", "province", "kabkota", "neighbour", "auditor", "admin"}
#: A synergy of Kota Yogyakarta with Kemendagri: the region, its province, the ministry (a party), auditor, admin.
SEES_SYNERGY = {"ministry", "province", "kabkota", "auditor", "admin"}
#: A KSDPK of Kota Yogyakarta with the third party's organisation: the third party sees its own agreement.
SEES_KSDPK = {"ministry", "province", "kabkota", "third_party", "auditor", "admin"}


class _Rollback(Exception):
    pass


def _request(client: Client, method: str, path: str, body: dict[str, Any] | None) -> int:
    status = 0
    try:
        with transaction.atomic():
            if method == "get":
                status = client.get(path).status_code
            elif body and "file" in body:  # a multipart upload
                upload = {**body, "file": SimpleUploadedFile("berkas.pdf", body["file"], "application/pdf")}
                status = client.post(path, upload).status_code
            else:
                status = getattr(client, method)(
                    path, body or {}, content_type="application/json"
                ).status_code
            raise _Rollback
    except _Rollback:
        pass
    return status


# --- records in the stage each route needs ------------------------------------------------------------


def _persiapan(people: dict[str, Any], persona: Any) -> Agreement:
    return propose_waste(people)


def _reviewed(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = propose_waste(people)
    review(agreement, "34.71", people["tkksd_yogya"])
    return agreement


def _penawaran(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = _reviewed(people, persona)
    agreement = services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/001")
    review(agreement, "34.04", people["tkksd_sleman"])
    return agreement


def _kb(people: dict[str, Any], persona: Any, **overrides: Any) -> Agreement:
    agreement = to_kb_drafting(people, **overrides)
    signatories(agreement, people)
    return agreement


def _kb_signed(people: dict[str, Any], persona: Any, **overrides: Any) -> Agreement:
    return sign_both(_kb(people, persona, **overrides), people, services.sign_kb)


def _dprd_waiting(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = _kb_signed(people, persona)
    services.request_dprd_approval(
        actor=people["yogya"],
        agreement=agreement,
        party=party(agreement, "34.71"),
        letter_number="170/01",
        requested_on=date(2026, 8, 1),
    )
    return agreement


def _budgeted_kb_signed(people: dict[str, Any], persona: Any) -> Agreement:
    return _kb_signed(people, persona, apbd_budgeted=True)


def _pks(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = _budgeted_kb_signed(people, persona)
    return services.start_pks_drafting(actor=people["yogya"], agreement=agreement)


def _synergy(people: dict[str, Any], persona: Any) -> Agreement:
    ministry = persona("ministry")
    return services.propose_agreement(
        actor=people["yogya"],
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[
            Organisation.objects.get(kind=OrganisationKind.KEMENDAGRI, pk=ministry.organisation_id)
        ],
        type="SINERGI",
        title="Sinergi penataan administrasi kewilayahan",
        affairs=[WASTE],
    )


def _nk(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = services.draft_nota_kesepakatan(actor=people["yogya"], agreement=_synergy(people, persona))
    services.record_document(
        actor=people["yogya"], agreement=agreement, kind="rencana_kerja", number="RK/2027"
    )
    ministry = persona("ministry")
    services.record_signatory(
        actor=people["yogya"],
        agreement=agreement,
        party=party(agreement, "34.71"),
        signatory_name="Wali Kota",
    )
    kemendagri = agreement.parties.get(organisation__isnull=False)
    services.record_signatory(actor=ministry, agreement=agreement, party=kemendagri, signatory_name="Menteri")
    return agreement


def _ksdpk_persiapan(people: dict[str, Any], persona: Any) -> Agreement:
    return services.propose_agreement(
        actor=people["yogya"],
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[persona("third_party").organisation],
        type="KSDPK",
        title="Pengolahan sampah menjadi energi",
        affairs=[WASTE],
        apbd_budgeted=True,
        burdens_public=False,
    )


def _ksdpk_offered(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = services.propose_agreement(
        actor=people["yogya"],
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[persona("third_party").organisation],
        type="KSDPK",
        title="Pengolahan sampah menjadi energi",
        affairs=[WASTE],
        apbd_budgeted=True,
        burdens_public=False,
    )
    review(agreement, "34.71", people["tkksd_yogya"])
    services.record_document(
        actor=people["yogya"], agreement=agreement, kind="studi_kelayakan", number="FS/1"
    )
    return services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/010")


def _third(a: Agreement) -> int:
    return AgreementParty.objects.get(agreement=a, organisation__isnull=False).pk


def _sleman(a: Agreement) -> int:
    return AgreementParty.objects.get(agreement=a, region_id="34.04").pk


def _yogya(a: Agreement) -> int:
    return AgreementParty.objects.get(agreement=a, region_id="34.71").pk


def _sleman_reviewed(people: dict[str, Any], persona: Any) -> Agreement:
    agreement = propose_waste(people)
    review(agreement, "34.04", people["tkksd_sleman"])
    return agreement


Setup = Callable[[dict[str, Any], Any], Agreement]
Body = Callable[[Agreement], dict[str, Any]]

#: route → (method, path after /agreements/{id} (None: the collection), setup, body, who succeeds, status, who sees)
ROUTES: dict[str, tuple[str, str | None, Setup, Body, set[str], int, set[str]]] = {
    "list": ("get", None, _persiapan, lambda a: {}, set(PERSONAS), 200, set(PERSONAS)),
    "detail": ("get", "", _persiapan, lambda a: {}, SEES_KSDD, 200, SEES_KSDD),
    "history": ("get", "/history", _persiapan, lambda a: {}, SEES_KSDD, 200, SEES_KSDD),
    "propose": (
        "post",
        None,
        _persiapan,
        lambda a: {
            "lead_region": "34.71",
            "partner_regions": ["34.04"],
            "type": "KSDD",
            "category": "sukarela",
            "title": "Kerja sama baru",
            "affairs": [WASTE],
        },
        {"kabkota", "admin"},
        201,
        set(PERSONAS),
    ),
    "update": (
        "patch",
        "",
        _persiapan,
        lambda a: {"expected_version": a.version, "title": "Judul baru"},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "record_document": (
        "post",
        "/documents",
        _persiapan,
        lambda a: {"kind": "studi_kelayakan", "number": "FS/1"},
        {"kabkota", "neighbour", "admin"},
        201,
        SEES_KSDD,
    ),
    "offer": (
        "post",
        "/offer",
        _reviewed,
        lambda a: {"expected_stage": "persiapan", "letter_number": "415.4/001"},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "accept_offer": (
        "post",
        "/accept-offer",
        _penawaran,
        lambda a: {"expected_stage": "penawaran", "party": _sleman(a)},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
    "decline_offer": (
        "post",
        "/decline-offer",
        _penawaran,
        lambda a: {"expected_stage": "penawaran", "party": _sleman(a), "reason": "Belum dianggarkan"},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
    "sign_kb": (
        "post",
        "/sign-kb",
        _kb,
        lambda a: {"expected_stage": "penyusunan_kb", "party": _yogya(a)},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "request_dprd": (
        "post",
        "/request-dprd",
        _kb_signed,
        lambda a: {"expected_stage": "kb_ditandatangani", "party": _yogya(a), "letter_number": "170/01"},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "dprd_decision": (
        "post",
        "/dprd-decision",
        _dprd_waiting,
        lambda a: {
            "expected_stage": "menunggu_dprd",
            "party": _yogya(a),
            "outcome": "approved",
            "decision_number": "DPRD/1",
            "decision_date": "2026-09-01",
        },
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "start_pks": (
        "post",
        "/start-pks",
        _budgeted_kb_signed,
        lambda a: {"expected_stage": "kb_ditandatangani"},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "sign_pks": (
        "post",
        "/sign-pks",
        _pks,
        lambda a: {"expected_stage": "penyusunan_pks", "party": _yogya(a)},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "draft_nk": (
        "post",
        "/draft-nk",
        _synergy,
        lambda a: {"expected_stage": "persiapan"},
        {"kabkota", "admin"},
        200,
        SEES_SYNERGY,
    ),
    "sign_nk": (
        "post",
        "/sign-nk",
        _nk,
        lambda a: {"expected_stage": "penyusunan_nk", "party": _yogya(a)},
        {"kabkota", "admin"},
        200,
        SEES_SYNERGY,
    ),
    "cancel": (
        "post",
        "/cancel",
        _persiapan,
        lambda a: {"expected_stage": "persiapan", "reason": "Digabung"},
        {"kabkota", "admin"},
        200,
        SEES_KSDD,
    ),
    "acknowledge": (
        "post",
        "/parties/{sleman}/acknowledge",
        _persiapan,
        lambda a: {},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
    "start_review": (
        "post",
        "/parties/{sleman}/start-review",
        _persiapan,
        lambda a: {"expected_version": AgreementParty.objects.get(pk=_sleman(a)).version},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
    "approve": (
        "post",
        "/parties/{sleman}/approve",
        _sleman_reviewed,
        lambda a: {},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
    "decline": (
        "post",
        "/parties/{sleman}/decline",
        _persiapan,
        lambda a: {"reason": "Prioritas lain"},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
    # A TKKSD member of Sleman reviews (none of the personas is one; tested in test_api.py); the admin passes.
    "tkksd_review": (
        "post",
        "/parties/{sleman}/tkksd-review",
        _persiapan,
        lambda a: {"decision_ref": f"tkksd:{tkksd_decide(a, '34.04').pk}"},
        {"admin"},
        200,
        SEES_KSDD,
    ),
    "attach_file": (
        "post",
        "/files",
        _persiapan,
        lambda a: {"kind": "kak", "title": "KAK pengelolaan sampah", "file": simple_pdf("KAK")},
        {"kabkota", "neighbour", "admin"},
        201,
        SEES_KSDD,
    ),
    # The same routes on a KSDPK: the third party sees its own agreement and acts for its own side.
    "partner_selection_ksdpk": (
        "post",
        "/partner-selection",
        _ksdpk_persiapan,
        lambda a: {
            "expected_version": a.version,
            "ksdpk_kind": "pelayanan_publik",
            "method": "pengadaan",
            "reference": "BA hasil pemilihan 01/2026",
        },
        {"kabkota", "admin"},
        200,
        SEES_KSDPK,
    ),
    "attach_file_ksdpk": (
        "post",
        "/files",
        _ksdpk_offered,
        lambda a: {"kind": "surat_kuasa", "title": "Surat kuasa direksi", "file": simple_pdf("Kuasa")},
        {"kabkota", "third_party", "admin"},
        201,
        SEES_KSDPK,
    ),
    "detail_ksdpk": ("get", "", _ksdpk_offered, lambda a: {}, SEES_KSDPK, 200, SEES_KSDPK),
    "accept_offer_ksdpk": (
        "post",
        "/accept-offer",
        _ksdpk_offered,
        lambda a: {"expected_stage": "penawaran", "party": _third(a)},
        {"third_party", "admin"},
        200,
        SEES_KSDPK,
    ),
    "signatory_ksdpk": (
        "post",
        "/parties/{third}/signatory",
        _ksdpk_offered,
        lambda a: {"signatory_name": "Direktur Utama"},
        {"third_party", "admin"},
        200,
        SEES_KSDPK,
    ),
    "signatory": (
        "post",
        "/parties/{sleman}/signatory",
        _persiapan,
        lambda a: {"signatory_name": "Bupati Sleman"},
        {"neighbour", "admin"},
        200,
        SEES_KSDD,
    ),
}


def test_the_matrix_covers_every_route_of_the_app(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        (method, path) for path, item in schema["paths"].items() if path.startswith(BASE) for method in item
    }
    covered = {
        (
            method,
            BASE
            if tail is None
            else f"{BASE}/{{agreement_id}}"
            + tail.replace("{sleman}", "{party_id}").replace("{third}", "{party_id}"),
        )
        for method, tail, *_rest in ROUTES.values()
    }
    assert len(operations) == 25 and covered == operations


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_the_permission_matrix(route: str, people: dict[str, Any], persona: Any) -> None:
    method, tail, setup, body, allowed, success, sees = ROUTES[route]
    agreement = setup(people, persona)
    if tail is None:
        path = BASE
    else:
        ids = {"sleman": _sleman, "third": _third}
        path = f"{BASE}/{agreement.pk}" + tail.format(
            **{k: get(agreement) for k, get in ids.items() if f"{{{k}}}" in tail}
        )
    payload = body(agreement) if method != "get" else None
    got: dict[str, int] = {}
    expected: dict[str, int] = {}
    for name in EVERYONE:
        client = Client()
        if name is not None:
            client.force_login(persona(name))
        label = name or "anonymous"
        got[label] = _request(client, method, path, payload)
        if name is None:
            expected[label] = 401
        elif name in allowed:
            expected[label] = success
        elif name in sees:
            expected[label] = 403
        else:
            expected[label] = 404
    assert got == expected


def test_two_clients_on_the_same_stage_one_wins_one_gets_409(people: dict[str, Any]) -> None:
    """Both loaded the record in persiapan; the offer goes first, the cancellation then meets another stage."""
    agreement = _reviewed(people, None)
    first, second = Client(), Client()
    first.force_login(people["yogya"])
    second.force_login(people["yogya"])
    seen_a = first.get(f"{BASE}/{agreement.pk}").json()
    seen_b = second.get(f"{BASE}/{agreement.pk}").json()
    assert seen_a["stage"] == seen_b["stage"] == "persiapan"
    won = first.post(
        f"{BASE}/{agreement.pk}/offer",
        {"expected_stage": seen_a["stage"], "letter_number": "415.4/001"},
        content_type="application/json",
    )
    lost = second.post(
        f"{BASE}/{agreement.pk}/cancel",
        {"expected_stage": seen_b["stage"], "reason": "Batal"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert won.status_code == 200 and lost.status_code == 409
    error = lost.json()["error"]
    assert error["code"] == "agreements.stage_conflict"
    assert "Penawaran" in error["message"] and "muat ulang" in error["message"]
    assert "reload" in error["message_en"]
    stored = Agreement.objects.get(pk=agreement.pk)
    assert stored.stage == "penawaran" and stored.cancel_reason == ""


def test_two_parties_signing_on_the_same_stage_one_stale_view_gets_409(people: dict[str, Any]) -> None:
    """Both signed the KB from the same page; then one of them acts on the stage it saw (penyusunan KB)."""
    agreement = _kb(people, None)
    yogya, sleman = Client(), Client()
    yogya.force_login(people["yogya"])
    sleman.force_login(people["sleman"])
    for client, pid in ((yogya, _yogya(agreement)), (sleman, _sleman(agreement))):
        answer = client.post(
            f"{BASE}/{agreement.pk}/sign-kb",
            {"expected_stage": "penyusunan_kb", "party": pid},
            content_type="application/json",
        )
        assert answer.status_code == 200
    stale = yogya.post(
        f"{BASE}/{agreement.pk}/cancel",
        {"expected_stage": "penyusunan_kb", "reason": "Batal"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "agreements.stage_conflict"
    assert Agreement.objects.get(pk=agreement.pk).stage == "kb_ditandatangani"
