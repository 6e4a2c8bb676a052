"""System checks of the documents settings (``kerjasama manage check`` and every start-up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from kerjasama.documents.choices import FileType
from kerjasama.documents.domain.signatures import TrustRootError, parse_certificates


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
    problems.extend(_trust_root_problems())
    return problems


def _trust_root_problems() -> list[CheckMessage]:
    """Every ``KERJASAMA_SIGNATURE_TRUST_ROOTS`` file must be a readable PEM or DER certificate."""
    problems: list[CheckMessage] = []
    for path in settings.KERJASAMA_SIGNATURE_TRUST_ROOTS:
        try:
            parse_certificates(Path(path).read_bytes())
        except (OSError, TrustRootError) as exc:
            problems.append(
                Error(
                    f"KERJASAMA_SIGNATURE_TRUST_ROOTS: {path} is not a readable X.509 certificate ({exc})",
                    hint="List PEM or DER certificate files separated by ':' or ','.",
                    id="documents.E003",
                )
            )
    return problems
