"""Reading a zip archive's central directory before anything is unpacked (pure Python, no Django).

An XLSX upload is a zip archive: a 2 MB file can declare hundreds of megabytes of XML (a "zip bomb", or a
sheet of millions of empty rows) that a parser would spend minutes on. :func:`check_zip_directory` reads only
the directory (nothing is decompressed) and refuses an archive whose members' declared uncompressed sizes or
number exceed the caps. The declared size is a real bound: Python's ``zipfile``, which openpyxl reads
through, stops at the declared size of a member, so a member cannot unpack into more than it declares.

Used by every upload and import that accepts an XLSX (documents, the region profile import).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from kerjasama.core.errors import KerjasamaError

ZIP_MAGIC = b"PK\x03\x04"
#: More members than any real workbook has; a larger directory is refused before it is inspected further.
MAX_ARCHIVE_MEMBERS = 10_000


class ArchiveTooLarge(KerjasamaError):
    """The archive would unpack into more than the limit (HTTP 413)."""

    http_status = 413


@dataclass(frozen=True)
class ZipDirectory:
    """What an archive's central directory declares."""

    names: frozenset[str]
    members: int
    uncompressed_bytes: int


def read_zip_directory(stream: IO[bytes]) -> ZipDirectory | None:
    """The archive's directory, or ``None`` when ``stream`` is not a readable zip; leaves the stream at 0."""
    stream.seek(0)
    if not stream.read(len(ZIP_MAGIC)).startswith(ZIP_MAGIC):
        stream.seek(0)
        return None
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return None
    finally:
        stream.seek(0)
    return ZipDirectory(
        names=frozenset(m.filename for m in members),
        members=len(members),
        uncompressed_bytes=sum(m.file_size for m in members),
    )


def archive_too_large(code: str, limit: int, max_members: int = MAX_ARCHIVE_MEMBERS) -> ArchiveTooLarge:
    return ArchiveTooLarge(
        code,
        f"Arsip XLSX terlalu besar setelah diekstrak (batas {limit} bita, {max_members} anggota).",
        f"The XLSX archive is too large once unpacked (limit {limit} bytes, {max_members} members).",
    )


def check_zip_directory(
    stream: IO[bytes], *, max_uncompressed: int, code: str, max_members: int = MAX_ARCHIVE_MEMBERS
) -> ZipDirectory | None:
    """:func:`read_zip_directory`, refusing (``ArchiveTooLarge`` with ``code``) an archive whose declared
    uncompressed total exceeds ``max_uncompressed`` bytes or whose members exceed ``max_members``."""
    directory = read_zip_directory(stream)
    if directory is not None and (
        directory.members > max_members or directory.uncompressed_bytes > max_uncompressed
    ):
        raise archive_too_large(code, max_uncompressed, max_members)
    return directory
