"""Fixtures of the notifications tests: demo officials of Kota Yogyakarta and a delivery helper."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.delivery import deliver


@pytest.fixture
def user(db: Any) -> Any:
    """``user("tkksd.yogya")``: a demo account by username."""
    from kerjasama.accounts.models import User

    def get(username: str) -> Any:
        return User.objects.select_related("organisation").get(username=username)

    return get


def payload(recipient: Any, **overrides: Any) -> dict[str, Any]:
    """The arguments of one ``deliver_notification`` task about identification 1 of Kota Yogyakarta."""
    values: dict[str, Any] = {
        "recipient_id": recipient.pk,
        "kind": NotificationKind.IDENTIFICATION_SUBMITTED.value,
        "object_type": "mapping.identification",
        "object_id": "1",
        "object_label": "2.11 Persampahan · Kota Yogyakarta",
        "region_code": "34.71",
        "context": {
            "region_code": "34.71",
            "region_name": "Kota Yogyakarta",
            "affair_code": "2.11",
            "affair_name_id": "Persampahan",
            "affair_name_en": "Waste management",
            "actor_name": "Operator KSD",
        },
        "url": "/pemetaan/34.71/#urusan-2.11",
        "key": "identification:1:submitted:h1",
        "actor_label": "Operator KSD",
    }
    values.update(overrides)
    return values


@pytest.fixture
def delivered(db: Any) -> Any:
    """``delivered(recipient, **overrides)``: run one delivery as the task would."""

    def run(recipient: Any, **overrides: Any) -> dict[str, Any]:
        return deliver(**payload(recipient, **overrides))

    return run


CONTEXT = {
    "region_code": "34.71",
    "region_name": "Kota Yogyakarta",
    "affair_code": "2.11",
    "affair_name_id": "Persampahan",
    "affair_name_en": "Waste management",
    "actor_name": "Operator KSD",
    "reason": "",
}


def make(
    recipient: Any, key: str, *, kind: str = NotificationKind.IDENTIFICATION_SUBMITTED, **extra: Any
) -> Any:
    """A delivered in-app notification about identification 7 of Kota Yogyakarta (as the task leaves it)."""
    from kerjasama.notifications.choices import Channel, DeliveryStatus
    from kerjasama.notifications.models import Delivery, Notification

    notification = Notification.objects.create(
        recipient=recipient,
        key=key,
        kind=kind,
        object_type="mapping.identification",
        object_id="7",
        object_label="2.11 Persampahan · Kota Yogyakarta",
        region_id="34.71",
        context={**CONTEXT, **extra.pop("context", {})},
        url="/pemetaan/34.71/#urusan-2.11",
        **extra,
    )
    Delivery.objects.create(notification=notification, channel=Channel.IN_APP, status=DeliveryStatus.SENT)
    return notification
