"""``kerjasama import-functional-areas FILE``: import functional areas (kawasan fungsional) from CSV."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.regions.functional_areas import load_functional_areas, read_source_file, write_package


class Command(KerjasamaCommand):
    help = (
        "Impor kawasan fungsional / Import functional areas (kawasan fungsional) and their member regions from "
        "FILE (functional_areas.csv: area_id, area_name, kind, legal_basis, member_code, member_name, "
        "confidence, source, notes). Any bad row, or a member code that is not an autonomous region in the "
        "database, rejects the whole import with a row-by-row report and changes nothing. Each listed area is "
        "brought back to the source (fields, members added, corrected or removed); other areas are left alone. "
        "A second identical import changes nothing. Needs the regions.import_boundaries right (Kemendagri, "
        "system administrators) when run as a user; on the server it runs as the system."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("file", metavar="FILE", help="the functional_areas.csv to import")
        parser.add_argument(
            "--export",
            metavar="FILE",
            help="also write the shipped package-data file (src/kerjasama/regions/data/functional_areas.json)",
        )
        parser.add_argument(
            "--no-db", action="store_true", help="only check (and export); do not touch the database"
        )

    def run(self, *args: Any, **options: Any) -> None:
        data = read_source_file(Path(options["file"]))
        result: dict[str, Any] = {
            "areas": len(data["areas"]),
            "members": sum(len(a["members"]) for a in data["areas"]),
        }
        if not options["no_db"]:
            report = load_functional_areas(actor=SYSTEM, data=data, update_existing=True)
            result.update(asdict(report))
            result["changed"] = report.changed
        if options.get("export"):  # after the database check, so a refused file is never exported
            write_package(data, Path(options["export"]))
            result["exported"] = options["export"]
        if options["json"]:
            self.emit_json(result)
        else:
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
