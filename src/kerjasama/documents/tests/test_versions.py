"""Versions and content addressing: one blob per content, numbered versions, history, audit, races."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent
from kerjasama.documents import services
from kerjasama.documents.choices import CONTENT_TYPES, DocumentKind
from kerjasama.documents.models import Blob, Document, DocumentVersion
from kerjasama.documents.tests.samples import YOGYA, pdf_bytes, stored_files, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_it_stores_content_under_its_sha256(persona: Any, region: Any, documents_dir: Path) -> None:
    content = xlsx_bytes()
    digest = hashlib.sha256(content).hexdigest()
    version = services.upload_document(
        actor=persona("kabkota"),
        region=region(YOGYA),
        kind=DocumentKind.EVIDENCE,
        title="Rekap capaian",
        upload=upload("Rekap Capaian.xlsx", content),
    )
    assert version.number == 1
    assert version.original_name == "Rekap Capaian.xlsx"
    assert version.content_type == CONTENT_TYPES["xlsx"]
    assert version.size == len(content)
    assert version.blob.sha256 == digest
    assert version.blob.storage_name == f"sha256/{digest[:2]}/{digest[2:4]}/{digest}"
    assert (documents_dir / version.blob.storage_name).read_bytes() == content
    assert stored_files(documents_dir) == [documents_dir / version.blob.storage_name]


def test_it_keeps_one_blob_for_the_same_content_uploaded_twice(
    persona: Any, yogya_document: Document, documents_dir: Path
) -> None:
    second = services.add_version(
        actor=persona("kabkota"),
        document=yogya_document,
        upload=upload("PKS Sampah (salinan).pdf", pdf_bytes()),
    )
    assert second.number == 2
    assert Blob.objects.count() == 1
    assert (
        list(yogya_document.versions.order_by("number").values_list("blob_id", flat=True))
        == [second.blob_id] * 2
    )
    assert len(stored_files(documents_dir)) == 1
    # The same content in another document of another uploader shares the blob too.
    other = services.upload_document(
        actor=persona("ministry"),
        region=yogya_document.region,
        kind="bukti",
        title="Salinan",
        upload=upload("s.pdf", pdf_bytes()),
    )
    assert other.blob_id == second.blob_id
    assert len(stored_files(documents_dir)) == 1


def test_it_numbers_new_versions_and_never_touches_earlier_ones(
    persona: Any, yogya_document: Document, documents_dir: Path
) -> None:
    first = yogya_document.versions.get()
    first_path = documents_dir / first.blob.storage_name
    first_inode = first_path.stat().st_ino
    for n in (2, 3):
        version = services.add_version(
            actor=persona("kabkota"),
            document=yogya_document,
            upload=upload("PKS.pdf", pdf_bytes(f"revisi {n}")),
        )
        assert version.number == n
    assert list(yogya_document.versions.values_list("number", flat=True)) == [3, 2, 1]
    assert first_path.stat().st_ino == first_inode
    assert first_path.read_bytes() == pdf_bytes()
    assert Blob.objects.count() == 3


def test_it_writes_row_history_and_audit_events(persona: Any, region: Any) -> None:
    user = persona("kabkota")
    version = services.upload_document(
        actor=user,
        region=region(YOGYA),
        kind=DocumentKind.KB,
        title="KB Yogya–Sleman",
        upload=upload("kb.pdf", pdf_bytes()),
    )
    services.add_version(actor=user, document=version.document, upload=upload("kb-2.pdf", pdf_bytes("v2")))
    history = list(version.document.history.all())
    assert len(history) == 1
    assert history[0].history_type == "+"
    assert history[0].history_user == user
    events = AuditEvent.objects.filter(object_type="documents.document", object_id=str(version.document.pk))
    uploaded = list(events.filter(action="document.uploaded").order_by("id"))
    assert [e.new["version"] for e in uploaded] == [1, 2]
    assert uploaded[0].actor == user
    assert uploaded[0].new["sha256"] == version.blob.sha256
    assert uploaded[1].new["file_name"] == "kb-2.pdf"


def test_it_attaches_a_document_to_a_record(persona: Any, region: Any) -> None:
    yogya = region(YOGYA)
    version = services.upload_document(
        actor=SYSTEM,
        region=yogya,
        kind="bukti",
        title="Bukti",
        upload=upload("a.pdf", pdf_bytes()),
        attached_to=yogya,
    )
    assert (version.document.object_type, version.document.object_id) == ("regions.region", YOGYA)
    assert version.uploaded_by is None


def test_it_numbers_versions_correctly_when_two_uploads_race(persona: Any, yogya_document: Document) -> None:
    """Upload A reads the highest number; before it writes, upload B completes. A must take the next number."""
    user = persona("kabkota")
    real_next_number = services._next_number
    raced: list[DocumentVersion] = []

    def next_number_with_a_competitor(document: Document) -> int:
        number = real_next_number(document)
        if not raced:  # the first read: the competitor commits its version in between
            with mock.patch.object(services, "_next_number", real_next_number):
                raced.append(
                    services.add_version(
                        actor=user, document=document, upload=upload("b.pdf", pdf_bytes("B"))
                    )
                )
        return number

    with mock.patch.object(services, "_next_number", next_number_with_a_competitor):
        mine = services.add_version(
            actor=user, document=yogya_document, upload=upload("a.pdf", pdf_bytes("A"))
        )
    assert raced[0].number == 2
    assert mine.number == 3
    assert list(yogya_document.versions.values_list("number", flat=True)) == [3, 2, 1]
    assert (
        AuditEvent.objects.filter(action="document.uploaded", object_id=str(yogya_document.pk)).count() == 3
    )


def test_it_answers_a_conflict_when_every_number_is_taken_by_others(
    persona: Any, yogya_document: Document
) -> None:
    before = DocumentVersion.objects.count()
    always_taken = mock.patch.object(services, "_next_number", return_value=1)
    with always_taken, pytest.raises(Conflict) as lost:
        services.add_version(
            actor=persona("kabkota"), document=yogya_document, upload=upload("a.pdf", pdf_bytes("x"))
        )
    assert lost.value.code == "documents.version_conflict"
    assert lost.value.http_status == 409
    assert DocumentVersion.objects.count() == before


def test_it_does_not_collide_when_the_same_content_is_stored_at_the_same_time(
    persona: Any, region: Any, documents_dir: Path
) -> None:
    """Both uploads saw no stored copy; the second finds the name taken and keeps the first copy."""
    first = services.upload_document(
        actor=persona("kabkota"),
        region=region(YOGYA),
        kind="bukti",
        title="A",
        upload=upload("a.pdf", pdf_bytes()),
    )
    storage_class = type(services.document_storage())
    real_exists = storage_class.exists
    calls: list[str] = []

    def exists_not_yet_on_first_look(self: Any, name: str) -> bool:
        calls.append(name)
        return False if len(calls) == 1 else real_exists(self, name)  # the other upload writes in between

    with mock.patch.object(storage_class, "exists", exists_not_yet_on_first_look):
        second = services.upload_document(
            actor=persona("kabkota"),
            region=region(YOGYA),
            kind="bukti",
            title="B",
            upload=upload("b.pdf", pdf_bytes()),
        )
    assert len(calls) > 1  # the storage found the name taken and chose another, which was removed again
    assert second.blob_id == first.blob_id
    assert stored_files(documents_dir) == [documents_dir / first.blob.storage_name]


def test_it_replaces_a_damaged_stored_copy_with_the_same_content(
    persona: Any, region: Any, documents_dir: Path
) -> None:
    content = pdf_bytes()
    digest = hashlib.sha256(content).hexdigest()
    damaged = documents_dir / f"sha256/{digest[:2]}/{digest[2:4]}/{digest}"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(content[:10])  # what an interrupted write leaves
    services.upload_document(
        actor=persona("kabkota"),
        region=region(YOGYA),
        kind="bukti",
        title="A",
        upload=upload("a.pdf", content),
    )
    assert damaged.read_bytes() == content
    assert stored_files(documents_dir) == [damaged]
