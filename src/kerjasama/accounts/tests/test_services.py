"""Organisations, users and API tokens change only through services, with policy checks and audit."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.accounts import services
from kerjasama.accounts.models import ApiToken, Organisation, User
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db
PASSWORD = "sangat-rahasia-2026"


def pemda(code: str) -> Organisation:
    return Organisation.objects.get(kind="pemda", region_id=code)


def test_it_has_one_pemda_per_autonomous_region() -> None:
    assert Organisation.objects.filter(kind="pemda").count() == 546
    assert not Organisation.objects.filter(kind="pemda", region_id="31.71").exists()
    assert pemda("34.71").name == "Pemerintah Kota Yogyakarta"


def test_it_creates_a_user_with_audit(persona: Any) -> None:
    user = services.create_user(
        actor=persona("kabkota"),
        username="staf.yogya",
        organisation=pemda("34.71"),
        role="perencana",
        password=PASSWORD,
    )
    assert user.check_password(PASSWORD) and not user.is_staff
    event = AuditEvent.objects.get(action="user.created", object_id=str(user.pk))
    assert event.actor == persona("kabkota") and "password" not in str(event.new)


@pytest.mark.parametrize(
    ("role", "org_code", "code"),
    [
        ("pihak_ketiga", "34.71", "accounts.role_mismatch"),
        ("kementerian", "34.71", "accounts.role_mismatch"),
        ("gubernur", "34.71", "accounts.role_mismatch"),
        ("nonsense", "34.71", "accounts.unknown_role"),
    ],
)
def test_it_refuses_a_role_that_does_not_fit_the_organisation(role: str, org_code: str, code: str) -> None:
    with pytest.raises(KerjasamaError) as err:
        services.create_user(
            actor=SYSTEM, username="x.y", organisation=pemda(org_code), role=role, password=PASSWORD
        )
    assert err.value.code == code
    assert not User.objects.filter(username="x.y").exists()


def test_it_refuses_weak_passwords_and_taken_usernames() -> None:
    with pytest.raises(KerjasamaError) as err:
        services.create_user(
            actor=SYSTEM, username="a.b", organisation=pemda("34"), role="perencana", password="123"
        )
    assert err.value.code == "accounts.weak_password"
    with pytest.raises(KerjasamaError) as err:
        services.create_user(
            actor=SYSTEM,
            username="Operator.Yogya",
            organisation=pemda("34.71"),
            role="perencana",
            password=PASSWORD,
        )
    assert err.value.code == "accounts.username_taken"


@pytest.mark.parametrize("who", ["neighbour", "third_party", "auditor", "province"])
def test_it_refuses_to_manage_another_pemdas_users(persona: Any, who: str) -> None:
    with pytest.raises(KerjasamaError) as err:
        services.create_user(
            actor=persona(who),
            username="penyusup",
            organisation=pemda("34.71"),
            role="perencana",
            password=PASSWORD,
        )
    assert err.value.code == "permission_denied"


def test_it_lets_a_cooperation_unit_manage_its_own_pemda_but_not_others(persona: Any) -> None:
    operator = persona("kabkota")
    target = User.objects.get(username="bappeda.yogya")
    services.update_user(actor=operator, user=target, position="Kepala Sub Bidang")
    with pytest.raises(KerjasamaError):
        services.update_user(actor=operator, user=User.objects.get(username="operator.sleman"), position="x")
    with pytest.raises(KerjasamaError) as err:
        services.update_user(actor=operator, user=target, is_superuser=True)
    assert err.value.code == "accounts.field_not_editable"


def test_it_validates_organisations() -> None:
    with pytest.raises(KerjasamaError) as err:
        services.create_organisation(
            actor=SYSTEM, name="Pemda Jakpus", kind="pemda", region=Region.objects.get(code="31.71")
        )
    assert err.value.code == "accounts.pemda_needs_autonomous_region"
    with pytest.raises(KerjasamaError) as err:
        services.create_organisation(
            actor=SYSTEM, name="Pemda 34.71 lagi", kind="pemda", region=Region.objects.get(code="34.71")
        )
    assert err.value.code == "accounts.pemda_exists"
    with pytest.raises(KerjasamaError) as err:
        services.create_organisation(actor=SYSTEM, name="OPD tanpa induk", kind="opd")
    assert err.value.code == "accounts.opd_needs_pemda"
    unit = services.create_organisation(actor=SYSTEM, name="Bagian Hukum", kind="opd", parent=pemda("34.04"))
    assert unit.region_id == "34.04"


def test_it_issues_a_token_once_and_stores_only_its_hash(persona: Any) -> None:
    user = persona("kabkota")
    token, key = services.issue_api_token(actor=user, user=user, name="skrip")
    assert key.startswith("ksd_") and key not in token.key_hash and token.prefix == key[:12]
    assert services.authenticate_token(key) == user
    assert services.authenticate_token(key + "x") is None
    assert services.authenticate_token("Bearer nonsense") is None


def test_it_revokes_a_token_once(persona: Any) -> None:
    user = persona("kabkota")
    token, key = services.issue_api_token(actor=user, user=user, name="skrip")
    services.revoke_api_token(actor=user, token=token)
    assert services.authenticate_token(key) is None
    stale = ApiToken.objects.get(pk=token.pk)
    stale.revoked_at = None  # a second tab still showing the token as active
    with pytest.raises(KerjasamaError) as err:
        services.revoke_api_token(actor=user, token=stale)
    assert err.value.code == "accounts.token_already_revoked"
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_it_refuses_a_token_of_a_deactivated_user(persona: Any) -> None:
    user = persona("neighbour")
    _token, key = services.issue_api_token(actor=user, user=user, name="skrip")
    services.update_user(actor=persona("admin"), user=user, is_active=False)
    assert services.authenticate_token(key) is None


def test_it_changes_a_password_with_audit(persona: Any) -> None:
    user = persona("kabkota")
    services.change_password(actor=user, user=user, new_password=PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="user.password_changed", object_id=str(user.pk)).exists()
    with pytest.raises(KerjasamaError):
        services.change_password(actor=persona("neighbour"), user=user, new_password=PASSWORD + "x")
