"""Django system check: the KERJASAMA_REPORT_* parameters must parse, or nothing starts."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register


@register()
def report_settings_parse(app_configs: Any, **kwargs: Any) -> list[Error]:
    from kerjasama.reports.conf import report_settings

    try:
        report_settings()
    except ValueError as exc:
        return [Error(f"KERJASAMA_REPORT_*: {exc}", id="kerjasama.reports.E001")]
    return []
