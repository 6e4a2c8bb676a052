"""What every app's pages share when a service refuses: one way to show a ``KerjasamaError`` (issue 7).

The message is the error's own, in the active language (``KerjasamaError.message``), so a page says exactly
what the API (``message_id``/``message_en``) and the ``kerjasama`` commands say: a lost race reads
"someone changed it a moment ago" with the record's current state, a refused action names the permission.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import get_language

from kerjasama.core.errors import KerjasamaError


def error_text(exc: KerjasamaError, *, details: int = 0) -> str:
    """The error's message in the active language, followed by up to ``details`` of its details."""
    language = get_language()
    parts = [exc.message(language)] + [detail.message(language) for detail in exc.details[:details]]
    return " · ".join(parts)


def show_error(request: HttpRequest, exc: KerjasamaError, *, details: int = 0) -> None:
    """Show ``exc`` on the next page (Django's messages framework), in the active language."""
    messages.error(request, error_text(exc, details=details))
