"""API v1 detail of an agreement: its attached files with the status of their electronic signatures
(``documents.selectors.signatures_for``: sah / tidak sah), seen identically by every party and hidden from
a caller outside the record. Test CA and signed PDFs are generated here (no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from kerjasama.agreements.tests.conftest import propose_waste
from kerjasama.documents import services as documents
from kerjasama.documents.choices import DocumentKind, SignatureStatus
from kerjasama.documents.tests.samples import upload
from kerjasama.documents.tests.signing import TestPki, change_page_after_signing, sign_pdf, simple_pdf
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_dir(tmp_path: Path, settings: Any) -> Path:
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    return location


@pytest.fixture
def pki(tmp_path: Path, settings: Any) -> TestPki:
    """A throwaway root configured as the only trust root (as BSrE's root is in production)."""
    root = TestPki.create()
    settings.KERJASAMA_SIGNATURE_TRUST_ROOTS = [str(root.write_root(tmp_path))]
    return root


def test_the_detail_shows_each_file_with_its_signature_status(
    people: dict[str, Any], persona: Any, pki: TestPki, django_assert_max_num_queries: Any
) -> None:
    agreement = propose_waste(people)
    signer = pki.signer("Hasto Wardoyo", "Pemerintah Kota Yogyakarta")
    signed = sign_pdf(simple_pdf(), signer, field_name="Walikota")
    for title, content in (("KB ditandatangani", signed), ("KB diubah", change_page_after_signing(signed))):
        documents.upload_document(
            actor=people["yogya"],
            region=Region.objects.get(code="34.71"),
            kind=DocumentKind.KB,
            title=title,
            upload=upload(f"{title}.pdf", content),
            attached_to=agreement,
        )
    documents.upload_document(
        actor=people["yogya"],
        region=Region.objects.get(code="34.71"),
        kind=DocumentKind.OFFER_LETTER,
        title="Surat penawaran",
        upload=upload("penawaran.pdf", simple_pdf("Surat Penawaran")),
        attached_to=agreement,
    )
    url = f"/api/v1/agreements/{agreement.pk}"
    seen = {}
    for who in ("yogya", "sleman"):
        client = Client()
        client.force_login(people[who])
        with django_assert_max_num_queries(24):
            answer = client.get(url)
        assert answer.status_code == 200
        seen[who] = answer.json()["files"]
    # One record seen identically by every party (issue 10): the partner reads the files the proposer
    # attached, with the same signature verdicts (documents attached to an agreement follow the agreement).
    assert seen["yogya"] == seen["sleman"]
    assert {f["readable"] for f in seen["sleman"]} == {True}
    files = {f["title"]: f for f in seen["yogya"]}
    good, changed, unsigned = files["KB ditandatangani"], files["KB diubah"], files["Surat penawaran"]
    assert good["signature_status"] == SignatureStatus.VALID and good["signed_version"] == 1
    [signature] = good["signatures"]
    assert signature["signer_name"] == "Hasto Wardoyo" and signature["issuer"].startswith("Root CA Uji")
    assert signature["modified_after_signing"] is False and signature["status_label"]
    assert changed["signature_status"] == SignatureStatus.INVALID
    assert changed["signatures"][0]["modified_after_signing"] is True
    assert unsigned["signature_status"] is None and unsigned["signatures"] == []
    assert good["api_url"] == f"/api/v1/documents/{good['id']}"
    outside = Client()
    outside.force_login(persona("other_province"))
    assert outside.get(url).status_code == 404
