"""System checks of the documents settings (``kerjasama manage check`` and every start-up)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from kerjasama.documents.choices import FileType


def check_document_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every accepted type must be one the system recognises by content; the limits must be positive."""
    problems: list[CheckMessage] = []
    unknown = sorted({t.strip().lower() for t in settings.KERJASAMA_DOCUMENT_TYPES} - set(FileType.values))
    if unknown:
        problems.append(
            Error(
                f"KERJASAMA_DOCUMENT_TYPES names types that cannot be checked by content: {', '.join(unknown)}",
                hint=f"Use some of: {', '.join(FileType.values)}.",
                id="documents.E001",
            )
        )
    for name in ("KERJASAMA_DOCUMENT_MAX_BYTES", "KERJASAMA_DOCUMENT_MAX_UNCOMPRESSED_BYTES"):
        if int(getattr(settings, name)) <= 0:
            problems.append(Error(f"{name} must be a positive number of bytes", id="documents.E002"))
    return problems
