"""Django system check: the KERJASAMA_RULEBOOK_* parameters must parse, or nothing starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def rulebook_settings_parse(app_configs: Any, **kwargs: Any) -> list[Error]:
    from kerjasama.compliance.selectors import rulebook_settings

    try:
        rulebook_settings()
    except ValueError as exc:
        return [Error(f"KERJASAMA_RULEBOOK_*: {exc}", id="kerjasama.E001")]
    return []
