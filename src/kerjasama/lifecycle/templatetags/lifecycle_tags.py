"""``{% lifecycle_panel a %}``: the agreement page's block of amendments and lineage (predecessor and
successor links), so the agreements template needs one line to show it."""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.agreements.choices import AgreementStage
from kerjasama.lifecycle import selectors

#: Amendments are recorded only on an agreement in force, so only these stages can have any.
_AMENDABLE = (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)

register = template.Library()


@register.inclusion_tag("lifecycle/_panel.html", takes_context=True)
def lifecycle_panel(context: Any, agreement: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "a": agreement,
        "amendments": selectors.amendments_of(agreement) if agreement.stage in _AMENDABLE else [],
        "lineage": selectors.lineage(agreement, user),
    }
