"""`restrict(user, "view")` over the named personas: who sees which organisations, users and audit events."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from kerjasama.accounts.models import Organisation, User
from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def org_regions(user: Any) -> set[str | None]:
    return set(Organisation.objects.restrict(user, "view").values_list("region_id", flat=True))


def test_it_gives_the_ministry_the_whole_country(persona: Any) -> None:
    scope = jurisdiction_of(persona("ministry"))
    assert scope.national and scope.sees_audit_trail
    assert Organisation.objects.restrict(persona("ministry"), "view").count() == Organisation.objects.count()


def test_it_gives_a_province_its_kabkota(persona: Any) -> None:
    regions = org_regions(persona("province"))
    assert {"34", "34.71", "34.04", "34.02"} <= regions
    assert all(code == "34" or (code or "").startswith("34.") for code in regions)


def test_it_gives_a_kabkota_only_itself(persona: Any) -> None:
    assert org_regions(persona("kabkota")) == {"34.71"}
    usernames = set(User.objects.restrict(persona("kabkota"), "view").values_list("username", flat=True))
    assert {"operator.yogya", "tkksd.yogya", "bappeda.yogya"} <= usernames
    assert "operator.sleman" not in usernames and "kemendagri" not in usernames


def test_it_gives_a_third_party_only_its_own_organisation(persona: Any) -> None:
    mitra = persona("third_party")
    assert list(Organisation.objects.restrict(mitra, "view")) == [mitra.organisation]
    assert set(User.objects.restrict(mitra, "view").values_list("username", flat=True)) == {"mitra.contoh"}
    assert not can(
        mitra, "accounts.view_organisation", Organisation.objects.get(kind="pemda", region_id="34.71")
    )


def test_it_shows_nothing_to_anonymous_users() -> None:
    anonymous = AnonymousUser()
    assert not Organisation.objects.restrict(anonymous, "view").exists()
    assert not User.objects.restrict(anonymous, "view").exists()
    assert not AuditEvent.objects.restrict(anonymous, "view").exists()
    assert not can(anonymous, "accounts.view_organisation", Organisation.objects.first())


def test_it_shows_the_audit_trail_to_the_ministry_and_only_own_events_to_others(persona: Any) -> None:
    assert AuditEvent.objects.restrict(persona("ministry"), "view").count() == AuditEvent.objects.count()
    assert AuditEvent.objects.restrict(persona("auditor"), "view").count() == AuditEvent.objects.count()
    assert not AuditEvent.objects.restrict(persona("third_party"), "view").exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("admin", True),
        ("ministry", True),
        ("province", False),
        ("kabkota", False),
        ("third_party", False),
        ("auditor", False),
    ],
)
def test_it_reserves_adjacency_overrides_for_the_ministry_and_admins(
    persona: Any, who: str, allowed: bool
) -> None:
    assert can(persona(who), "regions.override_adjacency") is allowed
