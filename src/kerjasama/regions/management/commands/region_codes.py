"""``kerjasama region-codes PATH [--apply] [--yes] [--json]``: read a region-code instrument, show its difference.

The file (JSON or CSV, docs/region-codes.md) is a Kepmendagri on region codes: the command lists what it
changes (new, renamed, recoded, split, merged, ended) and applies it only with ``--apply``, after a
confirmation (``--yes`` answers it), all or nothing, audited; a second application changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.errors import KerjasamaError
from kerjasama.regions.domain.instruments import parse_instrument
from kerjasama.regions.region_codes import CodePlan, apply_instrument, plan_instrument

MAX_BYTES = 5 * 1024 * 1024


class Command(KerjasamaCommand):
    help = (
        "Instrumen kode wilayah / Region-code instrument: show the difference a Kepmendagri on region codes "
        "(JSON or CSV, docs/region-codes.md) makes to the codes in force; --apply applies it after confirmation."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="instrument file (.json or .csv)")
        parser.add_argument(
            "--apply", action="store_true", help="apply the instrument (asks for confirmation)"
        )
        parser.add_argument("--yes", action="store_true", help="confirm --apply without asking")

    def run(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise KerjasamaError(
                "regions.instrument_missing", f"Berkas {path} tidak ada.", f"The file {path} does not exist."
            )
        if path.stat().st_size > MAX_BYTES:
            raise KerjasamaError(
                "regions.instrument_too_large",
                f"Berkas lebih dari {MAX_BYTES} bita.",
                f"The file is larger than {MAX_BYTES} bytes.",
            )
        parsed = parse_instrument(path.read_bytes(), filename=path.name)
        plan = plan_instrument(parsed)
        applied = False
        if options["apply"] and not plan.already_applied and not plan.difference.is_empty:
            if not options["yes"]:
                if not options["json"]:
                    self._table(plan)
                # The question goes to stderr so that --json keeps stdout parseable.
                self.stderr.write("Terapkan? / Apply? [y/N] ", ending="")
                self.stderr.flush()
                answer = sys.stdin.readline().strip().lower()
                if answer not in {"y", "ya", "yes"}:
                    raise KerjasamaError(
                        "regions.instrument_not_confirmed",
                        "Tidak dikonfirmasi; tidak ada yang diubah.",
                        "Not confirmed; nothing was changed.",
                    )
            plan = apply_instrument(actor=SYSTEM, parsed=parsed)
            applied = True
        if options["json"]:
            self.emit_json({**plan.as_dict(), "applied": applied})
            return
        if not plan.already_applied and not (options["apply"] and not options["yes"] and applied):
            self._table(plan)
        if plan.already_applied:
            self.stdout.write("Sudah diterapkan; tidak ada perubahan. / Already applied; nothing changed.")
        elif applied:
            self.stdout.write("Diterapkan. / Applied.")
        elif not plan.difference.is_empty:
            self.stdout.write("Belum diterapkan: jalankan dengan --apply. / Not applied: run with --apply.")

    def _table(self, plan: CodePlan) -> None:
        i = plan.instrument.instrument
        self.stdout.write(f"Kepmendagri {i.number} ({i.date.isoformat()}): {i.title}")
        counts = plan.difference.counts()
        self.stdout.write(
            " ".join(f"{k}={v}" for k, v in counts.items()) + f" unchanged={plan.difference.unchanged}"
        )
        self.stdout.write(f"{'change':<9} {'code':<6} {'from':<12} {'name':<40} previous name")
        for c in plan.difference.changes:
            self.stdout.write(
                f"{c.kind:<9} {c.code:<6} {','.join(c.predecessors):<12} {c.name:<40} {c.previous_name}"
            )
