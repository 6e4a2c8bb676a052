"""The daily periodic task runs the reminders, and the reminder message renders in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from kerjasama.core.tasks import periodic_tasks
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.messages import render_message

CONTEXT = {
    "title_id": "Jangka waktu kerja sama berakhir: Pengelolaan sampah",
    "title_en": "The agreement's term ends: Pengelolaan sampah",
    "due": "2027-08-30",
    "lead_days": 90,
    "working_days": False,
    "basis": "PP 28/2018 Pasal 9(1) huruf a",
}


def test_it_declares_the_daily_remind_task() -> None:
    [task] = [p for p in periodic_tasks(every="daily") if p.name == "deadlines.remind"]
    assert task.path == "kerjasama.deadlines.tasks.remind_today"


@pytest.mark.django_db
def test_the_daily_task_runs_remind(monkeypatch: pytest.MonkeyPatch) -> None:
    from kerjasama.deadlines import services
    from kerjasama.deadlines.tasks import remind_today

    seen: list[date] = []

    def fake(*, today: date) -> dict[str, int]:
        seen.append(today)
        return {"sent": 0}

    monkeypatch.setattr(services, "remind", fake)
    remind_today.call()
    assert len(seen) == 1


def test_the_reminder_message_renders_in_indonesian_and_english() -> None:
    indonesian = render_message(NotificationKind.DEADLINE_REMINDER, CONTEXT, "id")
    english = render_message(NotificationKind.DEADLINE_REMINDER, CONTEXT, "en")
    assert indonesian.subject == "Tenggat 2027-08-30: Jangka waktu kerja sama berakhir: Pengelolaan sampah"
    assert "pengingat 90 hari sebelumnya" in indonesian.body and "PP 28/2018" in indonesian.body
    assert english.subject == "Deadline 2027-08-30: The agreement's term ends: Pengelolaan sampah"
    assert "reminder 90 days ahead" in english.body
