"""A missed monev is an overdue item like an obligation (issue 11 item 2): the monev source keeps a
self-assessment not submitted after its due date as a "terlambat" deadline, and ``kerjasama remind`` sends one
overdue reminder per step of its ladder (``KERJASAMA_DEADLINE_MONEV_OVERDUE_DAYS``), once, cancelled when the
party submits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.deadlines import plugins, services
from kerjasama.deadlines.choices import CancelReason, ReminderStatus
from kerjasama.deadlines.models import Reminder
from kerjasama.deadlines.selectors import my_deadlines
from kerjasama.monev.models import MonevPeriod
from kerjasama.notifications.models import Notification

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


@pytest.fixture
def period(in_force: Callable[..., Agreement]) -> MonevPeriod:
    """The last period of the waste agreement whose self-assessments fell due before ``TODAY``."""
    from kerjasama.monev.services import generate_periods

    agreement = Agreement.objects.get(pk=in_force(term_end=date(2030, 12, 31)).pk)
    generate_periods(actor=SYSTEM, agreement=agreement, today=TODAY)
    return MonevPeriod.objects.filter(agreement=agreement, due__lt=TODAY).order_by("-due")[0]


def _remind(day: date, capture: Any) -> dict[str, Any]:
    with capture(execute=True):
        return services.remind(today=day)


def _overdue(period: MonevPeriod, **filters: Any) -> Any:
    return Reminder.objects.filter(
        key__startswith=f"monev:{period.pk}:", key__endswith=services.OVERDUE_SUFFIX, **filters
    )


def _submit(persona: Any, period: MonevPeriod, region: str, day: date) -> None:
    from kerjasama.monev.services import save_self_assessment

    save_self_assessment(
        actor=persona("kabkota" if region == "34.71" else "neighbour"),
        period=period,
        party=period.agreement.parties.get(region_id=region),
        progress_percent="60",
        submit=True,
        today=day,
    )


def test_it_reminds_a_missed_monev_once_the_day_after_its_due_date(
    period: MonevPeriod, django_capture_on_commit_callbacks: Any
) -> None:
    _remind(period.due, django_capture_on_commit_callbacks)
    assert not _overdue(period).exists(), "not overdue on its due date"
    day = period.due + timedelta(days=1)
    _remind(day, django_capture_on_commit_callbacks)
    sent = _overdue(period, status=ReminderStatus.SENT)
    assert sent.exists()
    assert {r.recipient.organisation.region_id for r in sent} == {"34.71", "34.04"}, "each party's owners"
    assert {r.lead_days for r in sent} == {1} and all(r.title_id.startswith("TERLAMBAT") for r in sent)
    count = sent.count()
    again = _remind(day, django_capture_on_commit_callbacks)
    assert again["sent"] == 0 and again["already_sent"] >= count
    assert _overdue(period).count() == count
    keys = {services.notification_key(r) for r in sent}
    assert Notification.objects.filter(key__in=keys).count() == count


def test_it_escalates_a_missed_monev_after_the_set_days_and_stops_when_submitted(
    persona: Any, period: MonevPeriod, django_capture_on_commit_callbacks: Any
) -> None:
    _remind(period.due + timedelta(days=1), django_capture_on_commit_callbacks)
    _submit(persona, period, "34.71", period.due + timedelta(days=3))
    _remind(period.due + timedelta(days=14), django_capture_on_commit_callbacks)
    escalated = _overdue(period, lead_days=14)
    assert escalated.exists() and all(r.title_id.startswith("ESKALASI") for r in escalated)
    assert {r.recipient.organisation.region_id for r in escalated} == {"34.04"}, "Yogyakarta submitted"
    assert _remind(period.due + timedelta(days=14), django_capture_on_commit_callbacks)["sent"] == 0


def test_a_planned_overdue_reminder_is_cancelled_when_the_party_submits(
    persona: Any, period: MonevPeriod
) -> None:
    day = period.due + timedelta(days=1)
    services.plan(today=day)
    yogya = _overdue(period, recipient__organisation__region_id="34.71")
    assert yogya.filter(status=ReminderStatus.SCHEDULED).exists()
    _submit(persona, period, "34.71", day)
    services.plan(today=day)
    assert not yogya.filter(status=ReminderStatus.SCHEDULED).exists()
    assert set(yogya.values_list("cancel_reason", flat=True)) == {CancelReason.VANISHED}
    assert _overdue(
        period, recipient__organisation__region_id="34.04", status=ReminderStatus.SCHEDULED
    ).exists()


def test_a_missed_monev_is_listed_as_terlambat_to_its_owner(persona: Any, period: MonevPeriod) -> None:
    day = period.due + timedelta(days=1)
    rows = [
        r for r in my_deadlines(persona("kabkota"), today=day) if r.item.key.startswith(f"monev:{period.pk}:")
    ]
    assert rows and {r.klass for r in rows} == {"terlambat"}
    assert all(r.item.source == plugins.MONEV for r in rows)


def test_the_escalation_of_a_missed_monev_reaches_the_head_of_the_unit(
    persona: Any, period: MonevPeriod, django_capture_on_commit_callbacks: Any
) -> None:
    """With a Kepala Bagian Kerja Sama recorded for Sleman (``is_unit_head``), the first overdue reminder goes
    to Sleman's operators and the escalation to its head alone."""
    from kerjasama.accounts import services as account_services
    from kerjasama.accounts.choices import Role

    head = account_services.create_user(
        actor=SYSTEM,
        username="kabag.sleman",
        organisation=persona("neighbour").organisation,
        role=Role.COOPERATION_OPERATOR,
        password="Tenggat-Monev-2026!q",
        is_unit_head=True,
    )
    _remind(period.due + timedelta(days=1), django_capture_on_commit_callbacks)
    first = _overdue(period, lead_days=1, recipient__organisation__region_id="34.04")
    assert first.exists() and head.pk not in set(first.values_list("recipient_id", flat=True))
    _remind(period.due + timedelta(days=14), django_capture_on_commit_callbacks)
    escalated = _overdue(period, lead_days=14, recipient__organisation__region_id="34.04")
    assert set(escalated.values_list("recipient_id", flat=True)) == {head.pk}
