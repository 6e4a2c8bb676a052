"""The role ceiling: nobody hands out a role above what they may give (issue 8, item 9).

Every role (a demo account holding it) against every target role, for creating and for changing an account.
The expected answers are written out here, not computed by the code under test.
"""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.accounts import services
from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.models import Organisation, User
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "sangat-rahasia-2026"

#: One demo account per role.
ACTOR_OF_ROLE = {
    Role.MINISTRY: "kemendagri",
    Role.GOVERNOR_OFFICE: "gubernur.diy",
    Role.COOPERATION_OPERATOR: "operator.yogya",
    Role.TKKSD_MEMBER: "tkksd.yogya",
    Role.PLANNING_UNIT: "bappeda.yogya",
    Role.THIRD_PARTY: "mitra.contoh",
    Role.AUDITOR: "auditor",
    Role.SYSTEM_ADMIN: "admin",
}

#: The organisation each target role is given in (one it fits), and the role a changed account starts with.
TARGET_ORGANISATION = {
    Role.MINISTRY: ("kemendagri", Role.AUDITOR),
    Role.GOVERNOR_OFFICE: ("pemda:34", Role.PLANNING_UNIT),
    Role.COOPERATION_OPERATOR: ("pemda:34.71", Role.PLANNING_UNIT),
    Role.TKKSD_MEMBER: ("pemda:34.71", Role.PLANNING_UNIT),
    Role.PLANNING_UNIT: ("pemda:34.71", Role.AUDITOR),
    Role.THIRD_PARTY: ("mitra", Role.THIRD_PARTY),
    Role.AUDITOR: ("pemda:34.71", Role.PLANNING_UNIT),
    Role.SYSTEM_ADMIN: ("pemda:34.71", Role.PLANNING_UNIT),
}

#: Who may give which role. The system administrator (a superuser) gives every role; Kota Yogyakarta's
#: cooperation operator gives the roles of its own Pemda but never the system administrator's (the ceiling);
#: nobody else manages accounts.
ALLOWED = {(Role.SYSTEM_ADMIN, target) for target in Role} | {
    (Role.COOPERATION_OPERATOR, target)
    for target in (Role.COOPERATION_OPERATOR, Role.TKKSD_MEMBER, Role.PLANNING_UNIT, Role.AUDITOR)
}

MATRIX = [(actor, target) for actor in Role for target in Role]


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _organisation(key: str) -> Organisation:
    if key == "kemendagri":
        return Organisation.objects.get(kind=OrganisationKind.KEMENDAGRI, users__username="kemendagri")
    if key == "mitra":
        return Organisation.objects.get(users__username="mitra.contoh")
    return Organisation.objects.get(kind=OrganisationKind.PEMDA, region_id=key.removeprefix("pemda:"))


def _actor(role: str) -> User:
    return User.objects.select_related("organisation").get(username=ACTOR_OF_ROLE[Role(role)])


@pytest.mark.parametrize(("actor_role", "target_role"), MATRIX)
def test_it_lets_only_the_allowed_roles_create_an_account_with_a_role(
    actor_role: str, target_role: str
) -> None:
    org_key, _start = TARGET_ORGANISATION[Role(target_role)]
    call: dict[str, Any] = {
        "actor": _actor(actor_role),
        "username": "akun.baru",
        "organisation": _organisation(org_key),
        "role": target_role,
        "password": PASSWORD,
    }
    if (actor_role, target_role) in ALLOWED:
        user = services.create_user(**call)
        assert user.role == target_role
        assert user.is_superuser == (target_role == Role.SYSTEM_ADMIN)
    else:
        with pytest.raises(KerjasamaError) as err:
            services.create_user(**call)
        assert err.value.http_status == 403
        assert not User.objects.filter(username="akun.baru").exists()


@pytest.mark.parametrize(("actor_role", "target_role"), MATRIX)
def test_it_lets_only_the_allowed_roles_give_an_account_a_role(actor_role: str, target_role: str) -> None:
    org_key, start = TARGET_ORGANISATION[Role(target_role)]
    target = User.objects.create(username="akun.lama", organisation=_organisation(org_key), role=start)
    if (actor_role, target_role) in ALLOWED:
        services.update_user(actor=_actor(actor_role), user=target, role=target_role)
        target.refresh_from_db()
        assert target.role == target_role
        assert target.is_superuser == target.is_staff == (target_role == Role.SYSTEM_ADMIN)
    else:
        with pytest.raises(KerjasamaError) as err:
            services.update_user(actor=_actor(actor_role), user=target, role=target_role)
        assert err.value.http_status == 403
        target.refresh_from_db()
        assert target.role == start and not target.is_superuser and not target.is_staff


def test_it_keeps_a_pemda_operator_from_making_itself_system_administrator() -> None:
    operator = _actor(Role.COOPERATION_OPERATOR)
    with pytest.raises(KerjasamaError) as err:
        services.update_user(actor=operator, user=operator, role=Role.SYSTEM_ADMIN)
    assert err.value.code == "accounts.role_ceiling"
    operator.refresh_from_db()
    assert operator.role == Role.COOPERATION_OPERATOR and not operator.is_staff
    assert not AuditEvent.objects.filter(action="user.updated", object_id=str(operator.pk)).exists()


def test_it_keeps_a_pemda_operator_away_from_a_system_administrators_account() -> None:
    """A system administrator placed in the operator's own Pemda: no role change, password reset or token."""
    operator = _actor(Role.COOPERATION_OPERATOR)
    admin = services.create_user(
        actor=SYSTEM,
        username="admin.yogya",
        organisation=_organisation("pemda:34.71"),
        role=Role.SYSTEM_ADMIN,
        password=PASSWORD,
    )
    attempts = [
        lambda: services.update_user(actor=operator, user=admin, role=Role.PLANNING_UNIT),
        lambda: services.update_user(actor=operator, user=admin, is_active=False),
        lambda: services.change_password(actor=operator, user=admin, new_password=PASSWORD + "-baru"),
        lambda: services.issue_api_token(actor=operator, user=admin, name="ambil-alih"),
    ]
    for attempt in attempts:
        with pytest.raises(KerjasamaError) as err:
            attempt()
        assert err.value.code == "accounts.role_ceiling"
    admin.refresh_from_db()
    assert admin.is_active and admin.is_superuser and admin.check_password(PASSWORD)
    assert not admin.api_tokens.exists()


def test_it_takes_the_superuser_flags_away_with_the_administrator_role(persona: Any) -> None:
    admin = services.create_user(
        actor=SYSTEM,
        username="admin.lama",
        organisation=_organisation("kemendagri"),
        role=Role.SYSTEM_ADMIN,
        password=PASSWORD,
    )
    services.update_user(actor=persona("admin"), user=admin, role=Role.AUDITOR)
    admin.refresh_from_db()
    assert admin.role == Role.AUDITOR and not admin.is_superuser and not admin.is_staff
