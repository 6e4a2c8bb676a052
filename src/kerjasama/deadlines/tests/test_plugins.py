"""The obligations, monev and lifecycle apps plugged into the reminders (``deadlines.plugins``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.deadlines import plugins, services
from kerjasama.deadlines.choices import ReminderStatus
from kerjasama.deadlines.models import Reminder
from kerjasama.deadlines.registry import DeadlineWindow

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


def _remind(day: date, capture: Any) -> dict[str, Any]:
    with capture(execute=True):
        return services.remind(today=day)


def _monthly_fee(persona: Any, agreement: Agreement, first_due: date) -> Any:
    from kerjasama.obligations.services import add_obligation

    return add_obligation(
        actor=persona("kabkota"),
        agreement=agreement,
        party=agreement.parties.get(region_id="34.71"),
        title="Tipping fee TPA",
        kind="payment",
        recurrence="monthly",
        first_due=first_due,
        amount="125.000.000",
        today=first_due - timedelta(days=10),
    )


def test_an_obligation_due_is_reminded_to_its_owner_once(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    agreement = in_force(term_end=date(2030, 12, 31))
    _monthly_fee(persona, agreement, TODAY + timedelta(days=7))
    first = _remind(TODAY, django_capture_on_commit_callbacks)
    sent = Reminder.objects.filter(source=plugins.OBLIGATIONS, status=ReminderStatus.SENT)
    assert sent.exists() and first["sent"] >= sent.count()
    assert {r.recipient.organisation.region_id for r in sent} == {"34.71"}, "the obligated party, not Sleman"
    assert all(r.due_date == TODAY + timedelta(days=7) and r.lead_days == 7 for r in sent)
    count = sent.count()
    again = _remind(TODAY, django_capture_on_commit_callbacks)
    assert again["already_sent"] >= count
    assert Reminder.objects.filter(source=plugins.OBLIGATIONS, status=ReminderStatus.SENT).count() == count


def test_a_late_obligation_is_escalated_by_the_remind_step(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    agreement = in_force(term_end=date(2030, 12, 31))
    _monthly_fee(persona, agreement, TODAY - timedelta(days=1))
    run = _remind(TODAY, django_capture_on_commit_callbacks)
    step = run["steps"]["escalations"]
    assert step["marked_late"] >= 1 and step["escalations"] >= 1
    assert run["escalations"] == step["escalations"]
    assert _remind(TODAY, django_capture_on_commit_callbacks)["escalations"] == 0, "once per step"


def test_an_agreement_continued_by_a_successor_in_force_loses_its_expiry_reminders(
    persona: Any, in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    """The extension (a new agreement, lifecycle) comes into force: the old 90-day reminder never fires."""
    from kerjasama.lifecycle.models import Succession

    old_end = TODAY + timedelta(days=120)
    old = in_force(term_end=old_end)
    _remind(TODAY, django_capture_on_commit_callbacks)  # the 180-day reminder went; 90 and 30 are scheduled
    pending = Reminder.objects.filter(agreement=old, status=ReminderStatus.SCHEDULED, lead_days=90)
    assert pending.exists()
    new = in_force(term_end=date(2035, 12, 31))
    Succession.objects.create(predecessor=old, successor=new, kind="perpanjangan")
    _remind(TODAY + timedelta(days=1), django_capture_on_commit_callbacks)
    _remind(old_end - timedelta(days=90), django_capture_on_commit_callbacks)
    assert not Reminder.objects.filter(agreement=old, lead_days=90, status=ReminderStatus.SENT).exists()
    assert not Reminder.objects.filter(agreement=old, status=ReminderStatus.SCHEDULED).exists()


def test_a_monev_self_assessment_due_is_a_deadline_of_each_party(
    in_force: Callable[..., Agreement],
) -> None:
    from kerjasama.monev.services import generate_periods

    agreement = in_force(term_end=date(2030, 12, 31))
    agreement = Agreement.objects.get(pk=agreement.pk)
    generate_periods(actor=SYSTEM, agreement=agreement, today=TODAY)
    window = DeadlineWindow(start=TODAY, end=TODAY + timedelta(days=400), today=TODAY)
    items = [i for i in plugins.monev_items(window) if i.agreement_id == agreement.pk]
    assert items, "the current period's self-assessments are due within the window"
    assert {i.owner_regions for i in items} == {("34.71",), ("34.04",)}
    assert all(i.key.startswith("monev:") and i.url.endswith("/monev/") for i in items)
