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
        "brought back to the source (fields, members added or corrected); members the file does not list are "
        "removed only with --replace (and listed, but kept, without it). A replace that would remove more "
        "than KERJASAMA_FUNCTIONAL_AREAS_MAX_REMOVAL_SHARE (default 0.2) of an area's members is refused "
        "without --force, since a truncated file looks just like that; --dry-run shows what would change, "
        "removals included, and changes nothing. Other areas are left alone. A second identical import "
        "changes nothing. Needs the regions.import_boundaries right (Kemendagri, system administrators) when "
        "run as a user; on the server it runs as the system."
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
        parser.add_argument(
            "--replace",
            action="store_true",
            help="remove the members of each listed area that the file does not list",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="with --replace: allow removing more than the configured share of an area's members",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what the import would change (removals included) and change nothing",
        )

    def run(self, *args: Any, **options: Any) -> None:
        data = read_source_file(Path(options["file"]))
        result: dict[str, Any] = {
            "areas": len(data["areas"]),
            "members": sum(len(a["members"]) for a in data["areas"]),
        }
        removed: list[str] = []
        not_in_file: list[str] = []
        if not options["no_db"]:
            report = load_functional_areas(
                actor=SYSTEM,
                data=data,
                update_existing=True,
                replace=options["replace"],
                force=options["force"],
                dry_run=options["dry_run"],
            )
            result.update(asdict(report))
            result["changed"] = report.changed
            removed, not_in_file = result.pop("removed"), result.pop("not_in_file")
            if options["json"]:
                result["removed"], result["not_in_file"] = removed, not_in_file
        if options["dry_run"]:  # a dry run writes nothing, not even the export
            options["export"] = None
        if options.get("export"):  # after the database check, so a refused file is never exported
            write_package(data, Path(options["export"]))
            result["exported"] = options["export"]
        if options["json"]:
            self.emit_json(result)
            return
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
        verb = "akan dihapus / would be removed" if options["dry_run"] else "dihapus / removed"
        for line in removed:
            self.stdout.write(f"  {verb}: {line}")
        for line in not_in_file:
            self.stdout.write(
                f"  tidak ada di berkas, dipertahankan (pakai --replace untuk menghapus) / "
                f"not in the file, kept (use --replace to remove): {line}"
            )
