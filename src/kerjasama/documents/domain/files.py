"""Checking an uploaded file before anything is stored (pure Python, no Django; house rule 6).

A document of a cooperation (offer letter, Kesepakatan Bersama, Perjanjian Kerja Sama, minutes, evidence) is
accepted only when its content is what its name says:

- a PDF starts with the magic bytes ``%PDF-``;
- an XLSX is a valid zip archive whose central directory lists ``[Content_Types].xml`` and
  ``xl/workbook.xml``. Only the directory is read (nothing is decompressed), and the members' declared
  uncompressed sizes and their number are capped, so a small upload cannot unpack into gigabytes later.

The file name a user sent is kept for the download (it is never used as a storage path: the content is stored
under its SHA-256). It is refused when it tries to be a path (separators, ``..``) or carries control
characters, and otherwise made tidy and length-capped while staying readable.
"""

from __future__ import annotations

import re
import unicodedata
from typing import IO

# The zip-directory check is shared with the other XLSX imports; its cap is re-exported for the tests.
from kerjasama.core.archives import MAX_ARCHIVE_MEMBERS as MAX_ARCHIVE_MEMBERS
from kerjasama.core.archives import archive_too_large as _archive_too_large
from kerjasama.core.archives import check_zip_directory
from kerjasama.core.errors import KerjasamaError

PDF_MAGIC = b"%PDF-"
#: The members every XLSX (SpreadsheetML package, ISO/IEC 29500) has.
XLSX_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
#: The longest file name kept (characters, extension included).
MAX_NAME_LENGTH = 120
#: Unicode categories refused in a name: control, format (e.g. right-to-left override), surrogates, private
#: use, line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
#: Characters that are awkward in a file name on some system or in a header; replaced by "_".
_AWKWARD = re.compile(r'[<>:"|?*;]')


class FileTooLarge(KerjasamaError):
    """The file is larger than the limit (HTTP 413)."""

    http_status = 413


def too_large(limit: int) -> FileTooLarge:
    return FileTooLarge(
        "documents.too_large",
        f"Berkas terlalu besar: batasnya {limit} bita.",
        f"The file is too large: the limit is {limit} bytes.",
    )


def empty_file() -> KerjasamaError:
    return KerjasamaError("documents.empty", "Berkas kosong.", "The file is empty.")


def bad_name(why_id: str, why_en: str) -> KerjasamaError:
    return KerjasamaError(
        "documents.bad_name",
        f"Nama berkas tidak dapat diterima: {why_id}.",
        f"The file name is refused: {why_en}.",
    )


def type_not_allowed(extension: str, allowed: tuple[str, ...]) -> KerjasamaError:
    shown = extension or "-"
    kinds = ", ".join(allowed)
    return KerjasamaError(
        "documents.type_not_allowed",
        f"Jenis berkas .{shown} tidak diterima; yang diterima: {kinds}.",
        f"Files of type .{shown} are not accepted; accepted: {kinds}.",
    )


def type_mismatch(extension: str, detected: str | None) -> KerjasamaError:
    found_id = f"berisi {detected.upper()}" if detected else "isinya tidak dikenali"
    found_en = f"contains {detected.upper()}" if detected else "its content is not recognised"
    return KerjasamaError(
        "documents.type_mismatch",
        f"Isi berkas tidak sesuai dengan namanya (.{extension}): berkas ini {found_id}.",
        f"The file's content does not match its name (.{extension}): the file {found_en}.",
    )


def archive_too_large(limit: int) -> KerjasamaError:
    return _archive_too_large("documents.archive_too_large", limit)


def sanitise_file_name(raw: str) -> str:
    """A readable, safe file name, or :class:`KerjasamaError` ``documents.bad_name``.

    Refused: path separators (``/``, ``\\``), a name that is only dots, control and format characters. Kept
    readable: Unicode letters and spaces stay; runs of whitespace become one space; ``<>:"|?*;`` become
    ``_``; runs of dots become one dot; leading and trailing dots and spaces go; the stem is cut so that the
    whole name fits :data:`MAX_NAME_LENGTH` with its extension intact.
    """
    name = unicodedata.normalize("NFC", raw or "")
    if "/" in name or "\\" in name:
        raise bad_name("mengandung pemisah direktori (/ atau \\)", "it contains a path separator (/ or \\)")
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in name):
        raise bad_name("mengandung karakter kendali", "it contains control characters")
    if name.strip(" .") == "" and ".." in name:
        raise bad_name("hanya terdiri atas titik", "it consists of dots only")
    name = " ".join(name.split())
    name = _AWKWARD.sub("_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = name.strip(" .")
    if not name:
        raise bad_name("nama kosong", "the name is empty")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    if len(suffix) > 16:  # not an extension but the end of a long name
        stem, suffix = name, ""
    stem = stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .")
    return f"{stem}{suffix}" if stem else name[:MAX_NAME_LENGTH]


def extension_of(name: str) -> str:
    """The lower-case extension of a (sanitised) name, without the dot; "" when there is none."""
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def detect_type(stream: IO[bytes], *, max_uncompressed: int) -> str | None:
    """``"pdf"``, ``"xlsx"``, ``"zip"`` (an archive that is not a workbook) or ``None`` (not recognised).

    Reads the first bytes and, for a zip, the central directory only; leaves the stream at position 0.
    Raises ``documents.archive_too_large`` when the members' declared uncompressed total or their number
    exceeds the caps.
    """
    stream.seek(0)
    head = stream.read(len(PDF_MAGIC))
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    directory = check_zip_directory(
        stream, max_uncompressed=max_uncompressed, code="documents.archive_too_large"
    )
    if directory is None:
        return None
    return "xlsx" if all(member in directory.names for member in XLSX_MEMBERS) else "zip"
