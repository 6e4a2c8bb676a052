"""One record seen identically by every party (issue 10): a document one party attached to the agreement is
readable, with its signature status, by every party, and by no region outside the agreement's jurisdictions."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kerjasama.accounts.policy import can
from kerjasama.agreements.tests.conftest import propose_waste
from kerjasama.documents.models import Document, DocumentVersion, SignatureCheck
from kerjasama.documents.selectors import signatures_for
from kerjasama.documents.services import upload_document
from kerjasama.documents.tests.signing import TestPki, sign_pdf, simple_pdf
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def _kb(people: dict[str, Any]) -> tuple[Any, Document]:
    agreement = propose_waste(people)
    pki = TestPki.create()
    signed = sign_pdf(simple_pdf("Kesepakatan Bersama (uji)"), pki.signer("Wali Kota Yogyakarta", "Pemkot"))
    version = upload_document(
        actor=people["yogya"],
        region=Region.objects.get(code="34.71"),
        kind="kesepakatan_bersama",
        title="Kesepakatan Bersama persampahan",
        upload=SimpleUploadedFile("kb.pdf", signed, content_type="application/pdf"),
        attached_to=agreement,
    )
    return agreement, version.document


def test_every_party_reads_a_document_attached_to_the_agreement(
    people: dict[str, Any], persona: Any, client: Any
) -> None:
    _agreement, document = _kb(people)
    sleman = people["sleman"]
    for model in (Document, DocumentVersion, SignatureCheck):
        assert model.objects.restrict(sleman, "view").exists(), model.__name__
    assert can(sleman, "documents.view_document", document)
    assert signatures_for(sleman, [document.pk])[document.pk].signed
    client.force_login(sleman)
    assert client.get(f"/dokumen/{document.pk}/").status_code == 200
    assert client.get(f"/dokumen/{document.pk}/versi/1/unduh/").status_code == 200


def test_a_region_outside_the_agreement_reads_none_of_its_documents(
    people: dict[str, Any], persona: Any, client: Any
) -> None:
    _agreement, document = _kb(people)
    outsider = persona("other_province")
    for model in (Document, DocumentVersion, SignatureCheck):
        assert not model.objects.restrict(outsider, "view").exists(), model.__name__
    assert not can(outsider, "documents.view_document", document)
    assert not signatures_for(outsider, [document.pk])[document.pk].signed
    client.force_login(outsider)
    assert client.get(f"/dokumen/{document.pk}/").status_code == 404
    assert client.get(f"/dokumen/{document.pk}/versi/1/unduh/").status_code == 404


def test_a_document_of_a_region_attached_to_nothing_stays_within_its_jurisdiction(
    people: dict[str, Any],
) -> None:
    version = upload_document(
        actor=people["yogya"],
        region=Region.objects.get(code="34.71"),
        kind="lainnya",
        title="Catatan internal",
        upload=SimpleUploadedFile("c.pdf", simple_pdf("internal"), content_type="application/pdf"),
    )
    assert not Document.objects.restrict(people["sleman"], "view").filter(pk=version.document_id).exists()
    assert not can(people["sleman"], "documents.view_document", version.document)
