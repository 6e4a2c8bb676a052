"""Lost updates in the admin: two officials edit the same user, organisation or matrix row (issue 8, item 11).

Each edit form carries the version stored when it was opened; a save from an older version is refused with
the bound form shown again (the typing kept) and nothing written, and the services compare and swap the
version in one statement, so a save that slips between the form's check and the write is refused too.
"""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.accounts import services as accounts
from kerjasama.accounts.models import Organisation, User
from kerjasama.affairs import services as affairs
from kerjasama.affairs.models import AuthorityEntry
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db

STALE_ID = "baru saja disimpan oleh orang lain"


def _events(action: str, pk: Any) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(pk)).count()


# -- services: compare and swap ------------------------------------------------------------------------------


def test_a_user_update_from_a_stale_version_is_refused_and_writes_nothing(persona: Any) -> None:
    user = persona("neighbour")
    opened = user.version
    accounts.update_user(actor=SYSTEM, user=User.objects.get(pk=user.pk), expected_version=opened, position="A")
    history, events = user.history.count(), _events(AuditAction.USER_UPDATED, user.pk)
    with pytest.raises(Conflict) as caught:
        accounts.update_user(actor=SYSTEM, user=user, expected_version=opened, position="B")
    assert caught.value.code == "accounts.stale_version"
    assert caught.value.http_status == 409
    user.refresh_from_db()
    assert (user.position, user.version) == ("A", opened + 1)
    assert (user.history.count(), _events(AuditAction.USER_UPDATED, user.pk)) == (history, events)


def test_an_organisation_update_bumps_the_version_and_refuses_the_older_one(persona: Any) -> None:
    organisation = persona("kabkota").organisation
    opened = organisation.version
    accounts.update_organisation(actor=SYSTEM, organisation=organisation, expected_version=opened, name="X")
    assert Organisation.objects.get(pk=organisation.pk).version == opened + 1
    with pytest.raises(Conflict):
        accounts.update_organisation(
            actor=SYSTEM, organisation=Organisation.objects.get(pk=organisation.pk), expected_version=opened, name="Y"
        )
    assert Organisation.objects.get(pk=organisation.pk).name == "X"


def test_a_command_without_a_read_version_still_bumps_it_so_open_forms_go_stale() -> None:
    entry = AuthorityEntry.objects.first()
    assert entry is not None
    opened = entry.version
    affairs.update_authority_entry(actor=SYSTEM, entry=entry, notes="dibetulkan")
    assert AuthorityEntry.objects.get(pk=entry.pk).version == opened + 1
    with pytest.raises(Conflict) as caught:
        affairs.update_authority_entry(
            actor=SYSTEM, entry=AuthorityEntry.objects.get(pk=entry.pk), expected_version=opened, notes="lama"
        )
    assert caught.value.code == "affairs.stale_version"


# -- admin: the bound form comes back ------------------------------------------------------------------------


def _user_form(user: User, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": user.full_name,
        "email": user.email,
        "position": user.position,
        "organisation": user.organisation_id,
        "role": user.role,
        "is_active": "on" if user.is_active else "",
    }
    return {**data, **changes}


def test_the_admin_refuses_a_user_save_over_someone_elses_newer_save(client_as: Any, persona: Any) -> None:
    target = persona("neighbour")
    client = client_as("admin")
    url = f"/admin/accounts/user/{target.pk}/change/"
    opened = client.get(url).context["adminform"].form.initial["expected_version"]
    assert opened == target.version
    # Someone else saves first, in another tab or through a command.
    accounts.update_user(actor=SYSTEM, user=User.objects.get(pk=target.pk), position="Kepala Bagian")
    response = client.post(url, _user_form(target, position="Analis Kerja Sama", expected_version=opened))
    assert response.status_code == 200  # the form again, not a redirect that drops the typing
    page = response.content.decode()
    assert STALE_ID in page
    assert 'value="Analis Kerja Sama"' in page
    assert User.objects.get(pk=target.pk).position == "Kepala Bagian"


def test_the_admin_saves_from_the_current_version_and_bumps_it(client_as: Any, persona: Any) -> None:
    target = persona("neighbour")
    client = client_as("admin")
    url = f"/admin/accounts/user/{target.pk}/change/"
    opened = client.get(url).context["adminform"].form.initial["expected_version"]
    response = client.post(url, _user_form(target, position="Analis", expected_version=opened))
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.position, target.version) == ("Analis", opened + 1)


def test_the_admin_refuses_a_form_that_carries_no_version(client_as: Any, persona: Any) -> None:
    target = persona("neighbour")
    response = client_as("admin").post(
        f"/admin/accounts/user/{target.pk}/change/", _user_form(target, position="Tanpa versi")
    )
    assert response.status_code == 200
    assert STALE_ID in response.content.decode()
    assert User.objects.get(pk=target.pk).position != "Tanpa versi"


def test_the_admin_refuses_a_stale_organisation_save(client_as: Any, persona: Any) -> None:
    organisation = persona("kabkota").organisation
    client = client_as("admin")
    url = f"/admin/accounts/organisation/{organisation.pk}/change/"
    opened = client.get(url).context["adminform"].form.initial["expected_version"]
    accounts.update_organisation(actor=SYSTEM, organisation=organisation, name="Nama baru")
    response = client.post(
        url,
        {
            "name": "Nama saya",
            "opd_function": organisation.opd_function,
            "is_active": "on",
            "expected_version": opened,
        },
    )
    assert response.status_code == 200
    assert STALE_ID in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).name == "Nama baru"
