"""Audit actions are one enumeration; ``audit.record`` takes only its members and a real actor."""

from __future__ import annotations

import re

import pytest

from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_gives_every_action_its_own_stored_value_that_fits_the_column() -> None:
    values = [member.value for member in AuditAction.__members__.values()]
    assert len(values) == len(set(values)), "two members share a stored value (an alias)"
    width = AuditEvent._meta.get_field("action").max_length
    assert width is not None
    for value in values:
        assert len(value) <= width and re.fullmatch(r"[a-z_]+\.[a-z_]+", value), value


def test_it_keeps_the_stored_values_that_existing_rows_use() -> None:
    assert AuditAction.IDENTIFICATION_SUBMITTED == "mapping.identification_submit"
    assert AuditAction.ADJACENCY_OVERRIDE_REVOKED == "regions.adjacency_override_revoked"
    assert AuditAction.API_TOKEN_REVOKED == "api_token.revoked"


def test_it_stores_the_value_of_an_action() -> None:
    event = audit.record(actor=SYSTEM, action=AuditAction.NOTIFICATION_SENT, object_type="x", object_id="1")
    event.refresh_from_db()
    assert event.action == "notification.sent" and event.actor_label == "sistem" and event.actor is None


def test_it_refuses_an_action_outside_the_enumeration() -> None:
    with pytest.raises(ValueError):
        audit.record(actor=SYSTEM, action="regions.something_new", object_type="x")  # type: ignore[arg-type]
    assert not AuditEvent.objects.filter(action="regions.something_new").exists()


def test_it_refuses_none_as_the_actor() -> None:
    with pytest.raises(TypeError):
        audit.record(actor=None, action=AuditAction.USER_CREATED, object_type="x")  # type: ignore[arg-type]
