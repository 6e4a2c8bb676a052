"""notify, mark_read, mark_all_read, set_preferences: scheduling on commit, only the recipient marks read."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from kerjasama.core import data_version
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.notifications import services
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.models import Notification, NotificationPreference
from kerjasama.notifications.tests.conftest import payload

pytestmark = pytest.mark.django_db


def schedule(actor: Any, recipients: list[Any], **overrides: Any) -> list[int]:
    values = payload(recipients[0])
    arguments: dict[str, Any] = {
        "actor": actor,
        "recipients": recipients,
        "kind": values["kind"],
        "obj_type": values["object_type"],
        "obj_id": values["object_id"],
        "obj_label": values["object_label"],
        "context": values["context"],
        "url": values["url"],
        "key": values["key"],
        "region": "34.71",
    }
    arguments.update(overrides)
    return services.notify(**arguments)


def test_it_delivers_when_the_transaction_commits(user: Any, django_capture_on_commit_callbacks: Any) -> None:
    operator, tkksd = user("operator.yogya"), user("tkksd.yogya")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert schedule(operator, [tkksd]) == [tkksd.pk]
        assert not Notification.objects.exists()  # nothing before the commit
    assert len(data_version.others(callbacks)) == 1
    notification = Notification.objects.get(recipient=tkksd)
    assert notification.region_id == "34.71" and notification.actor_label == operator.full_name


def test_it_delivers_nothing_when_the_change_rolls_back(
    user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        schedule(user("operator.yogya"), [user("tkksd.yogya")])
        raise RuntimeError("the service failed after notify")
    assert data_version.others(callbacks) == [] and not Notification.objects.exists()


def test_it_never_notifies_the_actor_nor_inactive_users(
    user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    operator, tkksd, planner = user("operator.yogya"), user("tkksd.yogya"), user("bappeda.yogya")
    planner.is_active = False
    planner.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        ids = schedule(operator, [operator, tkksd, planner, tkksd])
    assert ids == [tkksd.pk]
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [tkksd.pk]


def test_it_notifies_every_recipient_when_the_system_acts(
    user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ids = schedule(SYSTEM, [user("operator.yogya"), user("tkksd.yogya")])
    assert len(ids) == 2 and Notification.objects.get(recipient_id=ids[0]).actor_label == "sistem"


@pytest.mark.parametrize(
    ("override", "code"),
    [
        ({"kind": "mapping.unknown"}, "notifications.unknown_kind"),
        ({"key": " "}, "notifications.bad_key"),
        ({"key": "k" * 201}, "notifications.bad_key"),
        ({"url": "https://elsewhere.example/"}, "notifications.bad_url"),
        ({"url": "//elsewhere.example/"}, "notifications.bad_url"),
        ({"context": {"when": object()}}, "notifications.bad_context"),
    ],
)
def test_it_refuses_bad_input_with_a_stable_code(user: Any, override: dict[str, Any], code: str) -> None:
    with pytest.raises(KerjasamaError) as err:
        schedule(user("operator.yogya"), [user("tkksd.yogya")], **override)
    assert err.value.code == code and err.value.message_id and err.value.message_en


def make(recipient: Any, key: str = "k1") -> Notification:
    return Notification.objects.create(
        recipient=recipient,
        key=key,
        kind=NotificationKind.IDENTIFICATION_SUBMITTED,
        object_type="mapping.identification",
        object_id="1",
    )


def test_it_lets_only_the_recipient_mark_a_notification_read(user: Any) -> None:
    tkksd, operator = user("tkksd.yogya"), user("operator.yogya")
    notification = make(tkksd)
    for stranger in (operator, SYSTEM):
        with pytest.raises(NotFound) as err:
            services.mark_read(actor=stranger, notification=notification)
        assert err.value.code == "notifications.not_found" and err.value.http_status == 404
    assert services.mark_read(actor=tkksd, notification=notification).read_at is not None
    first_read = notification.read_at
    assert services.mark_read(actor=tkksd, notification=notification).read_at == first_read  # kept


def test_it_marks_all_of_the_actors_notifications_read_and_no_one_elses(user: Any) -> None:
    tkksd, operator = user("tkksd.yogya"), user("operator.yogya")
    make(tkksd, "a"), make(tkksd, "b"), make(operator, "a")
    assert services.mark_all_read(actor=tkksd) == 2
    assert services.mark_all_read(actor=tkksd) == 0
    assert Notification.objects.get(recipient=operator).read_at is None


def test_it_saves_the_actors_own_preferences(user: Any) -> None:
    tkksd = user("tkksd.yogya")
    services.set_preferences(actor=tkksd, language="en", email=False)
    services.set_preferences(actor=tkksd, language="en", email=True)
    preference = NotificationPreference.objects.get(user=tkksd)
    assert (preference.language, preference.email) == ("en", True)
    with pytest.raises(KerjasamaError) as err:
        services.set_preferences(actor=tkksd, language="fr", email=True)
    assert err.value.code == "notifications.bad_language"
