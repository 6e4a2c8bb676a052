"""Bad uploads are refused with a stable code and leave nothing behind: no row, no stored file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.files import File

from kerjasama.core.errors import KerjasamaError
from kerjasama.documents import services
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Document
from kerjasama.documents.tests.samples import (
    PNG_BYTES,
    SLEMAN,
    YOGYA,
    pdf_bytes,
    row_counts,
    stored_files,
    upload,
    xlsx_bytes,
    zip_bytes,
)

BAD_UPLOADS = [
    pytest.param("foto.pdf", PNG_BYTES, "documents.type_mismatch", id="png-renamed-pdf"),
    pytest.param(
        "catatan.xlsx", b"nama,nilai\nsampah,12\n", "documents.type_mismatch", id="text-renamed-xlsx"
    ),
    pytest.param("arsip.xlsx", zip_bytes(), "documents.type_mismatch", id="zip-not-xlsx"),
    pytest.param("buku.pdf", xlsx_bytes(), "documents.type_mismatch", id="xlsx-renamed-pdf"),
    pytest.param("arsip.zip", zip_bytes(), "documents.type_not_allowed", id="zip"),
    pytest.param("gambar.png", PNG_BYTES, "documents.type_not_allowed", id="png"),
    pytest.param("tanpa-ekstensi", pdf_bytes(), "documents.type_not_allowed", id="no-extension"),
    pytest.param("../../etc/passwd", b"root:x:0:0", "documents.bad_name", id="traversal"),
    pytest.param("../../etc/x.pdf", pdf_bytes(), "documents.bad_name", id="traversal-pdf"),
    pytest.param("..\\x.pdf", pdf_bytes(), "documents.bad_name", id="backslash-traversal"),
    pytest.param("surat\x00.pdf", pdf_bytes(), "documents.bad_name", id="nul"),
    pytest.param("surat\r\nX-Header: 1.pdf", pdf_bytes(), "documents.bad_name", id="crlf"),
    pytest.param("surat.pdf", b"", "documents.empty", id="empty"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "code"), BAD_UPLOADS)
def test_it_refuses_a_bad_new_document_and_writes_nothing(
    name: str, content: bytes, code: str, persona: Any, region: Any, documents_dir: Path
) -> None:
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"),
            region=region(YOGYA),
            kind=DocumentKind.OFFER_LETTER,
            title="Surat penawaran",
            upload=upload(name, content),
        )
    assert refused.value.code == code
    assert refused.value.message_id != refused.value.message_en
    assert row_counts() == before
    assert stored_files(documents_dir) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "code"), BAD_UPLOADS)
def test_it_refuses_a_bad_new_version_and_writes_nothing(
    name: str, content: bytes, code: str, persona: Any, yogya_document: Document, documents_dir: Path
) -> None:
    before, files_before = row_counts(), stored_files(documents_dir)
    with pytest.raises(KerjasamaError) as refused:
        services.add_version(actor=persona("kabkota"), document=yogya_document, upload=upload(name, content))
    assert refused.value.code == code
    assert row_counts() == before
    assert stored_files(documents_dir) == files_before


@pytest.mark.django_db
def test_it_refuses_an_oversize_file_from_its_declared_size_before_reading_it(
    persona: Any, region: Any, settings: Any, documents_dir: Path
) -> None:
    settings.KERJASAMA_DOCUMENT_MAX_BYTES = 1000

    class Unreadable(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise AssertionError("the body was read")

    big = File(Unreadable(pdf_bytes() + b"0" * 2000), name="besar.pdf")
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"), region=region(YOGYA), kind="bukti", title="Bukti", upload=big
        )
    assert refused.value.code == "documents.too_large"
    assert refused.value.http_status == 413
    assert row_counts() == before
    assert stored_files(documents_dir) == []


@pytest.mark.django_db
def test_it_refuses_an_oversize_file_whose_declared_size_lies(
    persona: Any, region: Any, settings: Any, documents_dir: Path
) -> None:
    settings.KERJASAMA_DOCUMENT_MAX_BYTES = 1000
    liar = upload("besar.pdf", pdf_bytes() + b"0" * 2000)
    liar.size = 10
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"), region=region(YOGYA), kind="bukti", title="B", upload=liar
        )
    assert refused.value.code == "documents.too_large"
    assert row_counts() == before
    assert stored_files(documents_dir) == []


@pytest.mark.django_db
def test_it_accepts_a_file_of_exactly_the_limit(persona: Any, region: Any, settings: Any) -> None:
    content = pdf_bytes()
    settings.KERJASAMA_DOCUMENT_MAX_BYTES = len(content)
    version = services.upload_document(
        actor=persona("kabkota"),
        region=region(YOGYA),
        kind="bukti",
        title="Bukti",
        upload=upload("b.pdf", content),
    )
    assert version.size == len(content)


@pytest.mark.django_db
def test_it_refuses_a_zip_bomb_renamed_xlsx(
    persona: Any, region: Any, settings: Any, documents_dir: Path
) -> None:
    settings.KERJASAMA_DOCUMENT_MAX_UNCOMPRESSED_BYTES = 1_000_000
    bomb = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/big.xml": b"\0" * 5_000_000,
        }
    )
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"),
            region=region(YOGYA),
            kind="bukti",
            title="B",
            upload=upload("bom.xlsx", bomb),
        )
    assert refused.value.code == "documents.archive_too_large"
    assert row_counts() == before
    assert stored_files(documents_dir) == []


@pytest.mark.django_db
def test_it_refuses_a_type_the_settings_do_not_accept(persona: Any, region: Any, settings: Any) -> None:
    settings.KERJASAMA_DOCUMENT_TYPES = ["pdf"]
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"),
            region=region(YOGYA),
            kind="bukti",
            title="B",
            upload=upload("a.xlsx", xlsx_bytes()),
        )
    assert refused.value.code == "documents.type_not_allowed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "title", "code"),
    [
        ("surat_cinta", "Judul", "documents.kind_invalid"),
        (DocumentKind.KB, "   ", "documents.title_required"),
        (DocumentKind.KB, "x" * 301, "documents.title_too_long"),
    ],
)
def test_it_refuses_a_bad_kind_or_title(kind: str, title: str, code: str, persona: Any, region: Any) -> None:
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"),
            region=region(YOGYA),
            kind=kind,
            title=title,
            upload=upload("a.pdf", pdf_bytes()),
        )
    assert refused.value.code == code
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["neighbour", "province", "third_party", "auditor", "other_province"])
def test_it_refuses_an_upload_by_someone_not_working_for_the_region(
    who: str, persona: Any, region: Any, documents_dir: Path
) -> None:
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona(who),
            region=region(YOGYA),
            kind="bukti",
            title="Bukti",
            upload=upload("a.pdf", pdf_bytes()),
        )
    assert refused.value.code == "permission_denied"
    assert refused.value.http_status == 403
    assert row_counts() == before
    assert stored_files(documents_dir) == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["kabkota", "ministry", "admin"])
def test_it_lets_the_region_s_officials_the_ministry_and_admins_upload(
    who: str, persona: Any, region: Any
) -> None:
    version = services.upload_document(
        actor=persona(who),
        region=region(YOGYA),
        kind="bukti",
        title="Bukti",
        upload=upload("a.pdf", pdf_bytes()),
    )
    assert version.number == 1
    assert version.uploaded_by == persona(who)


@pytest.mark.django_db
def test_it_hides_a_document_outside_the_jurisdiction_when_adding_a_version(
    persona: Any, yogya_document: Document
) -> None:
    before = row_counts()
    with pytest.raises(KerjasamaError) as refused:
        services.add_version(
            actor=persona("neighbour"), document=yogya_document, upload=upload("a.pdf", pdf_bytes())
        )
    assert refused.value.code == "documents.not_found"
    assert refused.value.http_status == 404
    assert row_counts() == before


@pytest.mark.django_db
def test_it_refuses_a_new_version_by_the_province_that_may_only_read_it(
    persona: Any, yogya_document: Document
) -> None:
    with pytest.raises(KerjasamaError) as refused:
        services.add_version(
            actor=persona("province"), document=yogya_document, upload=upload("a.pdf", pdf_bytes())
        )
    assert refused.value.code == "permission_denied"


@pytest.mark.django_db
def test_it_leaves_no_half_record_when_a_failure_follows_the_stored_file(
    persona: Any, region: Any, documents_dir: Path
) -> None:
    before = row_counts()
    with (
        mock.patch(
            "kerjasama.documents.services.record", side_effect=RuntimeError("audit trail unavailable")
        ),
        pytest.raises(RuntimeError),
    ):
        services.upload_document(
            actor=persona("kabkota"),
            region=region(YOGYA),
            kind="bukti",
            title="B",
            upload=upload("a.pdf", pdf_bytes()),
        )
    assert row_counts() == before
    # The stored bytes stay (content-addressed, harmless) and the next upload of the same content reuses them.
    assert len(stored_files(documents_dir)) == 1
    version = services.upload_document(
        actor=persona("kabkota"),
        region=region(YOGYA),
        kind="bukti",
        title="B",
        upload=upload("a.pdf", pdf_bytes()),
    )
    assert len(stored_files(documents_dir)) == 1
    assert version.blob.storage_name == stored_files(documents_dir)[0].relative_to(documents_dir).as_posix()


@pytest.mark.django_db
def test_it_does_not_accept_a_document_of_a_region_the_uploader_does_not_work_for_even_nearby(
    persona: Any, region: Any
) -> None:
    with pytest.raises(KerjasamaError) as refused:
        services.upload_document(
            actor=persona("kabkota"),
            region=region(SLEMAN),
            kind="bukti",
            title="B",
            upload=upload("a.pdf", pdf_bytes()),
        )
    assert refused.value.code == "permission_denied"
