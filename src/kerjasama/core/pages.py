"""What every app's pages share when a service refuses: one way to show a ``KerjasamaError`` (issue 7).

The message is the error's own, in the active language (``KerjasamaError.message``), so a page says exactly
what the API (``message_id``/``message_en``) and the ``kerjasama`` commands say: a lost race reads
"someone changed it a moment ago" with the record's current state, a refused action names the permission.
"""

from __future__ import annotations

from typing import Any

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


def form_error_text(form: Any) -> str:
    """A bound form's errors as one line for a page message, each led by the field's label as the page shows
    it ("Nilai: ..."), never by the field's internal name (issue 9)."""
    parts = []
    for name, errors in form.errors.items():
        messages_text = " ".join(str(e) for e in errors)
        if name == "__all__":
            parts.append(messages_text)
        else:
            parts.append(f"{form.fields[name].label}: {messages_text}")
    return " · ".join(parts)
