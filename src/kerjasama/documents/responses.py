"""The one way a document's bytes leave the system: a streamed attachment after the permission check.

Used by the page (``/dokumen/<id>/versi/<n>/unduh/``) and the API (``/api/v1/documents/{id}/versions/{n}/
download``). The file is always an attachment with the content type detected at upload, never sniffed by the
browser, and never cached by shared caches.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse

from kerjasama.core.actors import Actor
from kerjasama.documents.models import DocumentVersion
from kerjasama.documents.services import open_version

FALLBACK_STEM = "dokumen"
_ASCII_SAFE = re.compile(r"[A-Za-z0-9 ._()-]")


def ascii_file_name(name: str) -> str:
    """An ASCII stand-in for ``name`` for clients that ignore ``filename*`` (accents dropped, rest "_")."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""

    def clean(text: str) -> str:
        kept = []
        for ch in unicodedata.normalize("NFKD", text):
            if unicodedata.combining(ch):  # the accent of "é" goes, the "e" stays
                continue
            kept.append(ch if _ASCII_SAFE.fullmatch(ch) else "_")
        return " ".join("".join(kept).split()).strip(" .")

    stem, extension = clean(stem), clean(extension)
    if not stem.strip("_"):
        stem = FALLBACK_STEM
    return f"{stem}.{extension}" if extension else stem


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the exact name as ``filename*`` (RFC 6266, RFC 5987)."""
    return f"attachment; filename=\"{ascii_file_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def download_response(*, actor: Actor, version: DocumentVersion) -> FileResponse:
    """Stream ``version`` to ``actor`` (refused as not found outside the jurisdiction; the download is audited)."""
    handle = open_version(actor=actor, version=version)
    response = FileResponse(handle, content_type=version.content_type)
    response["Content-Disposition"] = content_disposition(version.original_name)
    response["Content-Length"] = str(version.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response
