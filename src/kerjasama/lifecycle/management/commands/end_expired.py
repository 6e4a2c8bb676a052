"""``kerjasama end-expired``: end the agreements whose term expired without a successor in force
(PP 28/2018 Pasal 9(1) huruf a; issue 11, item 4). Cron-friendly and idempotent: a second run for the same day
ends nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.lifecycle.expiry import end_expired


class Command(KerjasamaCommand):
    help = (
        "Akhiri kerja sama yang jangka waktunya habis tanpa perpanjangan yang berlaku / End the agreements whose "
        "term expired without a successor in force: --today YYYY-MM-DD (default today), --json."
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
                    "lifecycle.bad_date",
                    f"Tanggal tidak sah: {raw!r} (format YYYY-MM-DD).",
                    f"Invalid date: {raw!r} (format YYYY-MM-DD).",
                )
        result = end_expired(today)
        if options["json"]:
            self.emit_json(result)
            return
        self.stdout.write(
            f"{result['today']}: {result['ended']} berakhir / ended, {result['superseded']} diteruskan "
            f"perpanjangan / continued by a successor, {result['skipped']} dilewati / skipped, "
            f"{len(result['failed'])} gagal / failed"
        )
        for failure in result["failed"]:
            self.stderr.write(f"  #{failure['id']}: {failure['code']} {failure['message']}")
        if result["failed"]:
            raise SystemExit(1)
