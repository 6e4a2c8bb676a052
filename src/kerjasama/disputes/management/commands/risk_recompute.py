"""``kerjasama risk-recompute [--as-of YYYY-MM-DD]``: recompute the early warning of every agreement in force
and every region's aggregate (the daily task, on demand); prints a JSON summary."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Recompute the early-warning risk of every agreement in force and every region's aggregate."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="The date of the assessment (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        from kerjasama.disputes.early_warning import recompute_all

        as_of = None
        if options.get("as_of"):
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError as exc:
                raise CommandError(f"--as-of must be YYYY-MM-DD: {exc}") from exc
        self.stdout.write(json.dumps(recompute_all(as_of=as_of), ensure_ascii=False))
