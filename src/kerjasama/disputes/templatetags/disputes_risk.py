"""``{% risk_link agreement %}``: the agreement page's link to its early-warning risk (one query; shown only
to whoever may see the agreement's risk)."""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.accounts.policy import can
from kerjasama.disputes.models import RiskAssessment

register = template.Library()


@register.inclusion_tag("disputes/risk_agreement_link.html", takes_context=True)
def risk_link(context: Any, agreement: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if agreement is None or user is None or not can(user, "disputes.view_risk", agreement):
        return {"show": False}
    return {
        "show": True,
        "agreement": agreement,
        "assessment": RiskAssessment.objects.filter(agreement=agreement).first(),
    }
