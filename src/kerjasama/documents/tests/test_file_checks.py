"""The pure checks of an uploaded file: its name, and its type by content (no database, no storage)."""

from __future__ import annotations

import io
import zipfile

import pytest

from kerjasama.core.errors import KerjasamaError
from kerjasama.documents.domain.files import (
    MAX_ARCHIVE_MEMBERS,
    MAX_NAME_LENGTH,
    detect_type,
    extension_of,
    sanitise_file_name,
)
from kerjasama.documents.tests.samples import PNG_BYTES, pdf_bytes, xlsx_bytes, zip_bytes

BIG = 10**9


@pytest.mark.parametrize(
    "raw",
    [
        "../../etc/passwd",
        "..\\x.pdf",
        "/etc/passwd.pdf",
        "C:\\Windows\\x.pdf",
        "laporan\x00.pdf",
        "laporan\n.pdf",
        "laporan\t2026.pdf",
        "berita\x1bacara.pdf",
        "kontrak\u202efdp.exe",  # right-to-left override: shows as "kontrakexe.pdf"
        "..",
        "",
    ],
)
def test_it_refuses_names_that_are_paths_or_carry_control_characters(raw: str) -> None:
    with pytest.raises(KerjasamaError) as refused:
        sanitise_file_name(raw)
    assert refused.value.code == "documents.bad_name"
    assert refused.value.message_id and refused.value.message_en


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("PKS Sampah 2026.pdf", "PKS Sampah 2026.pdf"),
        ("  Berita   Acara  Rapat .pdf ", "Berita Acara Rapat.pdf"),
        ("Notulen\u00a0Rapat.pdf", "Notulen Rapat.pdf"),
        ('Surat "Penawaran": v2?.pdf', "Surat _Penawaran__ v2_.pdf"),
        ("..hidden.pdf", "hidden.pdf"),
        ("laporan..final...pdf", "laporan.final.pdf"),
        ("Kesepakatan Bersama Daérah – Ñusantara.pdf", "Kesepakatan Bersama Daérah – Ñusantara.pdf"),
    ],
)
def test_it_keeps_a_readable_name(raw: str, clean: str) -> None:
    assert sanitise_file_name(raw) == clean


def test_it_caps_a_long_name_and_keeps_its_extension() -> None:
    name = sanitise_file_name("Rencana Kerja " * 30 + ".xlsx")
    assert len(name) <= MAX_NAME_LENGTH
    assert name.endswith(".xlsx")
    assert name.startswith("Rencana Kerja Rencana")


def test_it_reads_the_extension_of_a_name() -> None:
    assert extension_of("PKS.PDF") == "pdf"
    assert extension_of("tanpa ekstensi") == ""
    assert extension_of("arsip.tar.gz") == "gz"


def test_it_recognises_a_pdf_by_its_magic_bytes() -> None:
    stream = io.BytesIO(pdf_bytes())
    assert detect_type(stream, max_uncompressed=BIG) == "pdf"
    assert stream.tell() == 0


def test_it_recognises_an_xlsx_by_its_zip_directory() -> None:
    stream = io.BytesIO(xlsx_bytes())
    assert detect_type(stream, max_uncompressed=BIG) == "xlsx"
    assert stream.tell() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PNG_BYTES, None),
        (b"hanya teks biasa", None),
        (b"PK\x03\x04 a truncated archive", None),
        (zip_bytes(), "zip"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>"}), "zip"),  # no xl/workbook.xml
        (b"   %PDF-1.7 not at the start", None),
    ],
)
def test_it_tells_other_content_apart(content: bytes, expected: str | None) -> None:
    assert detect_type(io.BytesIO(content), max_uncompressed=BIG) == expected


def test_it_refuses_an_archive_that_would_unpack_beyond_the_cap_without_unpacking_it() -> None:
    # 5 MB of zeros compress to a few kilobytes: a small upload, a large unpacked size.
    bomb = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/big.xml": b"\0" * 5_000_000,
        }
    )
    assert len(bomb) < 50_000
    with pytest.raises(KerjasamaError) as refused:
        detect_type(io.BytesIO(bomb), max_uncompressed=1_000_000)
    assert refused.value.code == "documents.archive_too_large"


def test_it_refuses_an_archive_with_too_many_members() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(MAX_ARCHIVE_MEMBERS + 1):
            archive.writestr(f"m{i}", b"")
    with pytest.raises(KerjasamaError) as refused:
        detect_type(out, max_uncompressed=BIG)
    assert refused.value.code == "documents.archive_too_large"
