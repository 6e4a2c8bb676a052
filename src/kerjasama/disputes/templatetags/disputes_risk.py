"""``{% risk_link agreement %}``: the agreement page's link to its early-warning risk (one query; shown for an
agreement in force, to whoever may see the agreement's risk)."""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.accounts.policy import can
from kerjasama.disputes.early_warning import ACTIVE_STAGES
from kerjasama.disputes.models import RiskAssessment

register = template.Library()


@register.inclusion_tag("disputes/risk_agreement_link.html", takes_context=True)
def risk_link(context: Any, agreement: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    # Only agreements in force are assessed (``early_warning.ACTIVE_STAGES``).
    if agreement is None or agreement.stage not in ACTIVE_STAGES or user is None:
        return {"show": False}
    if not can(user, "disputes.view_risk", agreement):
        return {"show": False}
    return {
        "show": True,
        "agreement": agreement,
        "assessment": RiskAssessment.objects.filter(agreement=agreement).first(),
    }
