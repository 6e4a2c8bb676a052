"""``kerjasama open-data DIR``: write the open-data package of the public register into a folder, for
publishing on a data portal (issue 13 item 4); the same files as ``/data-terbuka/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.oversight.opendata import write_package


class Command(KerjasamaCommand):
    help = (
        "Data terbuka / Open data: write the Frictionless Data Package of the public register (datapackage.json, "
        "CSV and JSON tables, ocds.json) into DIR (created if missing; files of the same name are replaced); "
        "--json prints the files written."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("directory", metavar="DIR", help="folder to write the package into")

    def run(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        if directory.exists() and not directory.is_dir():
            self.fail(
                "opendata.not_a_directory",
                f"{directory} bukan folder.",
                f"{directory} is not a folder.",
            )
        try:
            written = write_package(directory)
        except OSError as exc:
            self.fail(
                "opendata.cannot_write",
                f"Tidak dapat menulis ke {directory}: {exc.strerror}.",
                f"Cannot write to {directory}: {exc.strerror}.",
            )
            return
        if options["json"]:
            self.emit_json({"directory": str(directory), "files": sorted(p.name for p in written)})
            return
        for path in sorted(written):
            self.stdout.write(str(path))
        self.stdout.write(f"{len(written)} berkas / files")
