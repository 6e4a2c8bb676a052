"""``kerjasama remind``: plan and send the deadline reminders of a day (issue 11 item 5; daily from cron)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.deadlines.services import remind

COUNTS = ("due", "sent", "already_sent", "cancelled", "escalations")


class Command(KerjasamaCommand):
    help = (
        "Pengingat tenggat / Deadline reminders: recompute the reminders from every deadline source (an "
        "extension or amendment cancels or moves pending ones), send the due ones once, run the registered "
        "steps (escalations); prints the counts due, sent, already_sent, cancelled, escalations. Running it "
        "twice on one day sends nothing twice."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="the day to run for (default: today)")

    def run(self, *args: Any, **options: Any) -> None:
        raw = options.get("today")
        today = timezone.localdate()
        if raw:
            try:
                today = date.fromisoformat(raw)
            except ValueError:
                self.fail(
                    "deadlines.bad_date",
                    f"Tanggal tidak sah: {raw!r}; gunakan YYYY-MM-DD.",
                    f"Not a date: {raw!r}; use YYYY-MM-DD.",
                )
        summary = remind(today=today)
        if options.get("json"):
            self.emit_json(summary)
            return
        self.stdout.write(f"Pengingat tenggat / deadline reminders, {summary['today']}")
        for name in COUNTS:
            self.stdout.write(f"  {name:<14} {summary[name]}")
