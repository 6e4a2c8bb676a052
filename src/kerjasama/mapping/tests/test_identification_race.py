"""Two first saves of the same identification at once: one wins, the other gets a conflict, never a 500
(issue 8, item 12)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import Affair
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent
from kerjasama.mapping import services
from kerjasama.mapping.models import Identification
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def rival_insert(monkeypatch: pytest.MonkeyPatch) -> list[Identification]:
    """Another official's first save lands after the service found no row and before it inserts its own
    (what ``select_for_update`` cannot prevent: there is no row to lock yet). The service names the creator
    of a new identification between that read and its insert, so the rival's row is written there."""
    real_user_or_none = services.user_or_none
    rivals: list[Identification] = []

    def user_or_none_after_a_rival(actor: Any) -> Any:
        if not rivals:
            rivals.append(
                Identification.objects.create(region_id="34.71", affair_id="2.11", needs="draf rekan kerja")
            )
        return real_user_or_none(actor)

    monkeypatch.setattr(services, "user_or_none", user_or_none_after_a_rival)
    return rivals


def _save(persona: Any, needs: str) -> Identification:
    return services.save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.11"),
        needs=needs,
    )


def test_it_answers_a_conflict_when_another_official_created_the_identification_first(
    persona: Any, rival_insert: list[Identification]
) -> None:
    with pytest.raises(Conflict) as err:
        _save(persona, "draf saya")
    assert rival_insert, "the race was not simulated"
    assert err.value.code == "mapping.identification_exists" and err.value.http_status == 409
    # The loser wrote nothing (its row, its audit event), and the transaction around it is still usable.
    assert not Identification.objects.filter(needs="draf saya").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_SAVED).exists()


def test_it_shows_the_conflict_on_the_form_instead_of_a_server_error(
    client_as: Any, rival_insert: list[Identification]
) -> None:
    response = client_as("kabkota").post(
        "/pemetaan/34.71/identifikasi/2.11/",
        {"needs": "draf saya", "offers": "", "externalities": "", "programmes": "", "version": 0},
    )
    assert rival_insert, "the race was not simulated"
    assert response.status_code == 200
    assert "baru saja dibuat oleh pengguna lain" in response.content.decode()
