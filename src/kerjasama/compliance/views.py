"""Pages of the rulebook: the plan checker and the rule catalogue (public: they show the law, no records)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.affairs.models import Affair
from kerjasama.affairs.selectors import sub_affairs
from kerjasama.compliance import presentation
from kerjasama.compliance.contract import evaluate
from kerjasama.compliance.forms import MAX_PARTIES, plan_from_query
from kerjasama.compliance.selectors import rulebook_settings
from kerjasama.regions.models import Region
from kerjasama.rulebook import catalogue, settings_reference
from kerjasama.rulebook.subjects import THIRD_PARTY_KINDS

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@login_not_required
def plan_check(request: HttpRequest) -> HttpResponse:
    query = request.GET
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None
    if "type" in query:
        plan = plan_from_query(query)
        status, body = evaluate(plan)
        if status == 2:
            error = {**body["error"], **presentation.plan_error_in_words(body["error"])}
        else:
            result = body
            result["findings"] = sorted(body["findings"], key=lambda f: SEVERITY_ORDER.get(f["severity"], 9))
            resolver = result.get("dispute_resolver") or {}
            if resolver.get("region"):
                # "Gubernur Daerah Istimewa Yogyakarta", not "Gubernur provinsi 34" (issue 9).
                province = Region.objects.filter(code=resolver["region"]).values_list("name", flat=True).first()
                result["dispute_resolver"] = {**resolver, "region_name": province or resolver["region"]}
    regions = list(
        Region.objects.restrict(request.user, "view")
        .filter(is_autonomous=True)
        .order_by("code")
        .values("code", "name", "centroid_lat", "centroid_lng")
    )
    affairs = list(Affair.objects.restrict(request.user, "view").order_by("code"))
    groups: dict[str, dict[str, Any]] = {
        a.code: {"code": a.code, "name_id": a.name_id, "name_en": a.name_en, "rows": []} for a in affairs
    }
    for entry in sub_affairs(request.user):
        groups[entry.affair_id]["rows"].append(entry)
    parties = [v for v in query.getlist("party") if v.strip()]
    party_slots = parties + [""] * max(MAX_PARTIES - len(parties), 0)
    return render(
        request,
        "compliance/plan_check.html",
        {
            "regions": regions,
            "map_points": [[r["code"], r["name"], r["centroid_lat"], r["centroid_lng"]] for r in regions],
            "affairs": affairs,
            "chosen_affairs": set(query.getlist("affair")),
            "sub_affair_groups": [g for g in groups.values() if g["rows"]],
            "chosen_sub_affairs": set(query.getlist("sub_affair")),
            "party_slots": party_slots[:MAX_PARTIES],
            # (value, label): the kinds of PP 28/2018 Pasal 14 with the labels of ``OrganisationKind``.
            "third_party_kinds": [(kind, OrganisationKind(kind).label) for kind in THIRD_PARTY_KINDS],
            "query": query,
            "plan": plan,
            "result": result,
            "error": error,
            "propose_query": _propose_query(request, plan) if result is not None else "",
        },
    )


def _propose_query(request: HttpRequest, plan: dict[str, Any] | None) -> str:
    """The checked plan's query string for "Ajukan kerja sama" (issue 10), when the user's region is one of
    its parties and its cooperation unit may propose; empty otherwise (the button is not shown)."""
    from kerjasama.accounts.policy import can

    org = getattr(request.user, "organisation", None)
    code = getattr(org, "region_id", None)
    if not request.user.is_authenticated or plan is None or code not in plan.get("parties", []):
        return ""
    region = Region.objects.filter(code=code).first()
    if region is None or not can(request.user, "agreements.propose", region):
        return ""
    return str(request.GET.urlencode())


@login_not_required
def rule_catalogue(request: HttpRequest) -> HttpResponse:
    current = rulebook_settings()
    return render(
        request,
        "compliance/rules.html",
        {
            "rules": presentation.rule_rows(catalogue(current)),
            "settings_rows": presentation.settings_rows(settings_reference(), current.to_dict()),
        },
    )
