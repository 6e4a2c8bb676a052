"""API v1: a document's metadata and versions, downloads, uploads; 404 outside the jurisdiction."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kerjasama.accounts.services import issue_api_token
from kerjasama.documents.models import Document
from kerjasama.documents.tests.samples import PNG_BYTES, YOGYA, pdf_bytes, row_counts, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(persona: Any) -> Any:
    def make(name: str | None) -> Client:
        if name is None:
            return Client()
        user = persona(name)
        _token, key = issue_api_token(actor=user, user=user, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kabkota", 200),
        ("province", 200),
        ("ministry", 200),
        ("neighbour", 404),
        ("other_province", 404),
        ("third_party", 404),
        (None, 401),
    ],
)
def test_it_answers_the_metadata_only_within_the_jurisdiction(
    who: str | None, status: int, api: Any, yogya_document: Document
) -> None:
    response = api(who).get(f"/api/v1/documents/{yogya_document.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json()["error"]["code"] in {"documents.not_found", "not_found"}
        assert yogya_document.title not in response.content.decode()


def test_it_describes_a_document_and_its_versions(api: Any, yogya_document: Document) -> None:
    body = api("kabkota").get(f"/api/v1/documents/{yogya_document.pk}").json()
    version = yogya_document.versions.get()
    assert body["id"] == yogya_document.pk
    assert body["region"] == YOGYA
    assert body["kind"] == "perjanjian_kerja_sama"
    assert body["title"] == "PKS Pengelolaan Sampah Regional"
    assert body["url"] == f"/dokumen/{yogya_document.pk}/"
    assert body["versions"] == [
        {
            "number": 1,
            "file_name": "PKS Sampah.pdf",
            "content_type": "application/pdf",
            "size": len(pdf_bytes()),
            "sha256": version.blob.sha256,
            "uploaded_by": None,
            "uploaded_at": body["versions"][0]["uploaded_at"],
            "download_url": f"/api/v1/documents/{yogya_document.pk}/versions/1/download",
            "signature_status": None,
            "signatures": [],
        }
    ]


@pytest.mark.parametrize(
    ("who", "status"), [("kabkota", 200), ("ministry", 200), ("neighbour", 404), (None, 401)]
)
def test_it_downloads_a_version_only_within_the_jurisdiction(
    who: str | None, status: int, api: Any, yogya_document: Document
) -> None:
    response = api(who).get(f"/api/v1/documents/{yogya_document.pk}/versions/1/download")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Disposition"].startswith("attachment; ")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"


def test_it_answers_404_for_a_version_that_does_not_exist(api: Any, yogya_document: Document) -> None:
    response = api("kabkota").get(f"/api/v1/documents/{yogya_document.pk}/versions/9/download")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "documents.not_found"


def test_it_uploads_a_document_and_a_new_version(api: Any) -> None:
    client = api("kabkota")
    created = client.post(
        "/api/v1/documents",
        {
            "region": YOGYA,
            "kind": "berita_acara",
            "title": "Berita acara rapat TKKSD",
            "file": _file("BA.pdf", pdf_bytes()),
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["title"] == "Berita acara rapat TKKSD"
    assert body["versions"][0]["uploaded_by"] == "operator.yogya"
    added = client.post(
        f"/api/v1/documents/{body['id']}/versions", {"file": _file("Rekap.xlsx", xlsx_bytes())}
    )
    assert added.status_code == 201, added.content
    assert added.json()["number"] == 2
    assert added.json()["content_type"].endswith("spreadsheetml.sheet")
    assert Document.objects.get(pk=body["id"]).versions.count() == 2


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        (
            {"region": YOGYA, "kind": "bukti", "title": "Foto", "file": _file("foto.pdf", PNG_BYTES)},
            422,
            "documents.type_mismatch",
        ),
        (
            {"region": YOGYA, "kind": "bukti", "title": "Kosong", "file": _file("k.pdf", b"")},
            422,
            "documents.empty",
        ),
        (
            {"region": "34.04", "kind": "bukti", "title": "Sleman", "file": _file("s.pdf", pdf_bytes())},
            403,
            "permission_denied",
        ),
        (
            {"region": "99.99", "kind": "bukti", "title": "X", "file": _file("s.pdf", pdf_bytes())},
            404,
            "documents.region_not_found",
        ),
    ],
)
def test_it_refuses_a_bad_api_upload_with_its_code_and_writes_nothing(
    fields: dict[str, Any], status: int, code: str, api: Any
) -> None:
    before = row_counts()
    response = api("kabkota").post("/api/v1/documents", fields)
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert row_counts() == before


def test_it_hides_a_document_outside_the_jurisdiction_from_a_version_upload(
    api: Any, yogya_document: Document
) -> None:
    before = row_counts()
    response = api("neighbour").post(
        f"/api/v1/documents/{yogya_document.pk}/versions", {"file": _file("a.pdf", pdf_bytes("n"))}
    )
    assert response.status_code == 404
    assert row_counts() == before


@pytest.mark.parametrize(
    "fields",
    [
        {"region": "\x00", "kind": "berita_acara", "title": "__proto__"},  # found by schemathesis on PostgreSQL
        {"region": YOGYA, "kind": "berita_acara", "title": "Berita\x00acara"},
    ],
)
def test_it_refuses_a_nul_character_in_an_upload_s_fields_before_the_database(
    api: Any, fields: dict[str, str]
) -> None:
    """PostgreSQL text cannot hold NUL: a multipart field with one answered 500 there; now 400, nothing written.
    The file itself may hold NUL bytes (a PDF does) and is not refused for them."""
    before = Document.objects.count()
    response = api("kabkota").post("/api/v1/documents", {**fields, "file": _file("BA.pdf", pdf_bytes())})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "input.nul_character"
    assert Document.objects.count() == before


def test_it_still_accepts_a_file_whose_bytes_hold_nul(api: Any) -> None:
    content = pdf_bytes() + b"\x00"  # NUL bytes inside a binary file are the file's business
    response = api("kabkota").post(
        "/api/v1/documents",
        {"region": YOGYA, "kind": "berita_acara", "title": "Notulen", "file": _file("N.pdf", content)},
    )
    assert response.status_code == 201, response.content
