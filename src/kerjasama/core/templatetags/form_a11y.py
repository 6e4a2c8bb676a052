"""Form fields tied to their help and their errors for screen readers (issue 9, section 8; WCAG 2.1 SC 1.3.1,
3.3.1): ``{{ field|accessible }}`` renders the widget with ``aria-describedby`` naming the help text
(``<id>_helptext``) and the error list (``<id>_errors``) where they exist, and ``aria-invalid="true"`` when the
field has errors; the template puts those ids on the help and error elements (``core/_field.html`` does both).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

register = template.Library()


def help_id(field: Any) -> str:
    return f"{field.auto_id}_helptext"


def errors_id(field: Any) -> str:
    return f"{field.auto_id}_errors"


@register.filter
def accessible(field: Any) -> SafeString:
    """The widget of ``field`` with its help and errors named in ``aria-describedby``."""
    described = []
    attrs: dict[str, str] = {}
    if field.help_text:
        described.append(help_id(field))
    if field.errors:
        described.append(errors_id(field))
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    rendered: SafeString = field.as_widget(attrs=attrs)
    return rendered
