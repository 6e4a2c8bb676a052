"""Every identification transition goes through the one transition helper: history row, audit, conflict."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import Affair
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent
from kerjasama.mapping import notices
from kerjasama.mapping.models import Identification
from kerjasama.mapping.services import (
    publish_identification,
    return_identification,
    save_identification,
    submit_identification,
    verify_identification,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def tkksd(db: Any) -> Any:
    from kerjasama.accounts.models import User

    return User.objects.get(username="tkksd.yogya")


@pytest.fixture
def draft(persona: Any) -> Identification:
    return save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.11"),
        needs="TPA Piyungan penuh; butuh pemrosesan akhir bersama",
    )


def _history(item: Identification) -> list[tuple[str, str | None, str | None]]:
    rows = item.history.order_by("history_date", "history_id")
    return [
        (h.status, h.history_user.username if h.history_user else None, h.history_change_reason) for h in rows
    ]


def test_it_leaves_a_history_row_with_the_new_status_after_every_transition(
    persona: Any, tkksd: Any, draft: Identification
) -> None:
    operator = persona("kabkota")
    submit_identification(actor=operator, identification=draft)
    return_identification(actor=tkksd, identification=draft, reason="Lengkapi data timbulan sampah")
    submit_identification(actor=operator, identification=draft)
    verify_identification(actor=tkksd, identification=draft)
    publish_identification(actor=operator, identification=draft)
    assert _history(draft)[1:] == [
        ("submitted", "operator.yogya", AuditAction.IDENTIFICATION_SUBMITTED.value),
        ("returned", "tkksd.yogya", AuditAction.IDENTIFICATION_RETURNED.value),
        ("submitted", "operator.yogya", AuditAction.IDENTIFICATION_SUBMITTED.value),
        ("verified", "tkksd.yogya", AuditAction.IDENTIFICATION_VERIFIED.value),
        ("published", "operator.yogya", AuditAction.IDENTIFICATION_PUBLISHED.value),
    ]
    assert _history(draft)[0][0] == "draft"  # the row written when the draft was saved
    latest = draft.history.latest()
    assert latest.verified_by_id == tkksd.pk and latest.published_at is not None


def test_it_records_old_and_new_status_and_the_reason_in_the_audit_trail(
    persona: Any, tkksd: Any, draft: Identification
) -> None:
    submit_identification(actor=persona("kabkota"), identification=draft)
    return_identification(actor=tkksd, identification=draft, reason="  Lengkapi data  ")
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_RETURNED, object_id=str(draft.pk))
    assert (event.old, event.new) == ({"status": "submitted"}, {"status": "returned"})
    assert event.reason == "Lengkapi data" and event.actor == tkksd


def test_it_gives_one_of_two_claims_the_transition_and_the_other_a_conflict(
    persona: Any, draft: Identification
) -> None:
    # Two officials opened the same draft; both press "submit".
    first, second = Identification.objects.get(pk=draft.pk), Identification.objects.get(pk=draft.pk)
    submit_identification(actor=persona("kabkota"), identification=first)
    with pytest.raises(Conflict) as err:
        submit_identification(actor=persona("kabkota"), identification=second)
    conflict = err.value
    assert conflict.code == "mapping.state_changed"
    assert conflict.http_status == 409 and conflict.exit_code == 3
    assert conflict.message_id.startswith("Identifikasi ini berstatus “Diajukan ke TKKSD”")
    assert conflict.message_en.startswith(
        "This identification is “Submitted to the TKKSD”, but this step needs “Draft”"
    )
    assert [d.location for d in conflict.details] == ["status"]
    assert [h[0] for h in _history(draft)].count("submitted") == 1
    assert AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_SUBMITTED).count() == 1


def test_it_refuses_a_step_the_workflow_does_not_allow_with_a_conflict(
    tkksd: Any, draft: Identification
) -> None:
    with pytest.raises(Conflict) as err:
        verify_identification(actor=tkksd, identification=draft)
    assert (
        "berstatus “Draf”, sedangkan tindakan ini memerlukan status “Diajukan ke TKKSD”"
        in err.value.message_id
    )
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.verified_at is None and len(_history(draft)) == 1


def test_it_announces_each_transition_to_the_notices(
    persona: Any, tkksd: Any, draft: Identification, monkeypatch: Any
) -> None:
    heard: list[tuple[int, str, str, str]] = []

    def hear(*, identification: Any, event: str, actor: Any, reason: str = "") -> None:
        heard.append((identification.pk, event, actor.username, reason))

    monkeypatch.setattr(notices, "identification_transitioned", hear)
    submit_identification(actor=persona("kabkota"), identification=draft)
    return_identification(actor=tkksd, identification=draft, reason="Lengkapi")
    submit_identification(actor=persona("kabkota"), identification=draft)
    verify_identification(actor=tkksd, identification=draft)
    publish_identification(actor=persona("kabkota"), identification=draft)
    assert heard == [
        (draft.pk, "submitted", "operator.yogya", ""),
        (draft.pk, "returned", "tkksd.yogya", "Lengkapi"),
        (draft.pk, "submitted", "operator.yogya", ""),
        (draft.pk, "verified", "tkksd.yogya", ""),
        (draft.pk, "published", "operator.yogya", ""),
    ]


def test_it_announces_nothing_when_the_claim_is_lost(
    persona: Any, draft: Identification, monkeypatch: Any
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(notices, "identification_transitioned", lambda **kw: heard.append(kw["event"]))
    stale = Identification.objects.get(pk=draft.pk)
    submit_identification(actor=persona("kabkota"), identification=draft)
    with pytest.raises(Conflict):
        submit_identification(actor=persona("kabkota"), identification=stale)
    assert heard == ["submitted"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "berstatus “Diajukan ke TKKSD”, sedangkan tindakan ini memerlukan status “Draf”"),
        ("en", "is “Submitted to the TKKSD”, but this step needs “Draft”"),
    ],
)
def test_it_tells_the_page_clearly_who_lost_the_race(
    client_as: Any, draft: Identification, language: str, expected: str
) -> None:
    client = client_as("kabkota")
    client.cookies["django_language"] = language
    url = f"/pemetaan/34.71/identifikasi/{draft.affair_id}/submit/"
    assert client.post(url).status_code == 302
    html = client.post(url, follow=True).content.decode()
    assert 'class="msg-error"' in html and expected in html
    draft.refresh_from_db()
    assert draft.status == "submitted"
