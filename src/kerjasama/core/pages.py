"""What every app's pages share when a service refuses: one way to show a ``KerjasamaError`` (issue 7).

The message is the error's own, in the active language (``KerjasamaError.message``), so a page says exactly
what the API (``message_id``/``message_en``) and the ``kerjasama`` commands say: a lost race reads
"someone changed it a moment ago" with the record's current state, a refused action names the permission.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language

from kerjasama.core.errors import KerjasamaError, PermissionDenied


def error_text(exc: KerjasamaError, *, details: int = 0) -> str:
    """The error's message in the active language, followed by up to ``details`` of its details."""
    language = get_language()
    parts = [exc.message(language)] + [detail.message(language) for detail in exc.details[:details]]
    return " · ".join(parts)


def page_denied(action: str) -> DjangoPermissionDenied:
    """What a page raises when policy refuses ``action``: Django's 403, carrying the error that names the action
    in words (the 403 page shows it)."""
    return DjangoPermissionDenied(PermissionDenied(action))


def show_error(request: HttpRequest, exc: KerjasamaError, *, details: int = 0) -> None:
    """Show ``exc`` on the next page (Django's messages framework), in the active language."""
    messages.error(request, error_text(exc, details=details))


def apply_error(form: Form, exc: KerjasamaError) -> None:
    """Put a refusal beside the field it concerns (a detail whose ``location`` names a field of the form), else
    on top of the form; what the official typed stays in the form."""
    english = (get_language() or "").startswith("en")
    placed = False
    for detail in exc.details:
        if detail.location in form.fields:
            form.add_error(detail.location, detail.message_en if english else detail.message_id)
            placed = True
    if not placed:
        form.add_error(None, error_text(exc))


_Result = TypeVar("_Result")


def form_outcome(
    request: HttpRequest,
    form: Form,
    run: Callable[[], _Result],
    *,
    done: str | Callable[[_Result], str],
    to: str | Callable[[_Result], str],
) -> HttpResponse | None:
    """The outcome of a form page's service call ``run`` (a valid form's data already bound to it).

    A refusal (``KerjasamaError``) goes onto the form (:func:`apply_error`) and the answer is ``None``: the caller
    renders the form again. Otherwise the success message ``done`` is flashed and the answer redirects to ``to``
    (each a text, or a function of the service's result).
    """
    try:
        result = run()
    except KerjasamaError as exc:
        apply_error(form, exc)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to(result) if callable(to) else to)


def form_error_text(form: Any) -> str:
    """A bound form's errors as one line for a page message, each led by the field's label as the page shows
    it ("Nilai: ..."), never by the field's internal name (issue 9)."""
    parts = []
    for name, errors in form.errors.items():
        messages_text = " ".join(str(e) for e in errors)
        label = f"{form.fields[name].label}: " if name in form.fields else ""
        parts.append(messages_text if messages_text.startswith(label) else label + messages_text)
    return " · ".join(parts)


class LabelledErrorsMixin:
    """A form whose every field error starts with the field's label ("Nilai: ..."), wherever it is shown:
    under the field, in a page message, read by a screen reader (issue 9)."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        errors = self._errors  # type: ignore[attr-defined]
        for name in list(errors):
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is None:
                continue
            prefix = f"{field.label}: "
            errors[name] = self.error_class(  # type: ignore[attr-defined]
                [m if m.startswith(prefix) else prefix + m for m in errors[name]],
                renderer=self.renderer,  # type: ignore[attr-defined]
            )
