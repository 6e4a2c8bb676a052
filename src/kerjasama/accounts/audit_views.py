"""The audit-trail page (*jejak audit*, ``/akun/audit/``): who did what to which record, when, filtered.

Everyone signed in may open it; what it lists is scoped by ``accounts.audit_trail.audit_events`` (the whole
trail for system admins, Kemendagri and auditors; one's own acts for everyone else).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kerjasama.accounts.audit_trail import PAGE_SIZE, AuditFilter, audit_events
from kerjasama.accounts.forms import AuditFilterForm
from kerjasama.accounts.policy import jurisdiction_of


def _shown(values: Any) -> str:
    return "" if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def audit_trail(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    wanted = form.to_filter() if form.is_bound and form.is_valid() else AuditFilter()
    invalid = form.is_bound and not form.is_valid()
    events = audit_events(request.user, wanted)
    page = Paginator(events.none() if invalid else events, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(e, _shown(e.old), _shown(e.new)) for e in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "accounts/audit_trail.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "querystring": params.urlencode(),
            "whole_trail": jurisdiction_of(request.user).sees_audit_trail,
        },
    )
