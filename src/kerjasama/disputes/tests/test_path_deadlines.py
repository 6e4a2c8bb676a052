"""The SLA of a case as deadlines of ``kerjasama remind``: each open step is reminded to whoever must act,
and when overdue escalates to the resolver, then (a governor's case) to the ministry after
``KERJASAMA_DISPUTE_ESCALATION_DAYS``; a step done stops being a deadline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.deadlines.registry import DeadlineWindow, sources
from kerjasama.disputes import services
from kerjasama.disputes.deadlines import SOURCE, dispute_items
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.services import OrderInput
from kerjasama.disputes.tests.conftest import TODAY, register

pytestmark = pytest.mark.django_db


def _window(today: date = TODAY, days: int = 400) -> DeadlineWindow:
    return DeadlineWindow(start=today - timedelta(days=60), end=today + timedelta(days=days), today=today)


def _by_key(items: list[Any]) -> dict[str, Any]:
    return {i.key: i for i in items}


def _deliberating() -> Dispute:
    return services.screen_dispute(actor=SYSTEM, dispute=register(), outcome="diterima", today=TODAY)


def test_the_source_is_registered() -> None:
    assert sources()[SOURCE] is dispute_items


def test_the_deliberation_is_the_parties_and_escalates_to_the_governor_then_the_ministry(
    persona: Any, settings: Any
) -> None:
    settings.KERJASAMA_DISPUTE_ESCALATION_DAYS = 10
    case = _deliberating()
    due = case.deliberation_deadline
    assert due is not None
    items = _by_key(dispute_items(_window()))
    step = items[f"dispute:{case.pk}:musyawarah"]
    assert step.due == due and set(step.owner_regions) == {"34.71", "34.04"} and step.overdue_days == (1,)
    assert "Tunggakan" not in step.title_id  # the claims and title stay inside the case (confidential)
    first = items[f"dispute:{case.pk}:musyawarah:eskalasi-1"]
    assert first.due == due + timedelta(days=1) and persona("province").pk in first.owner_users
    assert persona("ministry").pk not in first.owner_users
    second = items[f"dispute:{case.pk}:musyawarah:eskalasi-2"]
    assert second.due == due + timedelta(days=11) and second.owner_users == (persona("ministry").pk,)


def test_facilitation_is_the_resolvers_and_a_step_done_is_no_longer_a_deadline(persona: Any) -> None:
    case = _deliberating()
    services.fail_deliberation(actor=SYSTEM, dispute=case, reason="Buntu", today=TODAY)
    items = _by_key(dispute_items(_window()))
    assert f"dispute:{case.pk}:musyawarah" not in items
    step = items[f"dispute:{case.pk}:fasilitasi"]
    assert step.owner_users and persona("province").pk in step.owner_users and not step.owner_regions
    assert f"dispute:{case.pk}:fasilitasi:eskalasi-1" not in items  # the resolver already owns it
    assert f"dispute:{case.pk}:fasilitasi:eskalasi-2" in items


def test_an_order_is_its_partys_deadline_until_fulfilled(persona: Any) -> None:
    case = _deliberating()
    services.fail_deliberation(actor=SYSTEM, dispute=case, reason="Buntu", today=TODAY)
    services.end_facilitation(actor=SYSTEM, dispute=case, reason="x", today=TODAY)
    sleman = case.parties.get(region_id="34.04")
    services.record_decision(
        actor=SYSTEM,
        dispute=case,
        number="1",
        decision_date=TODAY,
        text="x",
        orders=[OrderInput(sleman.pk, "Bayar", TODAY + timedelta(days=20))],
        today=TODAY,
    )
    order = case.orders.get()
    items = _by_key(dispute_items(_window()))
    assert items[f"dispute-order:{order.pk}"].owner_regions == ("34.04",)
    assert items[f"dispute-order:{order.pk}:eskalasi-1"].due == TODAY + timedelta(days=21)
    # Extended: the deadline moves (the planner cancels the old date's reminders).
    services.extend_deadline(
        actor=SYSTEM,
        dispute=case,
        step="perintah",
        order=order,
        new_due=TODAY + timedelta(days=40),
        reason="r",
    )
    assert _by_key(dispute_items(_window()))[f"dispute-order:{order.pk}"].due == TODAY + timedelta(days=40)
    services.fulfil_order(actor=SYSTEM, order=order, note="Lunas", today=TODAY)
    assert not any(k.startswith("dispute-order:") for k in _by_key(dispute_items(_window())))


def test_remind_plans_the_escalation_to_the_resolver(persona: Any) -> None:
    from kerjasama.deadlines.models import Reminder
    from kerjasama.deadlines.services import plan

    case = _deliberating()
    due = case.deliberation_deadline
    assert due is not None
    plan(today=due + timedelta(days=1))
    keys = set(Reminder.objects.filter(recipient=persona("province")).values_list("key", flat=True))
    assert f"dispute:{case.pk}:musyawarah:eskalasi-1" in keys
    assert set(Reminder.objects.filter(recipient=persona("kabkota")).values_list("key", flat=True)) >= {
        f"dispute:{case.pk}:musyawarah:terlambat"
    }
