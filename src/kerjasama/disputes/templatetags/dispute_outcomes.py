"""Links both ways between a case and its agreement (issue 12 item 4), each a one-line include:

* ``{% dispute_outcomes case %}`` on the case page: the outcomes with links to the amendment / obligation /
  termination;
* ``{% related_disputes a %}`` on the agreement page: "Perselisihan terkait", ONLY the cases the viewer may
  see (``CaseRestriction``: an uninvolved viewer of a visible agreement learns nothing of a confidential case);
* ``{% dispute_origin amendment=m %}`` / ``{% dispute_origin settlement=s %}`` on the lifecycle records:
  "arising from dispute #N", to those who can see the case.
"""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.disputes import outcomes

register = template.Library()


def _user(context: Any) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("disputes/outcome_panel.html", takes_context=True)
def dispute_outcomes(context: Any, case: Any) -> dict[str, Any]:
    user = _user(context)
    return {
        "case": case,
        "outcomes": outcomes.visible_outcomes(user, case) if user is not None else [],
        "allowed": outcomes.outcome_allowed(case),
        "may_apply": user is not None and outcomes.may_apply(user, case),
    }


@register.inclusion_tag("disputes/outcome_related.html", takes_context=True)
def related_disputes(context: Any, agreement: Any) -> dict[str, Any]:
    user = _user(context)
    cases = outcomes.related_disputes(user, agreement) if user is not None and user.is_authenticated else []
    return {"related": cases}


@register.inclusion_tag("disputes/outcome_origin.html", takes_context=True)
def dispute_origin(context: Any, amendment: Any = None, settlement: Any = None) -> dict[str, Any]:
    """One query per page render (``outcomes.origin_map``, kept in the render context), not per record."""
    user = _user(context)
    record = amendment if amendment is not None else settlement
    if user is None or not user.is_authenticated or record is None:
        return {"origins": []}
    cache = context.render_context.setdefault("dispute_origins", {})
    if record.agreement_id not in cache:
        cache[record.agreement_id] = outcomes.origin_map(user, record.agreement_id)
    key = ("amendment" if amendment is not None else "settlement", record.pk)
    return {"origins": cache[record.agreement_id].get(key, [])}
