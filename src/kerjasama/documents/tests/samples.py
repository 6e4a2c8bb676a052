"""Sample files and counters for the documents tests (a PDF, an XLSX, impostors)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from django.core.files import File

from kerjasama.core.models import AuditEvent
from kerjasama.documents.models import Blob, Document, DocumentVersion

YOGYA = "34.71"  # Kota Yogyakarta: the "kabkota" persona's region
SLEMAN = "34.04"  # its neighbour


def stored_files(location: Path) -> list[Path]:
    return sorted(p for p in location.rglob("*") if p.is_file()) if location.exists() else []


def pdf_bytes(text: str = "Kesepakatan Bersama") -> bytes:
    body = f"1 0 obj << /Type /Catalog >> endobj % {text}\n".encode()
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def xlsx_bytes(value: str = "Rencana kerja") -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (members or {"catatan.txt": b"bukan buku kerja"}).items():
            archive.writestr(name, data)
    return out.getvalue()


PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def upload(name: str, content: bytes) -> File:
    """A file as a command or another service hands it over: the name exactly as given.

    (Django's ``UploadedFile`` already cuts a browser's name down to its last ``/`` part; the service does
    not rely on that.)
    """
    return File(io.BytesIO(content), name=name)


def row_counts() -> dict[str, int]:
    """Everything an upload writes to the database."""
    return {
        "documents": Document.objects.count(),
        "history": Document.history.count(),
        "versions": DocumentVersion.objects.count(),
        "blobs": Blob.objects.count(),
        "audit": AuditEvent.objects.filter(action__startswith="document.").count(),
    }
