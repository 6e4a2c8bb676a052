"""The actor is explicit: a user or ``SYSTEM``; ``None`` never slips past policy (issue 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from kerjasama.accounts import services
from kerjasama.accounts.models import ApiToken, Organisation
from kerjasama.accounts.policy import require
from kerjasama.affairs.models import Affair
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.mapping.models import Identification
from kerjasama.mapping.services import save_identification, submit_identification
from kerjasama.regions.models import AdjacencyOverride, Region
from kerjasama.regions.services import add_adjacency_override

pytestmark = pytest.mark.django_db


def _override(actor: Any) -> Any:
    return add_adjacency_override(
        actor=actor, code_a="53.05", code_b="53.13", effect="add", reason="x", source="y"
    )


def _organisation(actor: Any) -> Any:
    return services.create_organisation(actor=actor, name="Badan Uji", kind="badan_usaha")


def _identification(actor: Any) -> Any:
    return save_identification(
        actor=actor,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="1.03"),
        needs="x",
    )


@pytest.mark.parametrize("service", [_override, _organisation, _identification])
def test_it_refuses_a_service_called_with_none_instead_of_an_actor(service: Callable[[Any], Any]) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(TypeError, match="actor"):
        service(None)
    assert AuditEvent.objects.count() == before
    assert not AdjacencyOverride.objects.exists()
    assert not Organisation.objects.filter(name="Badan Uji").exists()
    assert not Identification.objects.filter(region_id="34.71", affair_id="1.03").exists()


def test_it_refuses_a_transition_called_with_none(persona: Any) -> None:
    item = _identification(persona("kabkota"))
    with pytest.raises(TypeError):
        submit_identification(actor=None, identification=item)  # type: ignore[arg-type]
    item.refresh_from_db()
    assert item.status == "draft"


def test_it_refuses_an_anonymous_visitor_like_any_unauthorised_user() -> None:
    with pytest.raises(PermissionDenied):
        require(AnonymousUser(), "regions.override_adjacency")


def test_it_lets_the_system_through_policy_and_audits_it_as_sistem() -> None:
    org = _organisation(SYSTEM)
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_CREATED, object_id=str(org.pk))
    assert event.actor is None and event.actor_label == "sistem"


def test_it_answers_a_second_token_revocation_with_a_conflict_and_writes_once(persona: Any) -> None:
    user = persona("kabkota")
    token, _key = services.issue_api_token(actor=user, user=user, name="skrip")
    stale = ApiToken.objects.get(pk=token.pk)
    services.revoke_api_token(actor=user, token=token)
    revoked_at = ApiToken.objects.get(pk=token.pk).revoked_at
    assert revoked_at is not None
    with pytest.raises(Conflict) as err:
        services.revoke_api_token(actor=user, token=stale)
    assert err.value.code == "accounts.token_already_revoked" and err.value.http_status == 409
    assert "“sudah dicabut”" in err.value.message_id and "“revoked”" in err.value.message_en
    assert ApiToken.objects.get(pk=token.pk).revoked_at == revoked_at
    event = AuditEvent.objects.get(action=AuditAction.API_TOKEN_REVOKED)
    assert event.old == {"revoked_at": None} and event.new == {"revoked_at": revoked_at.isoformat()}
