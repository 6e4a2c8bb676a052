"""A full disk on upload (issue 14 item 5): a clear bilingual error (507, ``documents.storage_full``), no
document, version or blob row, and no partial file left in the storage."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import IO, Any
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kerjasama.accounts.services import issue_api_token
from kerjasama.documents.models import Blob, Document, DocumentVersion
from kerjasama.documents.tests.samples import YOGYA, pdf_bytes, stored_files

pytestmark = pytest.mark.django_db


class DocumentsFullDiskStorage(FileSystemStorage):
    """Writes the first bytes of a file, then fails as a full disk does."""

    def _save(self, name: str, content: IO[Any]) -> str:
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(8))
        raise OSError(errno.ENOSPC, "No space left on device")


def _upload(client: Client) -> Any:
    return client.post(
        "/api/v1/documents",
        {
            "region": YOGYA,
            "kind": "berita_acara",
            "title": "Berita acara disk penuh",
            "file": SimpleUploadedFile("BA.pdf", pdf_bytes("disk penuh"), content_type="application/pdf"),
        },
    )


def test_an_upload_to_a_full_disk_is_refused_clearly_and_leaves_nothing(persona: Any, tmp_path: Path) -> None:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="disk-full")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    full = DocumentsFullDiskStorage(location=str(tmp_path))
    before = (Document.objects.count(), DocumentVersion.objects.count(), Blob.objects.count())
    with mock.patch("kerjasama.documents.services.document_storage", return_value=full):
        response = _upload(client)
    assert response.status_code == 507, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "documents.storage_full"
    assert "penuh" in str(error) and "full" in str(error)
    assert (Document.objects.count(), DocumentVersion.objects.count(), Blob.objects.count()) == before
    assert stored_files(tmp_path) == []  # the partial write was removed
    # Room made again: the same upload succeeds.
    with mock.patch(
        "kerjasama.documents.services.document_storage",
        return_value=FileSystemStorage(location=str(tmp_path)),
    ):
        assert _upload(client).status_code == 201
    assert len(stored_files(tmp_path)) == 1
