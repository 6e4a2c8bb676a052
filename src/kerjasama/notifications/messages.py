"""Rendering a notification's subject and body from its kind's templates, in a chosen language.

Each kind has two plain-text templates, ``notifications/messages/<kind>/subject.txt`` and ``body.txt``,
written with ``{% blocktranslate %}`` (Indonesian through the catalogue, English as the source). The text is
rendered when it is shown or e-mailed, in the reader's language, so switching the language switches every
notification already received.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from kerjasama.notifications.choices import Language


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


def template_names(kind: str) -> tuple[str, str]:
    return (f"notifications/messages/{kind}/subject.txt", f"notifications/messages/{kind}/body.txt")


def _plain(rendered: str) -> str:
    # render_to_string returns a SafeString; str methods return a plain str, so the message is escaped
    # wherever it is shown in HTML (a reason typed by an official is never markup).
    return rendered.strip()


def render_message(kind: str, context: Mapping[str, Any], language: str | None = None) -> RenderedMessage:
    """The subject (one line) and body of a ``kind`` message; ``language=None`` keeps the active language."""
    subject_template, body_template = template_names(kind)
    values = dict(context)
    with translation.override(language) if language else nullcontext():
        values.setdefault("LANGUAGE_CODE", translation.get_language() or Language.INDONESIAN)
        subject = " ".join(_plain(render_to_string(subject_template, values)).split())
        body = _plain(render_to_string(body_template, values))
    return RenderedMessage(subject=subject, body=body)
