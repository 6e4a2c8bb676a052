"""Values every page needs: the navigation, the unread-notification count and the optional map tile server."""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kerjasama.accounts.policy import can
from kerjasama.notifications.selectors import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "nav_is_admin": bool(authenticated and user.is_staff and user.is_active),
        "nav_can_import": authenticated and can(user, "regions.import_boundaries"),
        # Called by the template only where shown (signed-in pages), then remembered: one query per page.
        "nav_unread_notifications": cache(partial(unread_count, user)),
        "map_tile_url": settings.KERJASAMA_TILE_URL,
        "map_tile_attribution": settings.KERJASAMA_TILE_ATTRIBUTION,
    }
