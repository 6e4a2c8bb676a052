"""``{% monev_panel agreement %}``: the monev link and the stagnation flags on the agreement page (one include
line in ``agreements/detail.html``: ``{% include "monev/_agreement_panel.html" %}``); ``{{ value|rating_label }}``:
a stored rating as the scale's label in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from kerjasama.agreements.choices import AgreementStage
from kerjasama.monev.choices import Flag
from kerjasama.monev.conf import monev_settings
from kerjasama.monev.selectors import flags_for

register = template.Library()


@register.inclusion_tag("monev/_panel.html")
def monev_panel(agreement: Any) -> dict[str, Any]:
    """Shown for an agreement in force or ended (the stages with monev); the flags only while in force."""
    show = agreement is not None and agreement.stage in (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)
    flags = (
        [Flag(f) for f in flags_for([agreement.pk]).get(agreement.pk, [])]
        if show and agreement.stage == AgreementStage.PELAKSANAAN
        else []
    )
    return {"show": show, "agreement": agreement, "flags": flags}


@register.filter
def rating_label(value: str) -> str:
    """The label of a stored rating in the active language (``KERJASAMA_MONEV_RATING_SCALE``: "baik" is "Baik"
    in Indonesian and "Good" in English); a value the scale no longer has is shown as stored."""
    rating = monev_settings().rating(value)
    if rating is None:
        return value
    return rating.label_en if (get_language() or "").startswith("en") else rating.label_id
