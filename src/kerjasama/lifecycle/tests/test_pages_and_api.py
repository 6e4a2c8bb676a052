"""The lifecycle pages and API routes: what they show and what they write (issue 11, items 3 and 4), the
agreement page's lineage block, the errors (422 with a stable code, 409 on a second successor), and query-count
guards on the lists (the amendments, the checklist)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.lifecycle import services
from kerjasama.lifecycle.models import Amendment, Succession

pytestmark = pytest.mark.django_db


def _amend(actor: Any, agreement: Agreement, n: int) -> Amendment:
    return services.record_amendment(
        actor=actor,
        agreement=agreement,
        title=f"Adendum {n}",
        signed_on=date(2022, 1, n),
        effective_from=date(2022, 1, n),
        changes={"value": str(1000 + n), "scope": f"Lingkup {n}"},
        reason="Perubahan",
    )


def test_the_amendments_page_records_one_and_shows_the_terms_on_a_date(
    client: Client, agreement: Agreement, yogya: Any
) -> None:
    client.force_login(yogya)
    url = f"/kerja-sama/{agreement.pk}/adendum/"
    page = client.get(url)
    assert page.status_code == 200 and b'data-testid="amendment-form"' in page.content
    answer = client.post(
        url,
        {
            "title": "Adendum tarif",
            "number": "ADD/1",
            "signed_on": "2023-01-01",
            "effective_from": "2023-02-01",
            "reason": "Kenaikan tarif",
            "value": "1200000000",
            "apbd_budgeted": "no",
            "share_34.71": "70",
            "share_34.04": "30",
        },
    )
    assert answer.status_code == 302
    amendment = Amendment.objects.get(agreement=agreement)
    assert amendment.changes == {
        "value": "1200000000.00",
        "apbd_budgeted": False,
        "shares": {"34.04": "30.00", "34.71": "70.00"},
    }
    before = client.get(url, {"pada": "2023-01-31"}).content.decode()
    after = client.get(url, {"pada": "2023-02-01"}).content.decode()
    assert "1000000000.00" in before and "1200000000.00" in after
    assert "Adendum tarif" in after


def test_a_refused_amendment_keeps_the_form_with_the_error(
    client: Client, agreement: Agreement, yogya: Any
) -> None:
    client.force_login(yogya)
    answer = client.post(
        f"/kerja-sama/{agreement.pk}/adendum/",
        {
            "title": "Tanpa perubahan",
            "signed_on": "2023-01-01",
            "effective_from": "2023-01-01",
            "reason": "x",
        },
    )
    assert answer.status_code == 200
    assert "paling sedikit satu ketentuan" in answer.content.decode()
    assert not Amendment.objects.exists()


def test_the_extension_button_opens_the_new_agreement(
    client: Client, agreement: Agreement, sleman: Any
) -> None:
    client.force_login(sleman)
    answer = client.post(f"/kerja-sama/{agreement.pk}/perpanjangan/", {"kind": "perpanjangan"})
    successor = Succession.objects.get(predecessor=agreement).successor
    assert answer.status_code == 302 and answer["Location"] == f"/kerja-sama/{successor.pk}/"
    old_page = client.get(f"/kerja-sama/{agreement.pk}/").content.decode()
    assert 'data-testid="lifecycle-panel"' in old_page and f"/kerja-sama/{successor.pk}/" in old_page
    new_page = client.get(f"/kerja-sama/{successor.pk}/").content.decode()
    assert f'href="/kerja-sama/{agreement.pk}/"' in new_page
    again = client.post(f"/kerja-sama/{agreement.pk}/perpanjangan/", {"kind": "perpanjangan"}, follow=True)
    assert "sudah memiliki lanjutan" in again.content.decode()


def test_the_termination_page_walks_the_checklist_and_ends(
    client: Client, agreement: Agreement, yogya: Any
) -> None:
    client.force_login(yogya)
    url = f"/kerja-sama/{agreement.pk}/pengakhiran/"
    assert b'data-testid="open-settlement"' in client.get(url).content
    client.post(url, {"step": "open"})
    refused = client.post(
        url, {"step": "end", "ground": "tujuan_tercapai", "ended_on": "2024-01-01", "document_number": "1"}
    )
    assert refused.status_code == 200 and "belum selesai" in refused.content.decode()
    for item in agreement.settlement.items.all():
        client.post(f"{url}butir/{item.pk}/", {f"i{item.pk}-status": "done", f"i{item.pk}-note": "ok"})
    done = client.post(
        url,
        {"step": "end", "ground": "tujuan_tercapai", "ended_on": "2024-01-01", "document_number": "180/9"},
    )
    assert done.status_code == 302
    agreement.refresh_from_db()
    assert agreement.stage == AgreementStage.BERAKHIR and agreement.termination_ground == "tujuan_tercapai"
    page = client.get(url).content.decode()
    assert "180/9" in page and 'data-testid="termination-form"' not in page


def test_the_api_answers_amendments_terms_lineage_and_errors(
    client: Client, agreement: Agreement, yogya: Any
) -> None:
    client.force_login(yogya)
    base = f"/api/v1/lifecycle/agreements/{agreement.pk}"
    made = client.post(
        f"{base}/amendments",
        {
            "title": "Adendum",
            "signed_on": "2023-01-01",
            "effective_from": "2023-01-01",
            "reason": "x",
            "changes": {"scope": "Baru"},
        },
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["sequence"] == 1
    bad = client.post(
        f"{base}/amendments",
        {
            "title": "Adendum",
            "signed_on": "2023-01-01",
            "effective_from": "2023-01-01",
            "reason": "x",
            "changes": {"term_end": "2030-12-31"},
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "lifecycle.terms_invalid"
    assert (
        client.get(f"{base}/terms", {"on": "2022-12-31"}).json()["scope"]
        == "Pengangkutan dan pemrosesan akhir"
    )
    assert client.get(f"{base}/terms", {"on": "2023-01-01"}).json()["scope"] == "Baru"
    created = client.post(f"{base}/extension", {"kind": "perpanjangan"}, content_type="application/json")
    assert created.status_code == 201
    assert client.get(f"{base}/lineage").json()["successor"]["id"] == created.json()["successor"]
    second = client.post(f"{base}/extension", {"kind": "pembaruan"}, content_type="application/json")
    assert second.status_code == 409 and second.json()["error"]["code"] == "lifecycle.successor_exists"


def test_the_api_settles_and_terminates(client: Client, agreement: Agreement, yogya: Any) -> None:
    client.force_login(yogya)
    base = f"/api/v1/lifecycle/agreements/{agreement.pk}"
    assert client.get(f"{base}/settlement").json()["started"] is False
    opened = client.post(f"{base}/settlement", content_type="application/json").json()
    assert [i["key"] for i in opened["items"]] == ["aset", "kewajiban", "personel", "arsip", "pendanaan"]
    end = {"expected_stage": "pelaksanaan", "ground": "objek_hilang_musnah", "document_number": "180/2"}
    early = client.post(f"{base}/termination", end, content_type="application/json")
    assert early.status_code == 422 and early.json()["error"]["code"] == "lifecycle.settlement_incomplete"
    for item in opened["items"]:
        answer = client.patch(
            f"{base}/settlement/items/{item['id']}",
            {"status": "not_applicable", "note": "tidak ada", "expected_version": item["version"]},
            content_type="application/json",
        )
        assert answer.status_code == 200
    stale = client.patch(
        f"{base}/settlement/items/{opened['items'][0]['id']}",
        {"status": "done", "expected_version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    ended = client.post(f"{base}/termination", end, content_type="application/json")
    assert ended.status_code == 200 and ended.json()["stage"] == "berakhir" and ended.json()["complete"]
    lost = client.post(f"{base}/termination", end, content_type="application/json")
    assert lost.status_code == 409


def test_it_ends_an_agreement_through_the_api_only_by_the_settlement_and_termination(
    client: Client, agreement: Agreement, yogya: Any
) -> None:
    """Issue 11 item 4: the agreements API's former ``…/end`` route (an end without the settlement checklist
    and the termination document) is gone; the lifecycle's termination route is the API's way to end."""
    client.force_login(yogya)
    end = {"expected_stage": "pelaksanaan", "ground": "tujuan_tercapai", "document_number": "180/7"}
    bypass = client.post(f"/api/v1/agreements/{agreement.pk}/end", end, content_type="application/json")
    assert bypass.status_code in (404, 405)
    agreement.refresh_from_db()
    assert agreement.stage == AgreementStage.PELAKSANAAN
    schema = client.get("/api/v1/openapi.json").json()
    assert not [path for path in schema["paths"] if path.endswith("/end")]
    base = f"/api/v1/lifecycle/agreements/{agreement.pk}"
    opened = client.post(f"{base}/settlement", content_type="application/json").json()
    for item in opened["items"]:
        settled = client.patch(
            f"{base}/settlement/items/{item['id']}",
            {"status": "done", "expected_version": item["version"]},
            content_type="application/json",
        )
        assert settled.status_code == 200
    ended = client.post(f"{base}/termination", end, content_type="application/json")
    assert ended.status_code == 200 and ended.json()["stage"] == "berakhir"
    agreement.refresh_from_db()
    assert agreement.stage == AgreementStage.BERAKHIR and agreement.termination_ground == "tujuan_tercapai"


def test_the_lists_read_a_constant_number_of_queries(
    client: Client, agreement: Agreement, yogya: Any
) -> None:
    client.force_login(yogya)
    first = services.open_settlement(actor=yogya, agreement=agreement).items.first()
    assert first is not None
    services.update_settlement_item(actor=yogya, item=first, status="done", note="ok")
    urls = [
        f"/kerja-sama/{agreement.pk}/adendum/",
        f"/kerja-sama/{agreement.pk}/pengakhiran/",
        f"/api/v1/lifecycle/agreements/{agreement.pk}/amendments",
        f"/api/v1/lifecycle/agreements/{agreement.pk}/settlement",
        f"/kerja-sama/{agreement.pk}/",
    ]
    _amend(yogya, agreement, 1)
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    for n in range(2, 7):
        _amend(yogya, agreement, n)
    for item in agreement.settlement.items.exclude(pk=first.pk):
        services.update_settlement_item(actor=yogya, item=item, status="done", note="ok")
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx.captured_queries) == counts[url], url
