"""``{% budget_lines agreement %}``: the agreement page's budget lines (issue 15 item 7) with their
nomenclature names, and the form for each party the reader may act for."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kerjasama.accounts.policy import can
from kerjasama.agreements.budget import budget_rows

register = template.Library()


@register.inclusion_tag("agreements/_budget.html", takes_context=True)
def budget_lines(context: Any, agreement: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if agreement is None or user is None or not user.is_authenticated:
        return {"show": False}
    parties = [
        p for p in agreement.parties.all() if p.region_id is not None and can(user, "agreements.act_for_party", p)
    ]
    return {
        "show": True,
        "agreement": agreement,
        "rows": budget_rows(user, agreement),
        "parties": parties,
        "year": timezone.localdate().year,
        "csrf_token": context.get("csrf_token"),
        "LANG": context.get("LANG"),
    }
