"""Downloads go only through the permission-checked page: who gets the file, how it is served, no public URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse

from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.documents import services
from kerjasama.documents.models import Document
from kerjasama.documents.responses import ascii_file_name, content_disposition
from kerjasama.documents.tests.samples import SLEMAN, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _url(document: Document, number: int = 1) -> str:
    return reverse("documents:download", kwargs={"pk": document.pk, "number": number})


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


# The permission matrix (house rule 10) over a document of Kota Yogyakarta.
MATRIX = [
    ("kabkota", 200),  # its own region
    ("neighbour", 404),  # Sleman: a neighbour, not its jurisdiction; existence is not revealed
    ("other_province", 404),
    ("province", 200),  # DIY oversees its kab/kota
    ("ministry", 200),
    ("auditor", 200),  # the Kemendagri auditor reads nationally
    ("admin", 200),
    ("third_party", 404),
]


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_it_serves_a_download_only_within_the_jurisdiction(
    who: str, status: int, client_as: Any, yogya_document: Document
) -> None:
    response = client_as(who).get(_url(yogya_document))
    assert response.status_code == status
    if status == 200:
        assert _body(response) == pdf_bytes()
    else:
        assert b"%PDF" not in response.content


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_it_shows_the_document_page_only_within_the_jurisdiction(
    who: str, status: int, client_as: Any, yogya_document: Document
) -> None:
    response = client_as(who).get(reverse("documents:detail", kwargs={"pk": yogya_document.pk}))
    assert response.status_code == status
    assert (yogya_document.title in response.content.decode()) is (status == 200)


def test_it_sends_an_anonymous_visitor_to_the_login_page(client_as: Any, yogya_document: Document) -> None:
    for url in (_url(yogya_document), reverse("documents:detail", kwargs={"pk": yogya_document.pk})):
        response = client_as(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_it_serves_the_file_as_an_attachment_that_is_never_sniffed(
    client_as: Any, yogya_document: Document
) -> None:
    response = client_as("kabkota").get(_url(yogya_document))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"PKS Sampah.pdf\"; filename*=UTF-8''PKS%20Sampah.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(pdf_bytes()))
    assert "no-store" in response["Cache-Control"]


def test_it_names_a_non_ascii_file_exactly_and_gives_old_clients_an_ascii_name(
    client_as: Any, persona: Any, yogya_document: Document
) -> None:
    name = 'Berita Acara Musyawarah – Daérah "Istimewa".pdf'
    version = services.add_version(
        actor=persona("kabkota"), document=yogya_document, upload=upload(name, pdf_bytes("2"))
    )
    response = client_as("kabkota").get(_url(yogya_document, version.number))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Berita Acara Musyawarah _ Daerah _Istimewa_.pdf";')
    assert disposition.endswith("filename*=UTF-8''" + quote(version.original_name, safe=""))
    assert "\n" not in disposition and "\r" not in disposition


def test_it_makes_a_fallback_name_when_nothing_is_ascii() -> None:
    assert ascii_file_name("協定.pdf") == "dokumen.pdf"
    assert (
        content_disposition("協定.pdf")
        == "attachment; filename=\"dokumen.pdf\"; filename*=UTF-8''%E5%8D%94%E5%AE%9A.pdf"
    )


def test_it_serves_each_version_and_answers_404_for_a_missing_one(
    client_as: Any, persona: Any, yogya_document: Document
) -> None:
    services.add_version(
        actor=persona("kabkota"), document=yogya_document, upload=upload("v2.pdf", pdf_bytes("v2"))
    )
    client = client_as("kabkota")
    assert _body(client.get(_url(yogya_document, 1))) == pdf_bytes()
    assert _body(client.get(_url(yogya_document, 2))) == pdf_bytes("v2")
    assert client.get(_url(yogya_document, 3)).status_code == 404
    assert client.get(reverse("documents:download", kwargs={"pk": 999_999, "number": 1})).status_code == 404


def test_it_audits_every_download_and_not_a_refused_one(
    client_as: Any, persona: Any, yogya_document: Document
) -> None:
    downloads = AuditEvent.objects.filter(action="document.downloaded", object_id=str(yogya_document.pk))
    client_as("neighbour").get(_url(yogya_document))
    assert downloads.count() == 0
    client_as("province").get(_url(yogya_document))
    event = downloads.get()
    assert event.actor == persona("province")
    assert event.new == {"version": 1, "sha256": yogya_document.versions.get().blob.sha256}


def test_it_refuses_the_service_outside_the_jurisdiction_as_not_found(
    persona: Any, yogya_document: Document
) -> None:
    version = yogya_document.versions.get()
    with pytest.raises(KerjasamaError) as refused:
        services.open_version(actor=persona("third_party"), version=version)
    assert refused.value.code == "documents.not_found"
    with services.open_version(actor=SYSTEM, version=version) as handle:
        assert handle.read() == pdf_bytes()


def test_it_serves_no_document_from_a_public_url(
    client_as: Any, yogya_document: Document, documents_dir: Path
) -> None:
    storage_name = yogya_document.versions.get().blob.storage_name
    assert (documents_dir / storage_name).is_file()
    client = client_as("ministry")
    for url in (f"/media/{storage_name}", f"{settings.MEDIA_URL or '/'}{storage_name}", f"/{storage_name}"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/static/{storage_name}").status_code == 404


def test_it_lists_only_documents_inside_the_jurisdiction(
    persona: Any, yogya_document: Document, region: Any
) -> None:
    sleman = services.upload_document(
        actor=persona("neighbour"),
        region=region(SLEMAN),
        kind="bukti",
        title="Sleman",
        upload=upload("s.pdf", pdf_bytes("S")),
    ).document
    assert set(Document.objects.restrict(persona("kabkota"), "view")) == {yogya_document}
    assert set(Document.objects.restrict(persona("neighbour"), "view")) == {sleman}
    assert set(Document.objects.restrict(persona("province"), "view")) == {yogya_document, sleman}
    assert set(Document.objects.restrict(persona("ministry"), "view")) == {yogya_document, sleman}
    assert not Document.objects.restrict(persona("third_party"), "view").exists()
    assert not Document.objects.restrict(persona("other_province"), "view").exists()
