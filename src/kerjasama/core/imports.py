"""The caps every import applies before it parses a file (house rule 6: bad input gets a clear error).

A CSV import (functional areas, affairs and the authority matrix) reads its file only when the file is within
``KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES`` and holds at most ``KERJASAMA_IMPORT_MAX_ROWS`` lines below its
header; an XLSX import checks its zip directory first (:mod:`kerjasama.core.archives`). Reading and checking
happen outside any transaction; only the write is inside one, so a large file never holds the write lock.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from kerjasama.core.errors import KerjasamaError


def max_import_bytes() -> int:
    return int(settings.KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES)


def max_import_rows() -> int:
    return int(settings.KERJASAMA_IMPORT_MAX_ROWS)


def file_too_large(code: str, name: str, limit: int) -> KerjasamaError:
    return KerjasamaError(
        code,
        f"Berkas {name} terlalu besar untuk diimpor (batas {limit} bita).",
        f"The file {name} is too large to import (limit {limit} bytes).",
    )


def too_many_rows(code: str, name: str, limit: int) -> KerjasamaError:
    return KerjasamaError(
        code,
        f"Berkas {name} memuat lebih dari {limit} baris data; periksa berkasnya atau bagi menjadi beberapa.",
        f"The file {name} holds more than {limit} data rows; check the file or split it.",
    )


def read_import_text(path: Path, *, app: str) -> str:
    """The UTF-8 text of a CSV to import, refused (``<app>.file_too_large``, ``<app>.too_many_rows``) before it
    is parsed when it is over the caps. ``OSError`` and ``UnicodeDecodeError`` are the caller's to report."""
    limit = max_import_bytes()
    if path.stat().st_size > limit:
        raise file_too_large(f"{app}.file_too_large", path.name, limit)
    text = path.read_text(encoding="utf-8")
    rows = max_import_rows()
    if text.count("\n", 0, len(text.rstrip("\r\n"))) > rows:  # header + ``rows`` lines at most
        raise too_many_rows(f"{app}.too_many_rows", path.name, rows)
    return text
