"""The national run trigger of the mapping (issue 9): the ministry asks for a run from the national page.

A POST only stores a ``MappingRun`` and enqueues its task (``services.request_national_run``); the worker
computes. The national page shows the latest run's progress (status, regions done of total) on reload.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.mapping import services


@require_POST
def national_run_request(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "mapping.run_national"):
        raise PermissionDenied(_("Only the ministry or a system administrator may start a national mapping run."))
    run = services.request_national_run(actor=request.user)
    messages.success(
        request,
        _("National mapping run no. %(id)s is queued; reload this page to follow its progress.") % {"id": run.pk},
    )
    return redirect("mapping:national")
