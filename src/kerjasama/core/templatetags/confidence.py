"""``{% shown_confidence confidence source as conf %}``: the confidence a page shows (``core.sources``), with
its label on the one scale of ``core.choices.Confidence`` and, when capped, the reason in the active language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from kerjasama.core.choices import Confidence
from kerjasama.core.sources import shown_confidence as _shown

register = template.Library()


@register.simple_tag
def shown_confidence(confidence: str, source: str = "") -> dict[str, Any]:
    shown = _shown(confidence or "U", source or "")
    english = (get_language() or "").startswith("en")
    return {
        "value": shown.value,
        "label": Confidence(shown.value).label if shown.value in Confidence.values else shown.value,
        "capped": bool(shown.reason_id),
        "reason": shown.reason_en if english else shown.reason_id,
    }
