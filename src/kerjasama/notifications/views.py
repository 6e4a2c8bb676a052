"""Pages of the notifications: the reader's own list (``/notifikasi/``), marking read, a record's sent log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.notifications import services
from kerjasama.notifications.choices import NotificationKind, SkipReason
from kerjasama.notifications.forms import PreferenceForm
from kerjasama.notifications.messages import render_message
from kerjasama.notifications.models import Notification
from kerjasama.notifications.selectors import inbox, preference_of, sent_log

PAGE_SIZE = 20


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page the form was on (a local path only), else the list."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:inbox")


def _own(request: HttpRequest, pk: int) -> Notification:
    # Another user's notification is "not found", never "forbidden" (its existence is not revealed).
    return get_object_or_404(inbox(request.user), pk=pk)


def inbox_page(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("belum") == "1"
    page = Paginator(inbox(request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(n, render_message(n.kind, n.context)) for n in page.object_list]
    preference = preference_of(request.user)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "rows": rows,
            "unread_only": unread_only,
            "querystring": "belum=1" if unread_only else "",
            "unread_total": inbox(request.user, unread_only=True).count(),
            "preference_form": PreferenceForm(
                initial={"language": preference.language, "email": preference.email}
            ),
        },
    )


@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to the record the notification is about."""
    notification = services.mark_read(actor=request.user, notification=_own(request, pk))
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
def mark_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    services.mark_read(actor=request.user, notification=_own(request, pk))
    messages.success(request, _("The notification is marked as read."))
    return _back(request)


@require_POST
def mark_all_read_view(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user)
    messages.success(request, _("%(n)s notifications marked as read.") % {"n": count})
    return _back(request)


@require_POST
def preferences_view(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose Indonesian or English."))
        return redirect("notifications:inbox")
    services.set_preferences(
        actor=request.user, language=form.cleaned_data["language"], email=form.cleaned_data["email"]
    )
    messages.success(request, _("Your notification settings were saved."))
    return redirect(f"{reverse('notifications:inbox')}#pengaturan")


def sent_log_page(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """What was sent to whom, when and by which channel about one record (within the reader's jurisdiction)."""
    deliveries: list[Any] = list(sent_log(request.user, object_type=object_type, object_id=object_id)[:500])
    if not deliveries:
        raise Http404
    kinds = dict(NotificationKind.choices)
    skip_reasons = dict(SkipReason.choices)
    rows = [
        {
            "delivery": d,
            "kind": kinds.get(d.notification.kind, d.notification.kind),
            "note": skip_reasons.get(d.error, d.error) if d.error else "",
        }
        for d in deliveries
    ]
    first = deliveries[0].notification
    return render(
        request,
        "notifications/sent_log.html",
        {"rows": rows, "object_label": first.object_label, "object_url": first.url},
    )
