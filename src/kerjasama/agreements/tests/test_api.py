"""API v1 of the agreements: every route over HTTP (the KSDD path with DPRD approval, a KSDPK with its
feasibility study, a synergy Nota Kesepakatan, the party-side steps), the error answers (403, 404, 409, 422
with the rulebook's findings and their legal basis) and the query counts of the list and the detail.
Runs on SQLite and on PostgreSQL (``DB=postgres``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation, User
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.tests.conftest import WASTE, propose_waste, review, tkksd_decide
from kerjasama.mapping.models import StaleRegion

pytestmark = pytest.mark.django_db

BASE = "/api/v1/agreements"


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"{BASE}{path}", body, content_type="application/json")


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    data: dict[str, Any] = response.json()
    return data


def party_id(data: dict[str, Any], code: str) -> int:
    return next(p["id"] for p in data["parties"] if p["code"] == code)


def propose_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "lead_region": "34.71",
        "partner_regions": ["34.04"],
        "type": "KSDD",
        "category": "wajib",
        "title": "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        "affairs": [WASTE],
        "justification_externality": "Sampah kota diangkut ke TPA di wilayah Sleman.",
        "apbd_budgeted": False,
        "burdens_public": False,
        "term_start": "2027-01-01",
        "term_end": "2031-12-31",
    }
    body.update(overrides)
    return body


def tkksd_review(client: Client, data: dict[str, Any], code: str) -> dict[str, Any]:
    """The region's TKKSD decides in its meeting (which applies the review); the route re-applies it."""
    decision = tkksd_decide(Agreement.objects.get(pk=data["id"]), code)
    pid = party_id(data, code)
    reviewed = ok(
        post(client, f"/{data['id']}/parties/{pid}/tkksd-review", {"decision_ref": f"tkksd:{decision.pk}"})
    )
    party = next(p for p in reviewed["parties"] if p["id"] == pid)
    assert party["tkksd_review"] == "approved"
    return reviewed


def to_kb_drafting(people: dict[str, Any]) -> tuple[dict[str, Any], Client, Client]:
    yogya, sleman = as_user(people["yogya"]), as_user(people["sleman"])
    data = ok(post(yogya, "", propose_body()), 201)
    assert data["stage"] == "persiapan" and data["dprd_approval_required"] is True
    tkksd_review(as_user(people["tkksd_yogya"]), data, "34.71")
    data = ok(
        post(
            yogya,
            f"/{data['id']}/offer",
            {"expected_stage": "persiapan", "letter_number": "415.4/001", "letter_date": "2026-06-12"},
        )
    )
    assert data["stage"] == "penawaran"
    assert [d["kind"] for d in data["recorded_documents"]] == ["penawaran"]
    tkksd_review(as_user(people["tkksd_sleman"]), data, "34.04")
    data = ok(
        post(
            sleman,
            f"/{data['id']}/accept-offer",
            {"expected_stage": "penawaran", "party": party_id(data, "34.04")},
        )
    )
    assert data["stage"] == "penyusunan_kb"
    return data, yogya, sleman


def test_the_ksdd_path_with_dprd_approval_over_the_api(people: dict[str, Any], persona: Any) -> None:
    data, yogya, sleman = to_kb_drafting(people)
    pk = data["id"]
    for client, code, name in ((yogya, "34.71", "Wali Kota Yogyakarta"), (sleman, "34.04", "Bupati Sleman")):
        data = ok(post(client, f"/{pk}/parties/{party_id(data, code)}/signatory", {"signatory_name": name}))
    assert {p["signatory_name"] for p in data["parties"]} == {"Wali Kota Yogyakarta", "Bupati Sleman"}
    for client, code in ((yogya, "34.71"), (sleman, "34.04")):
        data = ok(
            post(client, f"/{pk}/sign-kb", {"expected_stage": data["stage"], "party": party_id(data, code)})
        )
    assert data["stage"] == "kb_ditandatangani"
    # Not budgeted: PKS signing is refused with the DPRD finding and its legal basis until the decision.
    refused = post(
        yogya, f"/{pk}/sign-pks", {"expected_stage": "kb_ditandatangani", "party": party_id(data, "34.71")}
    )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "agreements.rule_refused"
    r13 = next(f for f in error["findings"] if f["rule"] == "R13")
    assert "PP 28/2018" in r13["basis"] and r13["message_id"] and r13["message_en"]
    for client, code in ((yogya, "34.71"), (sleman, "34.04")):
        data = ok(
            post(
                client,
                f"/{pk}/request-dprd",
                {
                    "expected_stage": data["stage"],
                    "party": party_id(data, code),
                    "letter_number": f"170/{code}",
                    "requested_on": "2026-08-01",
                },
            )
        )
    assert data["stage"] == "menunggu_dprd" and len(data["dprd_approvals"]) == 2
    for client, code in ((yogya, "34.71"), (sleman, "34.04")):
        data = ok(
            post(
                client,
                f"/{pk}/dprd-decision",
                {
                    "expected_stage": "menunggu_dprd",
                    "party": party_id(data, code),
                    "outcome": "approved",
                    "decision_number": f"DPRD/{code}/1",
                    "decision_date": "2026-09-01",
                },
            )
        )
    assert data["stage"] == "penyusunan_pks"
    again = post(
        yogya,
        f"/{pk}/dprd-decision",
        {
            "expected_stage": "penyusunan_pks",
            "party": party_id(data, "34.71"),
            "outcome": "rejected",
            "decision_number": "x",
            "decision_date": "2027-02-02",
        },
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "agreements.stage_conflict", again.json()
    StaleRegion.objects.all().delete()
    for client, code in ((yogya, "34.71"), (sleman, "34.04")):
        data = ok(
            post(client, f"/{pk}/sign-pks", {"expected_stage": data["stage"], "party": party_id(data, code)})
        )
    assert data["stage"] == "pelaksanaan"
    # In force: the parties' mapping is marked for recomputing ("sudah bekerja sama", issue 10 item 7).
    assert set(StaleRegion.objects.values_list("region_id", flat=True)) == {"34.71", "34.04"}
    assert {p["status"] for p in data["parties"]} == {"signed"}
    assert [t["stage"] for t in data["timeline"]] == [
        "persiapan",
        "penawaran",
        "penyusunan_kb",
        "kb_ditandatangani",
        "menunggu_dprd",
        "penyusunan_pks",
        "pelaksanaan",
    ]
    # Each party sees the same record.
    seen_by_sleman = ok(sleman.get(f"{BASE}/{pk}"))
    assert seen_by_sleman["parties"] == data["parties"] and seen_by_sleman["stage"] == "pelaksanaan"
    # The agreements API has no end route: the end goes through the lifecycle's settlement and termination.
    no_end = post(
        yogya, f"/{pk}/end", {"expected_stage": "pelaksanaan", "ground": "pergantian_kepala_daerah"}
    )
    assert no_end.status_code in (404, 405)
    history = ok(sleman.get(f"{BASE}/{pk}/history?limit=500"))
    actions = {e["action"] for e in history["items"]}
    assert {
        "agreement.proposed",
        "agreement.stage_changed",
        "agreement.party_signed",
        "agreement.signatory_recorded",
        "agreement.tkksd_reviewed",
        "agreement.dprd_requested",
        "agreement.dprd_decided",
        "agreement.party_status_changed",
    } <= actions
    assert history["count"] == len(history["items"])
    assert [e["occurred_at"] for e in history["items"]] == sorted(
        (e["occurred_at"] for e in history["items"]), reverse=True
    )
    # The partner's TKKSD reads the same trail; a region outside the record reads none (404).
    assert (
        ok(as_user(people["tkksd_sleman"]).get(f"{BASE}/{pk}/history?limit=500"))["count"] == history["count"]
    )
    outside = as_user(persona("other_province")).get(f"{BASE}/{pk}/history")
    assert outside.status_code == 404 and outside.json()["error"]["code"] == "agreements.not_found"
    assert history["count"] >= 10


def test_the_ksdpk_path_with_its_feasibility_study(persona: Any, people: dict[str, Any]) -> None:
    mitra_user = persona("third_party")
    yogya, mitra = as_user(people["yogya"]), as_user(mitra_user)
    data = ok(
        post(
            yogya,
            "",
            propose_body(
                type="KSDPK",
                category=None,
                partner_regions=[],
                partner_organisations=[mitra_user.organisation_id],
                apbd_budgeted=True,
                term_end="2036-12-31",
            ),
        ),
        201,
    )
    pk = data["id"]
    tkksd_review(as_user(people["tkksd_yogya"]), data, "34.71")
    offer = {"expected_stage": "persiapan", "letter_number": "415.4/010", "letter_date": "2026-06-12"}
    refused = post(yogya, f"/{pk}/offer", offer)
    assert refused.status_code == 422
    assert "R17" in {f["rule"] for f in refused.json()["error"]["findings"]}
    assert Agreement.objects.get(pk=pk).stage == "persiapan"  # nothing written
    data = ok(post(yogya, f"/{pk}/documents", {"kind": "studi_kelayakan", "number": "FS/2026/1"}), 201)
    data = ok(post(yogya, f"/{pk}/offer", offer))
    org_party = party_id(data, f"org:{mitra_user.organisation_id}")
    data = ok(post(mitra, f"/{pk}/accept-offer", {"expected_stage": "penawaran", "party": org_party}))
    assert data["stage"] == "penyusunan_kb"
    assert {"action": "sign_kb", "party": org_party} not in data["actions"]  # the caller is Yogyakarta's


def test_the_synergy_path_with_its_work_plan(persona: Any, people: dict[str, Any]) -> None:
    ministry_user = persona("ministry")
    kemendagri = Organisation.objects.get(kind=OrganisationKind.KEMENDAGRI, pk=ministry_user.organisation_id)
    yogya, ministry = as_user(people["yogya"]), as_user(ministry_user)
    data = ok(
        post(
            yogya,
            "",
            propose_body(
                type="SINERGI",
                category=None,
                partner_regions=[],
                partner_organisations=[kemendagri.pk],
                title="Sinergi penataan administrasi kewilayahan",
            ),
        ),
        201,
    )
    pk = data["id"]
    data = ok(post(yogya, f"/{pk}/draft-nk", {"expected_stage": "persiapan"}))
    assert data["stage"] == "penyusunan_nk"
    own, theirs = party_id(data, "34.71"), party_id(data, f"org:{kemendagri.pk}")
    ok(post(yogya, f"/{pk}/parties/{own}/signatory", {"signatory_name": "Wali Kota"}))
    refused = post(yogya, f"/{pk}/sign-nk", {"expected_stage": "penyusunan_nk", "party": own})
    assert refused.status_code == 422 and "R18" in {f["rule"] for f in refused.json()["error"]["findings"]}
    ok(post(yogya, f"/{pk}/documents", {"kind": "rencana_kerja", "number": "RK/2027"}), 201)
    data = ok(post(yogya, f"/{pk}/sign-nk", {"expected_stage": "penyusunan_nk", "party": own}))
    data = ok(post(ministry, f"/{pk}/sign-nk", {"expected_stage": "penyusunan_nk", "party": theirs}))
    assert data["stage"] == "pelaksanaan"


def test_start_pks_when_no_dprd_approval_is_required(people: dict[str, Any]) -> None:
    yogya, sleman = as_user(people["yogya"]), as_user(people["sleman"])
    data = ok(post(yogya, "", propose_body(apbd_budgeted=True)), 201)
    assert data["dprd_approval_required"] is False
    pk = data["id"]
    tkksd_review(as_user(people["tkksd_yogya"]), data, "34.71")
    ok(post(yogya, f"/{pk}/offer", {"expected_stage": "persiapan", "letter_number": "415.4/002"}))
    tkksd_review(as_user(people["tkksd_sleman"]), data, "34.04")
    data = ok(
        post(sleman, f"/{pk}/accept-offer", {"expected_stage": "penawaran", "party": party_id(data, "34.04")})
    )
    for client, code, name in ((yogya, "34.71", "Wali Kota"), (sleman, "34.04", "Bupati")):
        ok(post(client, f"/{pk}/parties/{party_id(data, code)}/signatory", {"signatory_name": name}))
    for client, code in ((yogya, "34.71"), (sleman, "34.04")):
        data = ok(
            post(client, f"/{pk}/sign-kb", {"expected_stage": data["stage"], "party": party_id(data, code)})
        )
    assert {"action": "start_pks_drafting", "party": None} not in data["actions"]  # Sleman's view
    assert {"action": "start_pks_drafting", "party": None} in ok(yogya.get(f"{BASE}/{pk}"))["actions"]
    data = ok(post(yogya, f"/{pk}/start-pks", {"expected_stage": "kb_ditandatangani"}))
    assert data["stage"] == "penyusunan_pks"


def test_decline_offer_and_cancel(people: dict[str, Any]) -> None:
    yogya, sleman = as_user(people["yogya"]), as_user(people["sleman"])
    data = ok(post(yogya, "", propose_body()), 201)
    pk = data["id"]
    tkksd_review(as_user(people["tkksd_yogya"]), data, "34.71")
    ok(post(yogya, f"/{pk}/offer", {"expected_stage": "persiapan", "letter_number": "415.4/003"}))
    missing = post(
        sleman,
        f"/{pk}/decline-offer",
        {"expected_stage": "penawaran", "party": party_id(data, "34.04"), "reason": ""},
    )
    assert missing.status_code == 422 and missing.json()["error"]["code"] == "agreements.reason_required"
    data = ok(
        post(
            sleman,
            f"/{pk}/decline-offer",
            {"expected_stage": "penawaran", "party": party_id(data, "34.04"), "reason": "Belum dianggarkan"},
        )
    )
    assert data["stage"] == "dibatalkan" and data["cancel_reason"] == "Belum dianggarkan"
    other = ok(post(yogya, "", propose_body(title="Kerja sama kedua")), 201)
    cancelled = ok(
        post(yogya, f"/{other['id']}/cancel", {"expected_stage": "persiapan", "reason": "Digabung"})
    )
    assert cancelled["stage"] == "dibatalkan"


def test_the_party_side_steps(people: dict[str, Any]) -> None:
    sleman = as_user(people["sleman"])
    agreement = propose_waste(people)
    data = ok(sleman.get(f"{BASE}/{agreement.pk}"))
    own = party_id(data, "34.04")
    path = f"/{agreement.pk}/parties/{own}"
    data = ok(post(sleman, f"{path}/acknowledge", {}))
    sleman_side = next(p for p in data["parties"] if p["id"] == own)
    assert sleman_side["acknowledged_at"] is not None
    data = ok(post(sleman, f"{path}/start-review", {"expected_version": sleman_side["version"]}))
    assert next(p for p in data["parties"] if p["id"] == own)["status"] == "reviewing"
    refused = post(sleman, f"{path}/approve", {})
    assert refused.status_code == 422 and refused.json()["error"]["findings"][0]["rule"] == "R21"
    review(agreement, "34.04", people["tkksd_sleman"])
    data = ok(post(sleman, f"{path}/approve", {}))
    assert next(p for p in data["parties"] if p["id"] == own)["status"] == "approved"
    data = ok(post(sleman, f"{path}/decline", {"reason": "Prioritas lain"}))
    assert next(p for p in data["parties"] if p["id"] == own)["status"] == "declined"
    free_text = post(as_user(people["tkksd_sleman"]), f"{path}/tkksd-review", {"decision_ref": "TKKSD/2027/1"})
    assert free_text.status_code == 422
    assert free_text.json()["error"]["code"] == "agreements.tkksd_decision_missing"


def test_a_stale_party_version_is_a_conflict_and_writes_nothing(people: dict[str, Any]) -> None:
    sleman = as_user(people["sleman"])
    agreement = propose_waste(people)
    own = agreement.parties.get(region_id="34.04")
    ok(post(sleman, f"/{agreement.pk}/parties/{own.pk}/acknowledge", {"expected_version": own.version}))
    stale = post(sleman, f"/{agreement.pk}/parties/{own.pk}/start-review", {"expected_version": own.version})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "agreements.party_conflict" and error["message_en"] and error["message_id"]
    own.refresh_from_db()
    assert own.status == "aware"
    stale_sig = post(
        sleman,
        f"/{agreement.pk}/parties/{own.pk}/signatory",
        {"signatory_name": "Bupati", "expected_version": 1},
    )
    assert stale_sig.status_code == 409


def test_a_stale_record_version_is_a_conflict(people: dict[str, Any]) -> None:
    yogya = as_user(people["yogya"])
    agreement = propose_waste(people)
    body = {"expected_version": agreement.version, "title": "Judul baru"}
    data = ok(yogya.patch(f"{BASE}/{agreement.pk}", body, content_type="application/json"))
    assert data["title"] == "Judul baru" and data["version"] > agreement.version
    stale = yogya.patch(f"{BASE}/{agreement.pk}", {**body, "title": "Lagi"}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "agreements.stale_version"
    assert Agreement.objects.get(pk=agreement.pk).title == "Judul baru"


def test_bad_input_answers_422_with_a_stable_code(people: dict[str, Any]) -> None:
    yogya = as_user(people["yogya"])
    unknown = post(yogya, "", propose_body(partner_regions=["99.99"]))
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "agreements.unknown_region"
    assert post(yogya, "", propose_body(type="KSDX")).json()["error"]["code"] == "input.invalid"
    no_title = post(yogya, "", propose_body(title="  "))
    assert no_title.json()["error"]["code"] == "agreements.title_required"
    order = post(yogya, "", propose_body(term_start="2031-01-01", term_end="2027-01-01"))
    assert order.status_code == 422 and order.json()["error"]["code"] == "agreements.term_order"
    huge = post(yogya, "", propose_body(partner_organisations=[2773125692715018647240704]))
    assert huge.status_code == 422 and huge.json()["error"]["code"] == "input.invalid"
    org = post(yogya, "", propose_body(partner_organisations=[987654]))
    assert org.json()["error"]["code"] == "agreements.unknown_organisation"
    agreement = propose_waste(people)
    wrong_stage = post(yogya, f"/{agreement.pk}/cancel", {"expected_stage": "bogus", "reason": "x"})
    assert wrong_stage.status_code == 422
    assert yogya.get(f"{BASE}/{2**40}").status_code == 422
    nobody = post(yogya, f"/{agreement.pk}/accept-offer", {"expected_stage": "persiapan", "party": 999999})
    assert nobody.status_code == 404 and nobody.json()["error"]["code"] == "agreements.party_not_found"
    refused = post(yogya, "", propose_body(partner_regions=["33.74"]))
    assert refused.status_code == 422
    assert "R7" in {f["rule"] for f in refused.json()["error"]["findings"]}
    assert Agreement.objects.count() == 1


def test_the_list_filters_and_paginates(people: dict[str, Any], persona: Any) -> None:
    first = propose_waste(people)
    second = propose_waste(people, title="Kerja sama kedua", category="sukarela")
    yogya = as_user(people["yogya"])
    data = ok(yogya.get(f"{BASE}?limit=1"))
    assert data["count"] == 2 and [a["id"] for a in data["items"]] == [second.pk]
    assert data["next"] and data["previous"] is None and data["by_stage"] == {"persiapan": 2}
    page2 = ok(yogya.get(data["next"]))
    assert [a["id"] for a in page2["items"]] == [first.pk] and page2["previous"]
    assert [a["id"] for a in ok(yogya.get(f"{BASE}?category=wajib"))["items"]] == [first.pk]
    assert ok(yogya.get(f"{BASE}?partner=34.04&affair={WASTE}&type=KSDD"))["count"] == 2
    assert ok(yogya.get(f"{BASE}?province=34"))["count"] == 2
    assert ok(yogya.get(f"{BASE}?stage=pelaksanaan"))["count"] == 0
    assert ok(yogya.get(f"{BASE}?expiring_within_days=90"))["count"] == 0
    assert ok(yogya.get(f"{BASE}?my_turn=true"))["count"] == 2
    assert ok(as_user(people["sleman"]).get(f"{BASE}?my_turn=true"))["count"] == 0
    assert ok(as_user(persona("other_province")).get(BASE))["count"] == 0
    assert yogya.get(f"{BASE}?expiring_within_days=-1").status_code == 422
    assert yogya.get(f"{BASE}?partner=org:{10**20}").status_code == 422
    assert ok(yogya.get(f"{BASE}?partner=org:{persona('third_party').organisation_id}"))["count"] == 0


def test_the_list_and_the_detail_take_constant_queries(
    people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    agreement = propose_waste(people)
    client = as_user(people["yogya"])
    client.get(BASE)
    with django_assert_max_num_queries(10) as few:
        client.get(BASE)
    with django_assert_max_num_queries(24) as detail_few:
        ok(client.get(f"{BASE}/{agreement.pk}"))
    for i in range(8):
        propose_waste(people, title=f"Kerja sama {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert ok(client.get(BASE))["count"] == 9
    review(agreement, "34.71", people["tkksd_yogya"])
    with django_assert_max_num_queries(len(detail_few.captured_queries)):
        ok(client.get(f"{BASE}/{agreement.pk}"))
    with django_assert_max_num_queries(12):
        assert ok(client.get(f"{BASE}/{agreement.pk}/history"))["count"] >= 2


def test_the_openapi_document_describes_every_route(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    ours = {p: v for p, v in schema["paths"].items() if p.startswith(BASE)}
    assert len(ours) == 23  # no "…/end": the end goes through the lifecycle's termination (issue 11 item 4)
    assert not [path for path in ours if path.endswith("/end")]
    for path, item in ours.items():
        for method, operation in item.items():
            assert operation["summary"], (path, method)
            if method in {"post", "patch"}:
                assert {"403", "404", "409", "422"} <= {str(s) for s in operation["responses"]}, path


def test_patch_changes_only_what_is_sent_and_null_clears(people: dict[str, Any]) -> None:
    yogya = as_user(people["yogya"])
    agreement = propose_waste(people, scope="Pengangkutan dan pengolahan")
    url = f"{BASE}/{agreement.pk}"
    data = ok(yogya.patch(url, {"expected_version": 1, "legal_basis": None}, content_type="application/json"))
    assert data["legal_basis"] == "" and data["scope"] == "Pengangkutan dan pengolahan"
    assert data["affairs"] == [WASTE] and data["title"] == agreement.title
    no_title = yogya.patch(
        url, {"expected_version": data["version"], "title": None}, content_type="application/json"
    )
    assert no_title.status_code == 422 and no_title.json()["error"]["code"] == "agreements.title_required"
    unknown = yogya.patch(
        url, {"expected_version": data["version"], "stage": "pelaksanaan"}, content_type="application/json"
    )
    assert unknown.status_code == 200 and unknown.json()["stage"] == "persiapan"  # not a field of the edit
