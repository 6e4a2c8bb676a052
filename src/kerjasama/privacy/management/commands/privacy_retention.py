"""``kerjasama privacy-retention [--dry-run]``: end processing of the records whose retention ran out
(UU 27/2022; docs/privacy.md). Idempotent: a second run ends nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.privacy.retention import run_retention


class Command(KerjasamaCommand):
    help = (
        "Akhiri pemrosesan data pribadi yang masa retensinya habis / End processing of personal data whose "
        "retention (JRA class) ran out: --dry-run lists only, --today YYYY-MM-DD, --json."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what would end, change nothing")
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="the day to run for (default: today)")

    def run(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                self.fail(
                    "privacy.bad_date",
                    f"Tanggal tidak sah: {options['today']!r} (format YYYY-MM-DD).",
                    f"Invalid date: {options['today']!r} (format YYYY-MM-DD).",
                )
        result = run_retention(today, dry_run=options["dry_run"])
        if options["json"]:
            self.emit_json(result)
            return
        verb = "akan diakhiri / would end" if options["dry_run"] else "diakhiri / ended"
        self.stdout.write(f"{result['today']}: {result['ended']} {verb}")
        for item in result["items"]:
            self.stdout.write(f"  surat #{item['letter']}: {item['action']} ({item['rule']})")
