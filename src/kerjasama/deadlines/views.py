"""Pages of the deadlines app: the private ICS feed (no session: the secret token is the credential) and
creating/revoking that token from the notification settings."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kerjasama.deadlines import conf, selectors, services
from kerjasama.deadlines.ics import build_calendar
from kerjasama.notifications.models import NotificationPreference

WINDOW_S = 60


def _over_limit(token_hash: str) -> int:
    """Seconds to wait when this token has used up its requests of the current minute, else 0."""
    limit = conf.feed_rate_per_minute()
    if limit <= 0:
        return 0
    now = time.time()
    window = int(now // WINDOW_S)
    key = f"kerjasama:calendar-rate:{token_hash[:32]}:{window}"
    cache.add(key, 0, timeout=WINDOW_S + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_S + 5)
        count = 1
    return int((window + 1) * WINDOW_S - now) + 1 if count > limit else 0


@login_not_required
@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """``/kalender/<token>.ics``: the deadlines of the token's user; an unknown or revoked token is a 404."""
    wait = _over_limit(services.hash_token(token))
    if wait:
        response = HttpResponse(
            _("Too many requests; try again later."), status=429, content_type="text/plain"
        )
        response["Retry-After"] = str(wait)
        return response
    user = selectors.user_for_token(token)
    if user is None:
        raise Http404
    language = (
        NotificationPreference.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
        or "id"
    )
    rows = selectors.my_deadlines(user, today=timezone.localdate())
    body = build_calendar(rows, language=language, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tenggat.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@never_cache
def create_token_view(request: HttpRequest) -> HttpResponse:
    """Create a new calendar token and show its address once (it is not stored and cannot be shown again)."""
    token = services.create_calendar_token(actor=request.user)
    url = request.build_absolute_uri(reverse("deadlines:calendar_feed", args=[token]))
    response = render(request, "deadlines/calendar_created.html", {"feed_url": url})
    return response


@require_POST
def revoke_token_view(request: HttpRequest) -> HttpResponse:
    revoked = services.revoke_calendar_token(actor=request.user)
    if revoked:
        messages.success(request, _("Your calendar address was revoked; it no longer works."))
    else:
        messages.info(request, _("You had no calendar address."))
    return redirect(f"{reverse('notifications:inbox')}#kalender")
