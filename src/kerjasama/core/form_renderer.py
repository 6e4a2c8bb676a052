"""The form renderer (``FORM_RENDERER``): Django's own templates, except that a ``<select>`` is written in Python.

Django renders every ``<option>`` of a select through two included templates; the agreements list's filter form
(stage, affair, province: about ninety options) spent a fifth of the page's time there under load
(``bench/load``, py-spy). :func:`render_select` writes the same characters as Django's ``select.html``,
``select_option.html`` and ``attrs.html`` (``core/tests/test_form_renderer.py`` holds the two equal, selected
options, groups, multiple selects and escaping included); any other widget, or a select whose template an app
replaced, goes through the templates as before.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """``attrs.html``: `` name="value"`` each, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def render_select(widget: dict[str, Any]) -> str | None:
    """The select of a widget context as Django's templates write it (before the renderer's ``strip``), or
    None when an option uses another template than Django's own."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f'{conditional_escape(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    """Django's template renderer with :func:`render_select` for plain selects."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
        if isinstance(widget, dict) and widget.get("template_name") == SELECT_TEMPLATE:
            rendered = render_select(widget)
            if rendered is not None:
                return rendered.strip()
        return str(super().render(template_name, context, request))
