"""Values every page needs: the navigation and the optional map tile server."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kerjasama.accounts.policy import can


def navigation(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "nav_is_admin": bool(authenticated and user.is_staff and user.is_active),
        "nav_can_import": authenticated and can(user, "regions.import_boundaries"),
        "map_tile_url": settings.KERJASAMA_TILE_URL,
        "map_tile_attribution": settings.KERJASAMA_TILE_ATTRIBUTION,
    }
