"""Django system check: the KERJASAMA_MONEV_* parameters must parse, or nothing starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def monev_settings_parse(app_configs: Any, **kwargs: Any) -> list[Error]:
    from kerjasama.monev.conf import monev_settings

    try:
        monev_settings()
    except ValueError as exc:
        return [Error(f"KERJASAMA_MONEV_*: {exc}", id="kerjasama.monev.E001")]
    return []
