"""Values every page needs: the navigation, the unread-notification count and the optional map tile server."""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.notifications.selectors import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "nav_is_admin": bool(authenticated and user.is_staff and user.is_active),
        # The mapping menu item leads to the user's own overview, and is shown only to whom has one.
        "nav_mapping_url": _mapping_url(user) if authenticated else None,
        # The TKKSD menu item leads to the team of the user's own region (or province).
        "nav_tkksd_url": _tkksd_url(user) if authenticated else None,
        # The agreements menu item, for everyone who may see agreements (a jurisdiction or a third party's own).
        "nav_agreements_url": _agreements_url(user) if authenticated else None,
        # The reports menu item, for the roles that write, review or oversee the periodic report upward.
        "nav_reports_url": _reports_url(user) if authenticated else None,
        # The disputes menu item, for the roles that register, screen or oversee dispute cases (issue 12).
        "nav_disputes_url": _disputes_url(user) if authenticated else None,
        # The oversight menu item leads to the dashboard of the user's jurisdiction (issue 13 item 1).
        "nav_oversight_url": _oversight_url(user) if authenticated else None,
        # The personal-data pages (UU 27/2022), for the officials who handle requests and breaches.
        "nav_privacy_url": reverse("privacy:register") if authenticated and can(user, "privacy.view") else None,
        "nav_can_import": authenticated and can(user, "regions.import_boundaries"),
        # Called by the template only where shown (signed-in pages), then remembered: one query per page.
        "nav_unread_notifications": cache(partial(unread_count, user)),
        "map_tile_url": settings.KERJASAMA_TILE_URL,
        "map_tile_attribution": settings.KERJASAMA_TILE_ATTRIBUTION,
    }


#: Roles that write (cooperation unit), review (governor's office), oversee (ministry) or read (auditor) the
#: periodic reports upward (kerjasama.reports).
REPORT_ROLES = (
    Role.COOPERATION_OPERATOR,
    Role.GOVERNOR_OFFICE,
    Role.MINISTRY,
    Role.AUDITOR,
    Role.SYSTEM_ADMIN,
)


def _reports_url(user: Any) -> str | None:
    scope = jurisdiction_of(user)
    if scope.third_party or user.role not in REPORT_ROLES:
        return None
    if not (scope.national or scope.province_code or scope.region_code):
        return None
    return reverse("reports:list")


#: Roles that use the dispute cases: the parties' cooperation units and third parties, the governor's office
#: (the resolver for its kab/kota, UU 23/2014 Pasal 370(1)), the ministry and its auditor.
DISPUTE_ROLES = (
    Role.COOPERATION_OPERATOR,
    Role.THIRD_PARTY,
    Role.GOVERNOR_OFFICE,
    Role.MINISTRY,
    Role.AUDITOR,
    Role.SYSTEM_ADMIN,
)


def _disputes_url(user: Any) -> str | None:
    return reverse("disputes:list") if user.role in DISPUTE_ROLES else None


def _mapping_url(user: Any) -> str | None:
    """The mapping overview the user may open: national, their province, their region; ``None`` for a third
    party or an account without a jurisdiction (the menu then has no mapping item)."""
    scope = jurisdiction_of(user)
    if scope.third_party:
        return None
    if scope.national:
        return reverse("mapping:national")
    if scope.province_code:
        return reverse("mapping:province", kwargs={"code": scope.province_code})
    if scope.region_code:
        return reverse("mapping:region", kwargs={"code": scope.region_code})
    return None


def _tkksd_url(user: Any) -> str | None:
    """The TKKSD page of the user's own region or province; ``None`` for the ministry (it reaches every region's
    team from the region pages), a third party or an account without a region."""
    scope = jurisdiction_of(user)
    code = scope.region_code or scope.province_code
    if scope.third_party or code is None:
        return None
    return reverse("tkksd:region", kwargs={"code": code})


def _agreements_url(user: Any) -> str | None:
    """The list of agreements, for an account with a jurisdiction or a third party (which sees its own)."""
    scope = jurisdiction_of(user)
    if scope.third_party or scope.national or scope.province_code or scope.region_code:
        return reverse("agreements:list")
    return None


def _oversight_url(user: Any) -> str | None:
    """The oversight dashboard of the user's jurisdiction (ministry, governor's office, cooperation unit,
    auditor, administrator), ``None`` for anyone else."""
    from kerjasama.oversight.dashboard_views import dashboard_url

    return dashboard_url(user)
