"""Signature checks where people and programs read them: the document page, the API, the list selectors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kerjasama.accounts.services import issue_api_token
from kerjasama.core.actors import SYSTEM
from kerjasama.documents import services
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Document
from kerjasama.documents.selectors import signature_summary, signatures_for
from kerjasama.documents.tests.samples import SLEMAN, YOGYA, upload
from kerjasama.documents.tests.signing import (
    TestPki,
    TestSigner,
    change_page_after_signing,
    sign_pdf,
    simple_pdf,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki.create()


@pytest.fixture(scope="module")
def yogya_signer(pki: TestPki) -> TestSigner:
    return pki.signer("Hasto Wardoyo", "Pemerintah Kota Yogyakarta")


@pytest.fixture(scope="module")
def sleman_signer(pki: TestPki) -> TestSigner:
    return pki.signer("Harda Kiswaya", "Pemerintah Kabupaten Sleman")


@pytest.fixture(autouse=True)
def trusted(pki: TestPki, tmp_path: Path, settings: Any) -> Path:
    path = pki.write_root(tmp_path)
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = [str(path)]
    return path


@pytest.fixture
def api(persona: Any) -> Any:
    def make(name: str) -> Client:
        user = persona(name)
        _token, key = issue_api_token(actor=user, user=user, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def _document(content: bytes, code: str = YOGYA, title: str = "KB Pengelolaan Sampah") -> Document:
    version = services.upload_document(
        actor=SYSTEM,
        region=Region.objects.get(code=code),
        kind=DocumentKind.KB,
        title=title,
        upload=upload("KB.pdf", content),
    )
    return version.document


def _page(client: Any, document: Document) -> str:
    with translation.override("id"):
        response = client.get(reverse("documents:detail", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    return str(response.content.decode())


def test_it_shows_who_signed_with_issuer_time_and_verdict_in_words(
    client_as: Any, yogya_signer: TestSigner, sleman_signer: TestSigner
) -> None:
    both = sign_pdf(
        sign_pdf(simple_pdf(), yogya_signer, field_name="Yogya"), sleman_signer, field_name="Sleman"
    )
    document = _document(both)
    page = _page(client_as("kabkota"), document)
    assert "Ditandatangani secara elektronik oleh Hasto Wardoyo (Root CA Uji Kerjasama, BSrE Uji)" in page
    assert "Ditandatangani secara elektronik oleh Harda Kiswaya (Root CA Uji Kerjasama, BSrE Uji)" in page
    assert page.index("Hasto Wardoyo") < page.index("Harda Kiswaya")  # signing order
    assert page.count('data-status="sah"') == 2
    assert '<span aria-hidden="true">✔</span> sah' in page  # a shape and a word, not colour alone
    assert "<time datetime=" in page
    assert "Utuh, cocok" in page


def test_it_shows_a_changed_document_as_not_valid_with_the_reason(
    client_as: Any, yogya_signer: TestSigner
) -> None:
    document = _document(change_page_after_signing(sign_pdf(simple_pdf(), yogya_signer)))
    page = _page(client_as("province"), document)
    assert '<span aria-hidden="true">✖</span> tidak sah' in page
    assert "Dokumen diubah setelah ditandatangani." in page


def test_it_shows_an_untrusted_signature_as_unverifiable(
    client_as: Any, settings: Any, yogya_signer: TestSigner
) -> None:
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = []
    document = _document(sign_pdf(simple_pdf(), yogya_signer))
    page = _page(client_as("kabkota"), document)
    assert '<span aria-hidden="true">?</span> tidak dapat diverifikasi' in page


def test_it_says_when_a_version_is_not_signed(client_as: Any) -> None:
    page = _page(client_as("kabkota"), _document(simple_pdf()))
    assert "Tidak ditandatangani secara elektronik" in page


def test_it_shows_the_reason_in_english_to_an_english_reader(
    client_as: Any, yogya_signer: TestSigner
) -> None:
    document = _document(change_page_after_signing(sign_pdf(simple_pdf(), yogya_signer)))
    url = reverse("documents:detail", kwargs={"pk": document.pk})
    page = client_as("kabkota").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The document was changed after signing." in page


def test_it_lists_the_checks_per_version_in_the_api(
    api: Any, yogya_signer: TestSigner, sleman_signer: TestSigner
) -> None:
    first = sign_pdf(simple_pdf(), yogya_signer, field_name="Yogya")
    document = _document(first)
    services.add_version(
        actor=SYSTEM, document=document, upload=upload("KB.pdf", change_page_after_signing(first))
    )
    body = api("kabkota").get(f"/api/v1/documents/{document.pk}").json()
    v2, v1 = body["versions"]
    assert (v2["number"], v2["signature_status"]) == (2, "tidak_sah")
    assert (v1["number"], v1["signature_status"]) == (1, "sah")
    [check] = v1["signatures"]
    assert check["position"] == 1
    assert check["field_name"] == "Yogya"
    assert check["signer_name"] == "Hasto Wardoyo"
    assert check["signer_serial"] == yogya_signer.serial_hex
    assert check["issuer"] == "Root CA Uji Kerjasama, BSrE Uji"
    assert check["signing_time"]
    assert (check["intact"], check["valid"], check["trusted"], check["modified_after_signing"]) == (
        True,
        True,
        True,
        False,
    )
    assert check["status"] == "sah"
    assert check["detail"] and check["detail_en"]
    assert v2["signatures"][0]["modified_after_signing"] is True


def test_it_answers_404_for_the_checks_outside_the_jurisdiction(api: Any, yogya_signer: TestSigner) -> None:
    document = _document(sign_pdf(simple_pdf(), yogya_signer))
    response = api("neighbour").get(f"/api/v1/documents/{document.pk}")
    assert response.status_code == 404
    assert "Hasto Wardoyo" not in response.content.decode()


def test_it_summarises_a_version(yogya_signer: TestSigner, sleman_signer: TestSigner) -> None:
    both = sign_pdf(sign_pdf(simple_pdf(), yogya_signer, field_name="A"), sleman_signer, field_name="B")
    summary = signature_summary(_document(both).versions.get())
    assert summary.signed
    assert summary.status == "sah"
    assert summary.signers == ["Hasto Wardoyo", "Harda Kiswaya"]
    unsigned = signature_summary(_document(simple_pdf()).versions.get())
    assert (unsigned.signed, unsigned.status, unsigned.signers) == (False, None, [])


def test_it_summarises_the_latest_version_of_many_documents_in_one_query(
    persona: Any,
    django_assert_num_queries: Any,
    django_assert_max_num_queries: Any,
    yogya_signer: TestSigner,
    sleman_signer: TestSigner,
) -> None:
    signed = sign_pdf(simple_pdf(), yogya_signer, field_name="Yogya")
    documents = [_document(signed, title=f"KB {n}") for n in range(3)]
    # A newer version of the first document is signed by both parties; the second's newest is unsigned.
    services.add_version(
        actor=SYSTEM,
        document=documents[0],
        upload=upload("KB.pdf", sign_pdf(signed, sleman_signer, field_name="Sleman")),
    )
    services.add_version(
        actor=SYSTEM, document=documents[1], upload=upload("KB.pdf", simple_pdf("tanpa ttd"))
    )
    sleman_document = _document(signed, code=SLEMAN, title="KB Sleman")
    ids = [d.pk for d in documents] + [sleman_document.pk]
    user = persona("kabkota")
    with django_assert_num_queries(1):
        summaries = signatures_for(user, ids)
    assert summaries[documents[0].pk].signers == ["Hasto Wardoyo", "Harda Kiswaya"]
    assert summaries[documents[0].pk].version_number == 2
    assert summaries[documents[1].pk].signed is False  # its latest version has no signature
    assert summaries[documents[2].pk].status == "sah"
    assert summaries[sleman_document.pk].signed is False  # outside Kota Yogyakarta's jurisdiction
    more = [_document(signed, title=f"KB lain {n}").pk for n in range(5)]
    with django_assert_max_num_queries(1):
        assert len(signatures_for(user, ids + more)) == len(ids) + 5
    assert signatures_for(persona("ministry"), [sleman_document.pk])[sleman_document.pk].signed


def test_it_keeps_the_page_s_queries_constant_in_the_number_of_signatures(
    client_as: Any, django_assert_max_num_queries: Any, yogya_signer: TestSigner, sleman_signer: TestSigner
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed = sign_pdf(simple_pdf(), yogya_signer, field_name="Yogya")
    document = _document(signed)
    client = client_as("kabkota")
    with CaptureQueriesContext(connection) as few:
        _page(client, document)
    for n in range(3):
        services.add_version(
            actor=SYSTEM,
            document=document,
            upload=upload("KB.pdf", sign_pdf(signed, sleman_signer, field_name=f"Sleman{n}")),
        )
    with django_assert_max_num_queries(len(few)):
        _page(client, document)


def test_it_lists_the_checks_read_only_in_the_admin(client_as: Any, yogya_signer: TestSigner) -> None:
    from kerjasama.documents.models import SignatureCheck

    _document(sign_pdf(simple_pdf(), yogya_signer))
    client = client_as("admin")
    page = client.get(reverse("admin:documents_signaturecheck_changelist")).content.decode()
    assert "Hasto Wardoyo" in page
    check = SignatureCheck.objects.get()
    assert client.get(reverse("admin:documents_signaturecheck_add")).status_code == 403
    response = client.post(
        reverse("admin:documents_signaturecheck_change", args=[check.pk]), {"signer_name": "Orang Lain"}
    )
    assert response.status_code == 403
    check.refresh_from_db()
    assert check.signer_name == "Hasto Wardoyo"


def test_it_answers_an_api_upload_with_the_signature_checks(api: Any, yogya_signer: TestSigner) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = _document(simple_pdf("draf"))
    signed = SimpleUploadedFile(
        "KB final.pdf", sign_pdf(simple_pdf("final"), yogya_signer), "application/pdf"
    )
    response = api("kabkota").post(f"/api/v1/documents/{document.pk}/versions", {"file": signed})
    assert response.status_code == 201
    body = response.json()
    assert body["number"] == 2
    assert body["signature_status"] == "sah"
    assert [s["signer_name"] for s in body["signatures"]] == ["Hasto Wardoyo"]
