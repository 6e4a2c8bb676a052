"""``{% monev_panel agreement %}``: the monev link and the stagnation flags on the agreement page (one include
line in ``agreements/detail.html``: ``{% include "monev/_agreement_panel.html" %}``)."""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.agreements.choices import AgreementStage
from kerjasama.monev.choices import Flag
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
