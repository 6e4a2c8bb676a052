"""The signing settings (``core/settings.py``, documented in ``.env.example`` and ``docs/signing.md``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

FAKE = "fake"
BSRE = "bsre"


def signer_kind() -> str:
    """``fake`` (a local demo CA, not BSrE) or ``bsre`` (the region's own eSign Client Service)."""
    return str(settings.KERJASAMA_SIGNER).strip().lower()


def fake_allowed() -> bool:
    """The fake signer runs outside production, or in production only when explicitly allowed (a demo)."""
    return (not settings.PRODUCTION) or bool(settings.KERJASAMA_SIGNER_ALLOW_FAKE)


def fake_signer_dir() -> Path:
    return Path(settings.KERJASAMA_FAKE_SIGNER_DIR)


def bsre_url() -> str:
    return str(settings.KERJASAMA_BSRE_URL).rstrip("/")


def bsre_credentials() -> tuple[str, str]:
    return str(settings.KERJASAMA_BSRE_CLIENT_ID), str(settings.KERJASAMA_BSRE_CLIENT_SECRET)


def bsre_timeout_s() -> float:
    return float(settings.KERJASAMA_BSRE_TIMEOUT_S)


def bsre_paths() -> dict[str, str]:
    """The API v2 paths [U]: from BSrE's integration guide as generally described; confirm per installation."""
    return {
        "sign": str(settings.KERJASAMA_BSRE_SIGN_PATH),
        "status": str(settings.KERJASAMA_BSRE_STATUS_PATH),
        "verify": str(settings.KERJASAMA_BSRE_VERIFY_PATH),
    }


def footer_text() -> str:
    return str(settings.KERJASAMA_SIGNATURE_FOOTER_TEXT)


def site_url() -> str:
    return str(settings.KERJASAMA_SITE_URL).rstrip("/")


def verify_max_bytes() -> int:
    return int(settings.KERJASAMA_VERIFY_MAX_BYTES)


def verify_rate_per_minute() -> int:
    return int(settings.KERJASAMA_VERIFY_RATE_PER_MINUTE)
