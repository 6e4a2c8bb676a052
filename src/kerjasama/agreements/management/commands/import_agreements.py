"""``kerjasama import-agreements FILE.xlsx [--dry-run]`` and ``--template FILE.xlsx``: the register of existing
agreements from the XLSX template (issue 10, items 7 and 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kerjasama.agreements.imports import import_register_xlsx, register_template_xlsx
from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.errors import KerjasamaError


class Command(KerjasamaCommand):
    help = (
        "Impor register kerja sama yang sudah berjalan dari templat XLSX / Import the register of existing "
        "agreements from the XLSX template. All rows or none: a bad row rejects the whole file with a report "
        "naming row and column on stderr. Exit 0 imported, 1 rejected (nothing written), 2 unreadable file. "
        "--template FILE writes the empty template with its instructions sheet."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("file", metavar="FILE.xlsx", nargs="?", help="the filled register template")
        parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
        parser.add_argument("--template", metavar="FILE.xlsx", help="write the empty template to FILE")

    def run(self, *args: Any, **options: Any) -> None:
        if options.get("template"):
            target = Path(options["template"])
            try:
                target.write_bytes(register_template_xlsx())
            except OSError as exc:
                raise KerjasamaError(
                    "agreements.unwritable",
                    f"Templat tidak dapat ditulis ke {target}: {exc.strerror}.",
                    f"The template cannot be written to {target}: {exc.strerror}.",
                ) from exc
            self.stdout.write(f"Templat ditulis / template written: {target}")
            return
        if not options.get("file"):
            raise KerjasamaError(
                "agreements.file_required",
                "Sebutkan berkas XLSX yang diimpor, atau --template FILE.",
                "Name the XLSX file to import, or --template FILE.",
            )
        source = Path(options["file"])
        try:
            content = source.read_bytes()
        except OSError as exc:
            raise KerjasamaError(
                "agreements.bad_upload",
                f"Berkas {source} tidak dapat dibaca: {exc.strerror}.",
                f"The file {source} cannot be read: {exc.strerror}.",
            ) from exc
        report = import_register_xlsx(actor=SYSTEM, content=content, dry_run=options["dry_run"])
        if options["json"]:
            self.emit_json(report.as_dict())
        elif report.dry_run:
            self.stdout.write(
                f"Uji coba: {report.rows} baris lolos pemeriksaan, tidak ada yang disimpan / "
                f"dry run: {report.rows} rows pass the checks, nothing saved"
            )
        else:
            self.stdout.write(
                f"Diimpor {len(report.created)} kerja sama / imported {len(report.created)} agreements"
            )
