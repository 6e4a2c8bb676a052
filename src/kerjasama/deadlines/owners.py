"""Who owns a deadline: the same people an agreement's notices go to (``agreements.notices``).

A region owner is its cooperation unit's operators and its TKKSD members (Permendagri 22/2020: the Bagian
Kerja Sama runs the cooperation, the TKKSD reviews it); an organisation owner (a third party, PP 28/2018 Pasal
14; a ministry, Pasal 46) is every active user of that organisation; a user owner is that user.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from kerjasama.accounts.choices import GOVERNMENT_KINDS, Role
from kerjasama.accounts.models import User
from kerjasama.deadlines.registry import DeadlineItem

REGION_ROLES = (Role.COOPERATION_OPERATOR, Role.TKKSD_MEMBER)


def recipients(items: Iterable[DeadlineItem]) -> tuple[dict[str, list[User]], dict[int, User]]:
    """Each item key's owners (active users, by pk) and the users by pk, in one query."""
    items = list(items)
    regions = {r for i in items for r in i.owner_regions}
    organisations = {o for i in items for o in i.owner_organisations}
    user_ids = {u for i in items for u in i.owner_users}
    q = Q(pk__in=sorted(user_ids))
    if regions:
        q |= Q(
            organisation__region_id__in=sorted(regions),
            organisation__kind__in=GOVERNMENT_KINDS,
            role__in=REGION_ROLES,
        )
    if organisations:
        q |= Q(organisation_id__in=sorted(organisations))
    users = list(
        User.objects.filter(q, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("pk")
    )
    by_region: dict[str, list[User]] = defaultdict(list)
    by_organisation: dict[int, list[User]] = defaultdict(list)
    by_pk = {u.pk: u for u in users}
    for user in users:
        organisation = user.organisation
        if organisation is None:
            continue
        by_organisation[organisation.pk].append(user)
        if organisation.region_id and organisation.kind in GOVERNMENT_KINDS and user.role in REGION_ROLES:
            by_region[organisation.region_id].append(user)
    result: dict[str, list[User]] = {}
    for item in items:
        found: dict[int, User] = {}
        for region in item.owner_regions:
            found.update((u.pk, u) for u in by_region.get(region, ()))
        for organisation_id in item.owner_organisations:
            found.update((u.pk, u) for u in by_organisation.get(organisation_id, ()))
        for pk in item.owner_users:
            if pk in by_pk:
                found[pk] = by_pk[pk]
        result[item.key] = [found[pk] for pk in sorted(found)]
    return result, by_pk


def owns(user: Any, item: DeadlineItem) -> bool:
    """Whether ``user`` is one of the item's owners (same rule as :func:`recipients`)."""
    return owner_test(user)(item)


def owner_test(user: Any) -> Callable[[DeadlineItem], bool]:
    """:func:`owns` for one user and many items: the user's keys are read once (a request's user is a lazy
    object whose every attribute read goes through a proxy: thousands of deadlines of the ministry's synergy
    agreements made that the slowest part of its home page)."""
    user_pk = user.pk
    organisation = getattr(user, "organisation", None)
    if organisation is None or not organisation.is_active:
        return lambda item: user_pk in item.owner_users
    organisation_pk = organisation.pk
    region = (
        organisation.region_id
        if organisation.kind in GOVERNMENT_KINDS and user.role in REGION_ROLES
        else None
    )

    def test(item: DeadlineItem) -> bool:
        return (
            user_pk in item.owner_users
            or organisation_pk in item.owner_organisations
            or (region is not None and region in item.owner_regions)
        )

    return test


def owner_hints(user: Any) -> tuple[list[str], list[int]]:
    """The regions and organisations whose deadlines ``user`` may own (to narrow the sources' queries)."""
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return [], []
    regions = (
        [organisation.region_id]
        if organisation.region_id and organisation.kind in GOVERNMENT_KINDS and user.role in REGION_ROLES
        else []
    )
    return regions, [organisation.pk]
