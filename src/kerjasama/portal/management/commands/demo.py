"""``kerjasama demo --scale national --years 10 [--seed N] [--agreements N] [--force] [--json]``: national
example data at scale (issue 14 item 1; ``kerjasama.portal.national_demo``). Prints the counts, the seconds of
each part and the digest of the rows (the same seed gives the same digest)."""

from __future__ import annotations

import json
import time
from typing import Any

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.portal.national_demo import SCALES, generate


class Command(KerjasamaCommand):
    help = (
        "Bangkitkan data contoh nasional / Generate national example data: every region's profiles and "
        "identifications, users, agreements in every stage with documents, obligations and events, monev, "
        "reports and disputes, deterministically from --seed. Refuses an installation with real agreements "
        "(unless --force) or one that already holds this data."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="national", help="national or small")
        parser.add_argument("--years", type=int, default=10, help="years of history (default 10)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--agreements", type=int, default=None, help="number of agreements (default: scale's)"
        )
        parser.add_argument("--force", action="store_true", help="run even if real agreements exist")

    def run(self, *args: Any, **options: Any) -> None:
        began = time.monotonic()
        quiet = options.get("json")
        result = generate(
            scale=options["scale"],
            years=options["years"],
            seed=options["seed"],
            agreements_count=options["agreements"],
            force=options["force"],
            progress=None if quiet else self.stdout.write,
        )
        result["total_seconds"] = round(time.monotonic() - began, 1)
        if quiet:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        self.stdout.write(
            "Data contoh nasional dimuat / national example data loaded: "
            f"{result['counts'].get('agreements', 0)} kerja sama / agreements, "
            f"{result['counts'].get('users', 0)} pengguna / users ({result['total_seconds']} s)."
        )
