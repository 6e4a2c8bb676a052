"""The oversight app's settings (``KERJASAMA_PUBLIC_API_RATE_PER_MINUTE``, ``KERJASAMA_OCDS_PREFIX`` in
``core/settings.py``; ``.env.example``). Neither is a legal parameter: both are local operating policy."""

from __future__ import annotations

from django.conf import settings

#: Requests per client address and minute on the public API when the setting is absent.
DEFAULT_PUBLIC_RATE = 60
#: OCDS ``ocid`` prefix when none is configured [U]: a placeholder, not registered with the Open Contracting
#: Partnership; a publisher registers its own prefix and sets it here.
DEFAULT_OCDS_PREFIX = "ocds-ksd000"


def public_api_rate_per_minute() -> int:
    """Requests per client address (``accounts.lockout.client_ip``) and clock minute on ``/api/v1/public/``;
    0 turns the limit off. Local policy: the public API needs no login, so the limit is per address."""
    return int(getattr(settings, "KERJASAMA_PUBLIC_API_RATE_PER_MINUTE", DEFAULT_PUBLIC_RATE))


def ocds_prefix() -> str:
    """The ``ocid`` prefix of the OCDS export (``ocds-`` and six characters, registered with OCP)."""
    return str(getattr(settings, "KERJASAMA_OCDS_PREFIX", "") or DEFAULT_OCDS_PREFIX)
