"""The plan checker form: turns the page's fields into the JSON plan of the rulebook contract."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from kerjasama.core.numbers import NumberInputError, parse_number
from kerjasama.rulebook.subjects import CATEGORIES

TRI_STATE = {"1": True, "0": False}
MAX_PARTIES = 6


def party_code(value: str) -> str:
    """ "34.71 — Kota Yogyakarta" (a datalist choice) or "34.71" → "34.71"."""
    return value.strip().split(" ", 1)[0].strip()


def plan_from_query(query: QueryDict) -> dict[str, Any]:
    """The plan as the rulebook reads it; the rulebook itself reports anything missing or malformed."""
    plan: dict[str, Any] = {"type": query.get("type", "")}
    if plan["type"] == "KSDD" and query.get("category") in CATEGORIES:
        plan["category"] = query["category"]
    plan["parties"] = [party_code(v) for v in query.getlist("party") if v.strip()]
    affairs = [a for a in query.getlist("affair") if a]
    affairs += [c.strip() for c in query.get("other_affairs", "").split(",") if c.strip()]
    plan["affairs"] = affairs
    sub_affairs = list(dict.fromkeys(s for s in query.getlist("sub_affair") if s))
    if sub_affairs:
        plan["sub_affairs"] = sub_affairs
    plan["justification"] = {"externality": "externality" in query, "efficiency": "efficiency" in query}
    for field in ("burdens_public", "budgeted_in_apbd"):
        answer = query.get(field, "")
        if answer in TRI_STATE:
            plan[field] = TRI_STATE[answer]
    if plan["type"] == "KSDPK":
        plan["third_party"] = {
            "kind": query.get("third_party_kind", ""),
            "name": query.get("third_party_name", ""),
        }
        plan["feasibility_study"] = "feasibility_study" in query
    term = query.get("term_years", "").strip()
    if term:
        try:
            # Indonesian notation ("2,5"; "1.234" is refused as ambiguous), as in every form (core.numbers).
            plan["term_years"] = parse_number(term)
        except NumberInputError:
            plan["term_years"] = term  # the rulebook answers with input.wrong_type for the field
    return plan
