"""The report's due date is a deadline of the region until it is submitted (``reports.deadlines``): it shows in
"my deadlines", ``kerjasama remind`` reminds the unit once per lead and, when missed, per overdue step; a
submitted report ends it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.deadlines import services as deadlines
from kerjasama.deadlines.choices import ReminderStatus
from kerjasama.deadlines.models import Reminder
from kerjasama.deadlines.selectors import my_deadlines
from kerjasama.reports.deadlines import periods_due_between
from kerjasama.reports.domain.periods import SEMESTER, TAHUNAN
from kerjasama.reports.models import PeriodicReport
from kerjasama.reports.tests.conftest import SEMESTER_I, sign

#: Semester I 2026's report is due 30 days after 30 June (the default ``KERJASAMA_REPORT_DUE_DAYS``).
DUE_I = date(2026, 7, 30)


@given(
    st.dates(date(2000, 1, 1), date(2090, 1, 1)),
    st.integers(0, 800),
    st.sampled_from((SEMESTER, TAHUNAN)),
    st.integers(0, 120),
)
def test_the_periods_due_in_a_window_are_exactly_those_whose_due_date_is_in_it(
    start: date, length: int, kind: str, due_days: int
) -> None:
    end = start + timedelta(days=length)
    periods = list(periods_due_between(start, end, kind, due_days))
    assert all(start <= p.due(due_days) <= end for p in periods)
    assert [p.start for p in periods] == sorted({p.start for p in periods})
    # nothing missed at either side: the period before the first and after the last fall outside
    if periods:
        assert periods[0].previous().due(due_days) < start
    probe = start
    while probe <= end:  # every day of the window that is some period's due date is covered
        from kerjasama.reports.domain.periods import period_containing

        period = period_containing(probe - timedelta(days=due_days), kind)
        if period.due(due_days) == probe:
            assert period in periods
        probe += timedelta(days=29)


def _report_rows(user: Any, today: date) -> list[Any]:
    return [row for row in my_deadlines(user, today=today) if row.item.source == "reports"]


def test_the_unit_sees_its_report_due_until_it_is_submitted(persona: Any, draft: PeriodicReport) -> None:
    today = date(2026, 7, 20)
    rows = _report_rows(persona("kabkota"), today)
    assert [(r.item.key, r.item.due) for r in rows] == [
        (f"report:34.71:{SEMESTER_I}", DUE_I),
        ("report:34.71:2026-07-01", date(2027, 1, 30)),
    ], "the period before today's and today's own; none older"
    assert "Semester I Tahun 2026" in rows[0].item.title_id and rows[0].item.url == "/laporan/"
    assert {r.item.key for r in _report_rows(persona("neighbour"), today)} == {
        f"report:34.04:{SEMESTER_I}",
        "report:34.04:2026-07-01",
    }, "each unit its own"
    sign(draft, persona("kabkota"))
    assert [r.item.key for r in _report_rows(persona("kabkota"), today)] == [
        "report:34.71:2026-07-01"
    ], "a submitted report owes nothing"


def test_a_missed_report_stays_a_deadline_and_the_next_period_follows(persona: Any, db: Any) -> None:
    rows = _report_rows(persona("kabkota"), date(2026, 8, 15))
    keys = [r.item.key for r in rows]
    assert keys[0] == f"report:34.71:{SEMESTER_I}", "overdue first"
    assert "report:34.71:2026-07-01" in keys, "Semester II 2026, due 30 January 2027"


def test_remind_reminds_the_unit_once_per_step_and_stops_on_submission(
    persona: Any, draft: PeriodicReport, django_capture_on_commit_callbacks: Any
) -> None:
    key = f"report:34.71:{SEMESTER_I}"

    def remind(day: date) -> dict[str, Any]:
        with django_capture_on_commit_callbacks(execute=True):
            return deadlines.remind(today=day)

    remind(DUE_I - timedelta(days=14))
    sent = Reminder.objects.filter(key=key, status=ReminderStatus.SENT)
    assert sent.exists() and {r.recipient.organisation.region_id for r in sent} == {"34.71"}
    count = sent.count()
    remind(DUE_I - timedelta(days=14))
    assert Reminder.objects.filter(key=key, status=ReminderStatus.SENT).count() == count, "once per day"
    sign(draft, persona("kabkota"))
    remind(DUE_I - timedelta(days=3))
    assert not Reminder.objects.filter(key=key, status=ReminderStatus.SCHEDULED).exists()
    assert Reminder.objects.filter(key=key, status=ReminderStatus.SENT).count() == count, "none after submit"
    overdue = Reminder.objects.filter(key=deadlines.overdue_key(key))
    remind(DUE_I + timedelta(days=1))
    assert not overdue.filter(status=ReminderStatus.SENT).exists()
