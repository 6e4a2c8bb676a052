"""``kerjasama risk-histories --seed N --count M [--out FILE]``: EXAMPLE histories for the early-warning
backtest (issue 12 item 8), as JSON lines.

Each line is one history: ``{"example": true, "note", "index", "archetype", "cause", "onset", "dispute_date",
"document"}``, where ``document`` is a valid input of ``kerjasama risk`` (its ``as_of`` is the history's last
day: the dispute's registration, or the earlier of the agreement's end and 2025-12-31). The example flag lives
beside the document because the engine refuses unknown fields. Invented data on real region codes: see
``kerjasama.disputes.domain.histories`` and docs/risk.md ("Backtest"). Needs no database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError

from kerjasama.disputes.domain.histories import ARCHETYPE_SHARES, EXAMPLE_NOTE, generate_histories

#: More than anyone needs for a backtest; keeps a typo from filling the disk.
MAX_COUNT = 1_000_000


class Command(BaseCommand):
    help = (
        "Riwayat contoh untuk uji balik peringatan dini / example histories for the early-warning backtest: "
        "ten years (2016-2025) of invented agreements with their events, some ending in a dispute; one JSON "
        "line each (an input document of 'kerjasama risk' plus its archetype and dispute date). EXAMPLE DATA, "
        "not real agreements."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        shares = ", ".join(f"{name} {share:.0%}" for name, share in ARCHETYPE_SHARES.items())
        parser.epilog = (
            f"Archetypes: {shares}.\n{EXAMPLE_NOTE}\n"
            "The same seed always gives the same histories; the first M of a longer run are those of a "
            "shorter one."
        )
        return parser

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--seed", type=int, default=12, help="seed of the generator (default 12)")
        parser.add_argument("--count", type=int, default=100, help="number of histories (default 100)")
        parser.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["count"]
        if not 0 <= count <= MAX_COUNT:
            raise CommandError(
                f"--count harus 0..{MAX_COUNT} / --count must lie in 0..{MAX_COUNT} (got {count})."
            )
        out = options["out"]
        if out:
            try:
                with Path(out).open("w", encoding="utf-8") as stream:
                    self._write(stream, options["seed"], count)
            except OSError as exc:
                raise CommandError(
                    f"Berkas tidak dapat ditulis / cannot write the file: {out} ({exc.strerror})."
                ) from exc
            self.stderr.write(f"{count} riwayat contoh / example histories -> {out}")
        else:
            try:
                self._write(self.stdout, options["seed"], count)
            except BrokenPipeError:  # the reader stopped early (``| head``): not an error of ours
                # Python's documented remedy: point stdout at devnull so the flush at exit stays quiet.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    @staticmethod
    def _write(stream: TextIO | Any, seed: int, count: int) -> None:
        for history in generate_histories(seed, count):
            stream.write(json.dumps(history.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
