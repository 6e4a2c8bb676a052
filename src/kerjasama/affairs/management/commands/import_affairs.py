"""``kerjasama import-affairs DIR``: import the affairs list and the authority matrix from CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kerjasama.affairs.services import load_affairs, read_source_dir, write_package
from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Impor urusan dan matriks kewenangan / Import the 32 affairs (urusan.csv) and the authority matrix "
        "(authority_matrix.csv) from DIR, then the project's supplement "
        "(affairs/data/authority_matrix_supplement.csv) for affairs the shared matrix does not cover (shared "
        "rows win). Any bad row rejects the whole import, with a row-by-row report; rows edited in the admin "
        "are brought back to the source."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "directory", metavar="DIR", help="folder holding urusan.csv and authority_matrix.csv"
        )
        parser.add_argument("--export", metavar="FILE", help="also write the shipped package-data file")
        parser.add_argument(
            "--no-db", action="store_true", help="only check (and export); do not touch the database"
        )

    def run(self, *args: Any, **options: Any) -> None:
        data = read_source_dir(Path(options["directory"]))
        if options.get("export"):
            write_package(data, Path(options["export"]))
        result: dict[str, Any] = {
            "affairs": len(data["affairs"]),
            "authority_entries": len(data["authority"]),
            # supplement rows of affairs the shared matrix covers: the shared rows win
            "supplement_superseded": data["supplement_superseded"],
        }
        if not options["no_db"]:
            report = load_affairs(actor=SYSTEM, data=data, update_existing=True)
            result.update(report.__dict__)
        if options["json"]:
            self.emit_json(result)
        else:
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
