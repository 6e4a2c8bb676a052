"""Revoking and replacing an adjacency override go through the transition helper (history row, audit, 409)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core import reference
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent
from kerjasama.regions.models import AdjacencyOverride
from kerjasama.regions.services import add_adjacency_override, revoke_adjacency_override

pytestmark = pytest.mark.django_db


def _override(actor: Any, effect: str = "add", reason: str = "batas laut (uji)") -> AdjacencyOverride:
    return add_adjacency_override(
        actor=actor, code_a="53.05", code_b="53.13", effect=effect, reason=reason, source="uji"
    )


def test_it_writes_a_history_row_when_an_override_is_revoked(persona: Any) -> None:
    ministry = persona("ministry")
    override = _override(ministry)
    revoke_adjacency_override(actor=ministry, override=override, reason="uji selesai")
    rows = list(override.history.order_by("history_date", "history_id"))
    assert [(r.is_active, r.history_type) for r in rows] == [(True, "+"), (False, "~")]
    assert rows[-1].history_user_id == ministry.pk
    assert rows[-1].history_change_reason == AuditAction.ADJACENCY_OVERRIDE_REVOKED.value
    event = AuditEvent.objects.get(action=AuditAction.ADJACENCY_OVERRIDE_REVOKED, object_id=str(override.pk))
    assert (event.old, event.new, event.reason) == ({"is_active": True}, {"is_active": False}, "uji selesai")


def test_it_answers_a_second_revocation_with_a_conflict(persona: Any) -> None:
    override = _override(persona("ministry"))
    stale = AdjacencyOverride.objects.get(pk=override.pk)
    revoke_adjacency_override(actor=SYSTEM, override=override, reason="pertama")
    with pytest.raises(Conflict) as err:
        revoke_adjacency_override(actor=persona("admin"), override=stale, reason="kedua")
    assert err.value.code == "regions.override_inactive" and err.value.http_status == 409
    assert "“sudah dicabut”" in err.value.message_id and "“revoked”" in err.value.message_en
    assert AuditEvent.objects.filter(action=AuditAction.ADJACENCY_OVERRIDE_REVOKED).count() == 1


def test_it_records_without_a_user_when_the_system_revokes(persona: Any) -> None:
    override = _override(persona("ministry"))
    revoke_adjacency_override(actor=SYSTEM, override=override, reason="perintah CLI")
    assert override.history.latest().history_user_id is None
    event = AuditEvent.objects.get(action=AuditAction.ADJACENCY_OVERRIDE_REVOKED)
    assert event.actor is None and event.actor_label == "sistem"


def test_it_retires_the_replaced_override_through_a_transition(persona: Any) -> None:
    ministry = persona("ministry")
    first = _override(ministry)
    second = _override(ministry, effect="remove", reason="ternyata tidak berbatasan (uji)")
    first.refresh_from_db()
    assert not first.is_active and second.is_active
    assert first.history.latest().is_active is False
    retired = AuditEvent.objects.get(action=AuditAction.ADJACENCY_OVERRIDE_REVOKED, object_id=str(first.pk))
    assert "ternyata tidak berbatasan" in retired.reason
    added = AuditEvent.objects.get(action=AuditAction.ADJACENCY_OVERRIDE_ADDED, object_id=str(second.pk))
    assert added.old == {"replaced_override": first.pk}


def test_it_bumps_the_reference_version_on_every_override_change(persona: Any) -> None:
    before = reference.current()
    override = _override(persona("ministry"))
    added = reference.current()
    revoke_adjacency_override(actor=persona("ministry"), override=override, reason="uji")
    assert before[0] < added[0] < reference.current()[0]
