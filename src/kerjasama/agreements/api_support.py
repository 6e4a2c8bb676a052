"""What the API routes about an agreement share, in the agreements app and in the apps above it (lifecycle,
obligations): the bounded record id of a path, the documented error answers, the route factory that writes
them into the OpenAPI document, the agreement as the caller saw it, and a document the caller may see.

The same permissions everywhere (issue 10, items 8 and 9): a record outside the caller's visibility is a 404
exactly as if it did not exist, a visible one the caller may not act on a 403, a lost race a 409, bad input a
422; the body of every error is ``ErrorOut``.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Router

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.schemas import ErrorOut
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.documents.selectors import visible_document

#: A record id in a path (bounded: a larger number is a 422, never a database overflow).
RecordId = PathEx[int, P(ge=1, le=MAX_OFFSET)]

#: Documented answers of the read routes.
READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}
#: Documented answers of the write routes.
WRITE_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def writes_note(
    *, changed: str = "the record changed meanwhile (reload and retry)", bad: str = "bad input"
) -> str:
    """The sentence a write route's description ends with: its error answers (``changed``: what a 409 means
    there; ``bad``: what a 422 means)."""
    return (
        f" Answers 403 when the caller may not act (policy), 404 outside the caller's visibility, 409 when "
        f"{changed}, 422 on {bad}."
    )


def write_route(
    router: Router,
    path: str,
    out: Any,
    *,
    summary: str,
    description: str = "",
    note: str,
    status: int = 200,
    method: str = "post",
) -> Callable[[Callable[..., Any]], Any]:
    """The decorator of a write route: ``method`` on ``path`` answering ``status`` with ``out`` or one of the
    documented errors, its description ending with ``note`` (a :func:`writes_note`)."""
    return getattr(router, method)(
        path,
        response={status: out, **WRITE_ERRORS},
        summary=summary,
        description=(description + note).strip(),
    )


def seen_agreement(request: HttpRequest, agreement_id: int, expected_stage: str) -> Agreement:
    """The visible agreement as the caller saw it: the services compare this stage with the stored one (under
    the row lock) and answer 409 ``agreements.stage_conflict`` when they differ."""
    agreement = visible_agreement(request.user, agreement_id)
    agreement.stage = expected_stage
    return agreement


def visible_file(request: HttpRequest, document_id: int | None) -> Any:
    """The document a payload names, if the caller may see it (``documents.not_found`` otherwise); ``None``
    when none is named."""
    return visible_document(request.user, document_id) if document_id is not None else None
