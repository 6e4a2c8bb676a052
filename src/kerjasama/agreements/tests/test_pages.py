"""The agreements pages (issue 10, item 8): list, detail, actions, upload, proposal, over the personas."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kerjasama.agreements import services
from kerjasama.agreements.models import Agreement, DprdApproval
from kerjasama.agreements.tests.conftest import WASTE, party, propose_waste, signatories, to_kb_drafting
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def _detail(pk: int) -> str:
    return reverse("agreements:detail", kwargs={"pk": pk})


def _action(pk: int, name: str) -> str:
    return reverse("agreements:action", kwargs={"pk": pk, "action": name})


# -- list ---------------------------------------------------------------------------------------------------


def test_it_lists_what_each_persona_may_see(people: dict[str, Any], client_as: Any) -> None:
    agreement = propose_waste(people)
    for who, sees in (
        ("kabkota", True),
        ("neighbour", True),  # Sleman is a party
        ("province", True),  # the governor's office of DIY
        ("ministry", True),
        ("auditor", True),
        ("other_province", False),
        ("third_party", False),
    ):
        page = client_as(who).get(reverse("agreements:list"))
        assert page.status_code == 200, who
        assert (agreement.title in page.content.decode()) is sees, who


def test_it_sends_an_anonymous_visitor_to_the_login(client_as: Any) -> None:
    for url in (reverse("agreements:list"), reverse("agreements:new"), _detail(1)):
        response = client_as(None).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/"), url


def test_it_filters_and_counts(people: dict[str, Any], client_as: Any) -> None:
    propose_waste(people)
    propose_waste(people, title="Kerja sama air minum", affairs=["1.03"], category="sukarela")
    client = client_as("kabkota")
    page = client.get(reverse("agreements:list"), {"affair": WASTE})
    body = page.content.decode()
    assert "Pengelolaan sampah regional" in body and "Kerja sama air minum" not in body
    assert page.context["result"].total == 1
    page = client.get(reverse("agreements:list"))
    assert page.context["result"].total == 2
    assert dict((v, n) for _l, v, n in page.context["by_stage"]) == {"persiapan": 2}
    choices = dict(page.context["form"].fields["affair"].choices)
    assert choices[WASTE].endswith("(1)") and choices["1.03"].endswith("(1)") and choices["1.01"].endswith("(0)")
    assert dict(page.context["form"].fields["category"].choices)["wajib"].endswith("(1)")
    page = client.get(reverse("agreements:list"), {"my_turn": "on"})
    assert page.context["result"].total == 2  # the proposer's next step in persiapan
    assert (
        client_as("province").get(reverse("agreements:list"), {"my_turn": "on"}).context["result"].total == 0
    )


def test_it_keeps_the_list_query_count_constant(
    people: dict[str, Any], client_as: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        propose_waste(people, title=f"Kerja sama {n}")
    client = client_as("kabkota")
    client.get(reverse("agreements:list"))  # warm the session and caches
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("agreements:list"))
    for n in range(3, 12):
        propose_waste(people, title=f"Kerja sama {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("agreements:list"))
    assert page.context["result"].total == 12


def test_it_exports_the_filtered_list_as_xlsx(people: dict[str, Any], client_as: Any) -> None:
    propose_waste(people)
    response = client_as("kabkota").get(reverse("agreements:export"), {"type": "KSDD"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1].startswith("Pengelolaan sampah")
    empty = client_as("other_province").get(reverse("agreements:export"))
    assert len(list(load_workbook(BytesIO(empty.content)).active.iter_rows())) == 1


# -- detail -------------------------------------------------------------------------------------------------


def test_it_shows_the_same_record_to_both_parties_and_404_to_others(
    people: dict[str, Any], client_as: Any
) -> None:
    agreement = propose_waste(people)
    bodies = {}
    for who in ("kabkota", "neighbour", "province", "ministry"):
        page = client_as(who).get(_detail(agreement.pk))
        assert page.status_code == 200, who
        bodies[who] = page.content.decode()
        assert 'data-stage="persiapan"' in bodies[who]
        assert "Kota Yogyakarta" in bodies[who] and "Kabupaten Sleman" in bodies[who]
    for who in ("other_province", "third_party"):
        assert client_as(who).get(_detail(agreement.pk)).status_code == 404, who


def test_it_shows_the_timeline_parties_and_the_tkksd_links(people: dict[str, Any], client_as: Any) -> None:
    agreement = propose_waste(people)
    page = client_as("kabkota").get(_detail(agreement.pk))
    steps = page.context["steps"]
    assert steps[0] == {"id": "persiapan", "name": steps[0]["name"], "state": "current"}
    assert "menunggu_dprd" in [s["id"] for s in steps]  # not budgeted: the DPRD stage is required
    assert [s["state"] for s in steps[1:]] == ["next"] * (len(steps) - 1)
    # The TKKSD member reviews through the TKKSD's meetings, not a form here.
    tkksd = client_as(None)
    tkksd.force_login(people["tkksd_yogya"])
    body = tkksd.get(_detail(agreement.pk)).content.decode()
    assert 'data-testid="tkksd-link-34.71"' in body
    assert "/tkksd/34.71/" in body


def test_it_warns_when_a_party_region_has_no_tkksd_decree(people: dict[str, Any], client_as: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kerjasama.regions.models import Region
    from kerjasama.tkksd import services as tkksd_services

    start = timezone.localdate() - timedelta(days=60)
    tkksd_services.record_decree(
        actor=people["yogya"],
        region=Region.objects.get(code="34.71"),
        number="100/001/2026",
        title="Pembentukan TKKSD Kota Yogyakarta",
        decree_date=start,
        period_start=start,
    )
    agreement = propose_waste(people, partner_regions=[Region.objects.get(code="34.02")])
    body = client_as("kabkota").get(_detail(agreement.pk)).content.decode()
    assert 'data-testid="no-decree-34.02"' in body
    assert "Belum ada SK TKKSD yang berlaku" in body or "No TKKSD decree in force" in body
    assert 'data-testid="no-decree-34.71"' not in body  # Kota Yogyakarta's decree is in force


def test_it_keeps_the_detail_query_count_bounded(
    people: dict[str, Any], client_as: Any, django_assert_max_num_queries: Any
) -> None:
    agreement = to_kb_drafting(people)
    client = client_as("kabkota")
    client.get(_detail(agreement.pk))
    # 27 measured: session, user, record, parties, documents, TKKSD, ...; the budget lines (1 query) and the
    # code history of every region on the page (1 query, whatever the number of parties: issue 15 items 6-7).
    with django_assert_max_num_queries(27):
        client.get(_detail(agreement.pk))


# -- actions ------------------------------------------------------------------------------------------------


def test_it_offers_only_the_allowed_actions(people: dict[str, Any], client_as: Any) -> None:
    agreement = propose_waste(people)
    names = {a["name"] for a in client_as("kabkota").get(_detail(agreement.pk)).context["actions"]}
    assert "sign_kb" not in names and "accept_offer" not in names
    assert client_as("province").get(_detail(agreement.pk)).context["actions"] == []
    assert client_as("auditor").get(_detail(agreement.pk)).context["actions"] == []


def test_it_shows_the_rulebook_finding_when_an_action_is_refused(
    people: dict[str, Any], client_as: Any
) -> None:
    agreement = propose_waste(people)  # no TKKSD review yet: the offer is refused (R21)
    client = client_as("kabkota")
    response = client.post(
        _action(agreement.pk, "send_offer"),
        {
            "stage": "persiapan",
            "send_offer-0-letter_number": "415/1",
            "send_offer-0-letter_date": "2026-06-12",
        },
    )
    assert response.status_code == 302
    page = client.get(_detail(agreement.pk))
    outcome = page.context["outcome"]
    assert outcome["ok"] is False and outcome["code"] == "agreements.rule_refused"
    assert outcome["findings"] and all(f["basis"] for f in outcome["findings"])
    assert 'role="alert"' in page.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).stage == "persiapan"


def test_it_moves_the_stage_through_the_service_with_htmx(people: dict[str, Any], client_as: Any) -> None:
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    p = party(agreement, "34.71")
    response = client_as("kabkota").post(
        _action(agreement.pk, "sign_kb"), {"stage": "penyusunan_kb", "party": p.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome["ok"] is True
    assert 'id="hasil"' in response.content.decode() and 'role="status"' in response.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).parties.get(pk=p.pk).kb_signed_at is not None


def test_it_answers_a_lost_race_with_the_conflict_message(people: dict[str, Any], client_as: Any) -> None:
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    p = party(agreement, "34.71")
    # The page was loaded in persiapan; the record has moved on since.
    response = client_as("kabkota").post(
        _action(agreement.pk, "sign_kb"), {"stage": "persiapan", "party": p.pk}, HTTP_HX_REQUEST="true"
    )
    outcome = response.context["outcome"]
    assert (
        outcome["ok"] is False and outcome["status"] == 409 and outcome["code"] == "agreements.stage_conflict"
    )
    assert Agreement.objects.get(pk=agreement.pk).parties.get(pk=p.pk).kb_signed_at is None


def test_it_refuses_an_action_for_the_other_side(people: dict[str, Any], client_as: Any) -> None:
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    sleman = party(agreement, "34.04")
    response = client_as("kabkota").post(
        _action(agreement.pk, "sign_kb"),
        {"stage": "penyusunan_kb", "party": sleman.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.context["outcome"]["status"] == 403
    assert Agreement.objects.get(pk=agreement.pk).parties.get(pk=sleman.pk).kb_signed_at is None


def test_it_hides_the_record_from_an_uninvolved_actor(people: dict[str, Any], client_as: Any) -> None:
    agreement = propose_waste(people)
    response = client_as("other_province").post(
        _action(agreement.pk, "cancel_agreement"), {"stage": "persiapan"}
    )
    assert response.status_code == 404
    assert client_as("kabkota").post(_action(agreement.pk, "no_such_action"), {}).status_code == 404


def test_it_records_the_dprd_decision_from_the_page(people: dict[str, Any], client_as: Any) -> None:
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    for code, who in (("34.71", "yogya"), ("34.04", "sleman")):
        agreement = services.sign_kb(actor=people[who], agreement=agreement, party=party(agreement, code))
    client = client_as("kabkota")
    p = party(agreement, "34.71")
    client.post(
        _action(agreement.pk, "request_dprd_approval"),
        {
            "stage": "kb_ditandatangani",
            "party": p.pk,
            f"request_dprd_approval-{p.pk}-letter_number": "170/01",
            f"request_dprd_approval-{p.pk}-requested_on": "2026-08-01",
        },
    )
    assert Agreement.objects.get(pk=agreement.pk).stage == "menunggu_dprd"
    client.post(
        _action(agreement.pk, "record_dprd_decision"),
        {
            "stage": "menunggu_dprd",
            "party": p.pk,
            f"record_dprd_decision-{p.pk}-outcome": "approved",
            f"record_dprd_decision-{p.pk}-decision_number": "DPRD/34.71/7",
            f"record_dprd_decision-{p.pk}-decision_date": "2026-09-01",
        },
    )
    approval = DprdApproval.objects.get(agreement=agreement, region_id="34.71")
    assert approval.outcome == "approved" and approval.decision_number == "DPRD/34.71/7"
    # A form with a missing field is refused with the field's label, nothing written.
    response = client.post(
        _action(agreement.pk, "cancel_agreement"), {"stage": "menunggu_dprd"}, HTTP_HX_REQUEST="true"
    )
    assert response.context["outcome"]["code"] == "form"
    assert Agreement.objects.get(pk=agreement.pk).stage == "menunggu_dprd"


def test_the_proposer_records_a_ksdpk_partner_selection_on_the_page(
    people: dict[str, Any], persona: Any, client_as: Any
) -> None:
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
    client = client_as("kabkota")
    names = {a["name"] for a in client.get(_detail(agreement.pk)).context["actions"]}
    assert "record_partner_selection" in names
    others = {a["name"] for a in client_as("third_party").get(_detail(agreement.pk)).context["actions"]}
    assert "record_partner_selection" not in others, "the proposer's side records it, not the third party"
    key = "record_partner_selection-0"
    client = client_as("kabkota")  # client_as logs the one test client in as the persona named
    client.post(
        _action(agreement.pk, "record_partner_selection"),
        {
            "stage": "persiapan",
            f"{key}-expected_version": agreement.version,
            f"{key}-ksdpk_kind": "pelayanan_publik",
            f"{key}-method": "prakarsa_pihak_ketiga",
            f"{key}-reference": "Surat prakarsa PT Mitra Contoh 01/2026",
            f"{key}-selected_on": "2026-05-02",
            f"{key}-initiative_criteria": ["layak_ekonomi_finansial", "kemampuan_keuangan_pemrakarsa"],
        },
    )
    outcome = client.get(_detail(agreement.pk)).context["outcome"]
    assert outcome["ok"] is True, outcome
    stored = Agreement.objects.get(pk=agreement.pk)
    assert stored.partner_selection_method == "prakarsa_pihak_ketiga" and stored.third_party_initiated
    assert stored.initiative_criteria == ["kemampuan_keuangan_pemrakarsa", "layak_ekonomi_finansial"]
    body = client_as("third_party").get(_detail(agreement.pk)).content.decode()
    assert 'data-testid="partner-selection"' in body and "Surat prakarsa PT Mitra Contoh" in body


# -- upload -------------------------------------------------------------------------------------------------


def test_it_uploads_a_signed_kb_and_shows_its_signature_to_both_parties(
    people: dict[str, Any], client_as: Any, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerjasama.documents.tests.signing import TestPki, sign_pdf, simple_pdf

    pki = TestPki.create()
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = [str(pki.write_root(tmp_path))]
    signer = pki.signer("Wali Kota Yogyakarta", "Pemerintah Kota Yogyakarta")
    pdf = sign_pdf(simple_pdf("Kesepakatan Bersama"), signer, field_name="Yogya")
    agreement = to_kb_drafting(people)
    client = client_as("kabkota")
    client.post(
        reverse("agreements:upload", kwargs={"pk": agreement.pk}),
        {
            "upload-kind": "kb",
            "upload-title": "KB sampah",
            "upload-file": SimpleUploadedFile("kb.pdf", pdf, content_type="application/pdf"),
        },
    )
    page = client.get(_detail(agreement.pk))
    assert page.context["outcome"]["ok"] is True, page.context["outcome"]
    for who in ("kabkota", "neighbour"):
        body = client_as(who).get(_detail(agreement.pk)).content.decode()
        section = body[body.find("docs-title") : body.find("history-title")]
        assert "KB sampah" in body and 'data-status="sah"' in body, (who, section)


def test_a_third_party_attaches_its_own_file_and_every_party_reads_it(
    people: dict[str, Any], persona: Any, client_as: Any
) -> None:
    """A third party has no region whose documents it could upload; it files its side on the shared record."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerjasama.documents.models import Document
    from kerjasama.documents.tests.signing import simple_pdf

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
    client = client_as("third_party")
    client.post(
        reverse("agreements:upload", kwargs={"pk": agreement.pk}),
        {
            "upload-kind": "surat_kuasa",
            "upload-title": "Surat kuasa direksi PT contoh",
            "upload-file": SimpleUploadedFile("kuasa.pdf", simple_pdf("Kuasa"), content_type="application/pdf"),
        },
    )
    outcome = client.get(_detail(agreement.pk)).context["outcome"]
    assert outcome["ok"] is True, outcome
    stored = Document.objects.get(object_type="agreements.agreement", object_id=str(agreement.pk))
    assert stored.region_id == "34.71" and stored.created_by == persona("third_party")
    for who in ("third_party", "kabkota"):
        assert "Surat kuasa direksi PT contoh" in client_as(who).get(_detail(agreement.pk)).content.decode()
    # The permission is the agreement's: the same user still uploads no document of a region on its own.
    from kerjasama.accounts.policy import can

    assert not can(persona("third_party"), "documents.upload", Region.objects.get(code="34.71"))


def test_it_refuses_an_upload_from_outside_the_parties(people: dict[str, Any], client_as: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = propose_waste(people)
    client = client_as("province")
    client.post(
        reverse("agreements:upload", kwargs={"pk": agreement.pk}),
        {
            "upload-kind": "kak",
            "upload-title": "KAK",
            "upload-file": SimpleUploadedFile("k.pdf", b"%PDF-1.4"),
        },
    )
    assert client.get(_detail(agreement.pk)).context["outcome"]["status"] == 403


# -- propose ------------------------------------------------------------------------------------------------


def test_it_prefills_the_proposal_from_a_recommendation(people: dict[str, Any], client_as: Any) -> None:
    page = client_as("kabkota").get(reverse("agreements:new"), {"mitra": "34.04", "urusan": WASTE})
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["partner_region"] == "34.04" and form.initial["affairs"] == [WASTE]
    assert form.initial["origin_kind"] == "recommendation"
    assert "Kabupaten Sleman" in form.initial["title"]


def test_it_records_a_proposal_with_an_indonesian_value(people: dict[str, Any], client_as: Any) -> None:
    client = client_as("kabkota")
    response = client.post(
        reverse("agreements:new"),
        {
            "type": "KSDD",
            "category": "wajib",
            "title": "Pengelolaan sampah bersama",
            "partner_region": "34.04",
            "affairs": [WASTE],
            "apbd_budgeted": "no",
            "burdens_public": "no",
            "value": "1.250.000.000",
            "justification_externality": "Sampah kota diangkut ke TPA di wilayah Sleman.",
            "term_start": "2027-01-01",
            "term_end": "2031-12-31",
            "origin_kind": "recommendation",
            "origin_ref": f"34.71/34.04/{WASTE}",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.get(title="Pengelolaan sampah bersama")
    assert response.status_code == 302 and response["Location"] == _detail(agreement.pk)
    assert agreement.value == 1250000000 and agreement.term_end == date(2031, 12, 31)
    assert agreement.dprd_approval_required and agreement.origin_kind == "recommendation"
    assert {p.region_id for p in agreement.parties.all()} == {"34.71", "34.04"}


def test_it_shows_the_service_refusal_on_the_form_and_keeps_the_input(
    people: dict[str, Any], client_as: Any
) -> None:
    client = client_as("kabkota")
    response = client.post(
        reverse("agreements:new"),
        {
            "type": "KSDD",
            "category": "",
            "title": "Tanpa kategori",
            "partner_region": "34.04",
            "affairs": [WASTE],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="Tanpa kategori"' in response.content.decode()
    assert not Agreement.objects.filter(title="Tanpa kategori").exists()
    bad = client.post(
        reverse("agreements:new"),
        {
            "type": "KSDD",
            "category": "wajib",
            "title": "X",
            "partner_region": "34.04",
            "affairs": [WASTE],
            "value": "1,2,3",
        },
    )
    assert bad.status_code == 200 and bad.context["form"].errors["value"]


def test_it_opens_the_proposal_form_to_the_cooperation_unit_only(client_as: Any) -> None:
    assert client_as("kabkota").get(reverse("agreements:new")).status_code == 200
    for who in ("province", "ministry", "auditor", "third_party"):
        assert client_as(who).get(reverse("agreements:new")).status_code == 404, who


def test_it_offers_ajukan_kerja_sama_on_the_mapping_page(client_as: Any) -> None:
    page = client_as("kabkota").get(reverse("mapping:region", kwargs={"code": "34.71"}))
    assert page.context["can_propose"] is True
    assert (
        client_as("province").get(reverse("mapping:region", kwargs={"code": "34.71"})).context["can_propose"]
        is False
    )


def test_it_shows_the_menu_item_to_those_who_may_see_agreements(client_as: Any) -> None:
    assert 'data-testid="nav-agreements"' in client_as("kabkota").get("/").content.decode()
    assert 'data-testid="nav-agreements"' in client_as("third_party").get("/").content.decode()
    assert 'data-testid="nav-agreements"' not in client_as(None).get("/").content.decode()


def test_it_offers_ajukan_kerja_sama_on_the_plan_checker_and_prefills_from_the_plan(client_as: Any) -> None:
    query = (
        f"type=KSDD&category=wajib&party=34.71&party=34.04&affair={WASTE}&externality=on&budgeted_in_apbd=0"
    )
    page = client_as("kabkota").get(f"{reverse('compliance:plan_check')}?{query}")
    assert page.context["propose_query"] and 'data-testid="propose-from-plan"' in page.content.decode()
    assert (
        client_as("province").get(f"{reverse('compliance:plan_check')}?{query}").context["propose_query"]
        == ""
    )
    form = client_as("kabkota").get(f"{reverse('agreements:new')}?rencana=1&{query}").context["form"]
    assert form.initial["partner_region"] == "34.04" and form.initial["affairs"] == [WASTE]
    assert form.initial["origin_kind"] == "plan_check" and form.initial["apbd_budgeted"] == "no"
    # A plan of other regions pre-fills nothing.
    other = "type=KSDD&category=wajib&party=33.74&party=33.22&affair=2.11"
    form = client_as("kabkota").get(f"{reverse('agreements:new')}?rencana=1&{other}").context["form"]
    assert form.initial["origin_kind"] == "manual"


def test_it_shows_the_audit_trail_as_far_as_the_reader_may_see_it(
    people: dict[str, Any], client_as: Any
) -> None:
    agreement = propose_waste(people)
    own = client_as("kabkota").get(_detail(agreement.pk)).context["audit"]
    assert own and all(e.actor_id == people["yogya"].pk for e in own)
    assert client_as("neighbour").get(_detail(agreement.pk)).context["audit"] == []  # not its events
    assert [e.pk for e in client_as("ministry").get(_detail(agreement.pk)).context["audit"]] == [
        e.pk for e in own
    ]
    # The stage history (row history) is everyone's.
    assert client_as("neighbour").get(_detail(agreement.pk)).context["history"]


def test_it_says_why_the_pks_cannot_be_signed_while_the_dprd_decides(
    people: dict[str, Any], client_as: Any
) -> None:
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    for code, who in (("34.71", "yogya"), ("34.04", "sleman")):
        agreement = services.sign_kb(actor=people[who], agreement=agreement, party=party(agreement, code))
    services.request_dprd_approval(
        actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"), letter_number="170/01"
    )
    page = client_as("kabkota").get(_detail(agreement.pk))
    assert "sign_pks" not in {a["name"] for a in page.context["actions"]}
    rules = {f["rule"] for f in page.context["not_yet"]["findings"]}
    assert "R13" in rules
    assert 'data-testid="not-yet"' in page.content.decode()
    assert client_as("province").get(_detail(agreement.pk)).context["not_yet"] == {}  # acts for no party


def test_a_third_party_sees_only_its_own_agreements(
    people: dict[str, Any], persona: Any, client_as: Any
) -> None:
    from kerjasama.regions.models import Region

    waste = propose_waste(people)
    ksdpk = services.propose_agreement(
        actor=people["yogya"],
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[persona("third_party").organisation],
        type="KSDPK",
        title="Pengolahan sampah menjadi energi bersama PT Mitra Contoh",
        affairs=[WASTE],
        apbd_budgeted=True,
        burdens_public=False,
    )
    client = client_as("third_party")
    listed = [a.pk for a in client.get(reverse("agreements:list")).context["result"].agreements]
    assert listed == [ksdpk.pk]
    assert client.get(_detail(ksdpk.pk)).status_code == 200
    assert client.get(_detail(waste.pk)).status_code == 404
    assert client_as("neighbour").get(_detail(ksdpk.pk)).status_code == 404  # Sleman is no party to it
    assert client_as("province").get(_detail(ksdpk.pk)).status_code == 200  # a party region in its province
