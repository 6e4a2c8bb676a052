"""The document page: its versions (who, when, size, SHA-256) and the form for a new version."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kerjasama.core.errors import KerjasamaError
from kerjasama.documents import services
from kerjasama.documents.models import Document
from kerjasama.documents.tests.samples import PNG_BYTES, pdf_bytes, row_counts, upload

pytestmark = pytest.mark.django_db


def _detail(document: Document) -> str:
    return reverse("documents:detail", kwargs={"pk": document.pk})


def _post_version(client: Any, document: Document, name: str, content: bytes) -> Any:
    return client.post(
        reverse("documents:version_upload", kwargs={"pk": document.pk}),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_it_lists_every_version_with_uploader_time_size_and_hash(
    client_as: Any, persona: Any, yogya_document: Document
) -> None:
    second = services.add_version(
        actor=persona("kabkota"),
        document=yogya_document,
        upload=upload("PKS revisi.pdf", pdf_bytes("revisi")),
    )
    page = client_as("province").get(_detail(yogya_document)).content.decode()
    first = yogya_document.versions.get(number=1)
    for text in ("PKS Sampah.pdf", "PKS revisi.pdf", first.blob.sha256, second.blob.sha256, "sistem"):
        assert text in page, text
    assert persona("kabkota").get_full_name() in page
    assert reverse("documents:download", kwargs={"pk": yogya_document.pk, "number": 2}) in page
    assert page.index("PKS revisi.pdf") < page.index("PKS Sampah.pdf")  # newest first


def test_it_shows_the_upload_form_only_to_those_who_may_upload(
    client_as: Any, yogya_document: Document
) -> None:
    assert (
        'data-testid="version-upload-form"'
        in client_as("kabkota").get(_detail(yogya_document)).content.decode()
    )
    for who in ("province", "auditor"):
        assert (
            'data-testid="version-upload-form"'
            not in client_as(who).get(_detail(yogya_document)).content.decode()
        )


def test_it_adds_a_version_from_the_page(client_as: Any, yogya_document: Document) -> None:
    response = _post_version(client_as("kabkota"), yogya_document, "PKS final.pdf", pdf_bytes("final"))
    assert response.status_code == 302
    assert response["Location"] == _detail(yogya_document)
    assert list(yogya_document.versions.values_list("number", "original_name")) == [
        (2, "PKS final.pdf"),
        (1, "PKS Sampah.pdf"),
    ]


@pytest.mark.parametrize("sent", ["../../etc/PKS.pdf", "..\\..\\PKS.pdf", "C:\\Users\\x\\PKS.pdf"])
def test_it_keeps_only_the_last_part_of_a_browser_s_path_name(
    sent: str, client_as: Any, yogya_document: Document
) -> None:
    response = _post_version(client_as("kabkota"), yogya_document, sent, pdf_bytes("p"))
    assert response.status_code == 302
    assert yogya_document.versions.get(number=2).original_name == "PKS.pdf"


@pytest.mark.parametrize(
    ("name", "content", "code", "status"),
    [
        ("foto.pdf", PNG_BYTES, "documents.type_mismatch", 422),
        ("kosong.pdf", b"", "documents.empty", 422),
        ("tanpa-ekstensi", pdf_bytes(), "documents.type_not_allowed", 422),
    ],
)
def test_it_shows_a_refused_upload_in_both_languages_and_writes_nothing(
    name: str, content: bytes, code: str, status: int, client_as: Any, yogya_document: Document
) -> None:
    client = client_as("kabkota")
    before = row_counts()
    response = _post_version(client, yogya_document, name, content)
    assert response.status_code == status
    assert code in response.content.decode()
    assert row_counts() == before
    refused = services.check_upload
    with pytest.raises(KerjasamaError) as error:
        refused(upload(name, content))
    assert error.value.message_id in response.content.decode()
    client.cookies["django_language"] = "en"
    english = _post_version(client, yogya_document, name, content).content.decode()
    assert error.value.message_en in english.replace("&quot;", '"').replace("&#x27;", "'")


def test_it_refuses_an_oversize_upload_on_the_page(
    client_as: Any, settings: Any, yogya_document: Document
) -> None:
    settings.KERJASAMA_DOCUMENT_MAX_BYTES = 100
    before = row_counts()
    response = _post_version(client_as("kabkota"), yogya_document, "besar.pdf", pdf_bytes() + b"0" * 200)
    assert response.status_code == 413
    assert "documents.too_large" in response.content.decode()
    assert row_counts() == before


def test_it_refuses_a_page_upload_by_someone_who_may_only_read(
    client_as: Any, yogya_document: Document
) -> None:
    before = row_counts()
    assert _post_version(client_as("province"), yogya_document, "a.pdf", pdf_bytes("x")).status_code == 403
    assert _post_version(client_as("neighbour"), yogya_document, "a.pdf", pdf_bytes("x")).status_code == 404
    assert row_counts() == before


def test_it_renders_the_page_in_indonesian_by_default(client_as: Any, yogya_document: Document) -> None:
    page = client_as("kabkota").get(_detail(yogya_document)).content.decode()
    with translation.override("id"):
        for text in ("Versions", "Upload a new version", "Uploaded by"):
            assert translation.gettext(text) != text
            assert translation.gettext(text) in page


def test_it_reads_the_page_in_a_fixed_number_of_queries(
    client_as: Any, persona: Any, yogya_document: Document
) -> None:
    client = client_as("kabkota")
    client.get(_detail(yogya_document))
    with CaptureQueriesContext(connection) as few:
        client.get(_detail(yogya_document))
    for n in range(2, 6):
        services.add_version(
            actor=persona("kabkota"), document=yogya_document, upload=upload("v.pdf", pdf_bytes(str(n)))
        )
    with CaptureQueriesContext(connection) as many:
        client.get(_detail(yogya_document))
    assert len(many) == len(few)
