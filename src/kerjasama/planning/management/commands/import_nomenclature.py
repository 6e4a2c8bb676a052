"""``kerjasama import-nomenclature PATH``: read a planning-nomenclature instrument's annex (CSV: ``code,name``),
show what it changes against the nomenclature in force, and record it only with ``--apply`` (issue 15 item 7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.choices import Confidence
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.planning.services import import_nomenclature, read_csv

#: Largest annex read (the whole nomenclature as CSV is a few MB).
MAX_BYTES = 20 * 1024 * 1024


class Command(KerjasamaCommand):
    help = (
        "Impor nomenklatur perencanaan / Import the planning nomenclature (Kepmendagri 050-5889/2021 and its "
        "amendments) from a decree's annex as CSV with columns code,name (or kode,nomenklatur): shows the codes "
        "added, renamed and ended against the nomenclature in force in --valid-from; --apply records it (all or "
        "nothing; a second apply changes nothing)."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--decree", required=True, help="e.g. 'Kepmendagri 900.1.15.5-3406/2024'")
        parser.add_argument("--title", required=True)
        parser.add_argument("--valid-from", type=int, required=True, help="first budget year it applies to")
        parser.add_argument("--signed-on", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--source", default="", help="where the annex was obtained")
        parser.add_argument("--confidence", choices=Confidence.values, default=Confidence.V)
        parser.add_argument("--apply", action="store_true", help="record it (without: only show the difference)")

    def run(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            self.fail("planning.no_file", f"Berkas {path} tidak ada.", f"No file {path}.")
        if path.stat().st_size > MAX_BYTES:
            self.fail(
                "planning.file_too_large",
                f"Berkas lebih dari {MAX_BYTES // 1024 // 1024} MB.",
                f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.",
            )
        report = import_nomenclature(
            actor=SYSTEM,
            rows=read_csv(path.read_bytes()),
            number=options["decree"],
            title=options["title"],
            valid_from=options["valid_from"],
            signed_on=options["signed_on"],
            source=options["source"],
            confidence=options["confidence"],
            apply=options["apply"],
        )
        if options["json"]:
            self.emit_json(report.as_dict())
            return
        d = report.difference
        self.stdout.write(f"{report.decree}: {report.rows} kode / codes, berlaku / in force from {report.valid_from}")
        self.stdout.write(f"  baru / added: {len(d.added)}")
        for code in d.added[:50]:
            self.stdout.write(f"    + {code}")
        self.stdout.write(f"  berubah nama / renamed: {len(d.renamed)}")
        for code, old, new in d.renamed[:50]:
            self.stdout.write(f"    ~ {code}: {old} -> {new}")
        self.stdout.write(f"  berakhir / ended: {len(d.ended)}")
        for code in d.ended[:50]:
            self.stdout.write(f"    - {code}")
        self.stdout.write(f"  tetap / kept: {d.kept}")
        if report.already_applied:
            self.stdout.write("Sudah diimpor sebelumnya; tidak ada perubahan. / Already imported; nothing changed.")
        elif report.applied:
            self.stdout.write("Diterapkan. / Applied.")
        else:
            self.stdout.write("Belum diterapkan: ulangi dengan --apply. / Not applied: run again with --apply.")
