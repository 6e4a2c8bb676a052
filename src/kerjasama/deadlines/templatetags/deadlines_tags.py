"""Sections other apps' pages include with one line: "my deadlines" (portal home), the reminder log of an
agreement (agreement page) and the calendar feed settings (notification settings)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kerjasama.deadlines import selectors

register = template.Library()

#: Rows shown on the home page (the nearest; the ICS feed and the API hold every one).
HOME_ROWS = 10
LOG_ROWS = 100


@register.inclusion_tag("deadlines/_my_deadlines.html", takes_context=True)
def my_deadlines(context: Any) -> dict[str, Any]:
    user = context["request"].user
    rows, total = selectors.my_deadlines_counted(user, today=timezone.localdate(), limit=HOME_ROWS)
    return {"rows": rows, "count": total, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.inclusion_tag("deadlines/_reminder_log.html", takes_context=True)
def reminder_log(context: Any, agreement: Any) -> dict[str, Any]:
    """The log of one agreement the page already showed (its view checked the user may view it)."""
    user = context["request"].user
    rows = list(selectors.reminder_log(user, agreement)[:LOG_ROWS])
    return {"rows": rows, "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.inclusion_tag("deadlines/_calendar_settings.html", takes_context=True)
def calendar_settings(context: Any) -> dict[str, Any]:
    request = context["request"]
    return {"has_token": selectors.has_calendar_token(request.user), "csrf_token": context.get("csrf_token")}
