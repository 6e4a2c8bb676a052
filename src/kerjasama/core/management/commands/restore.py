"""``kerjasama restore PATH``: restore a backup archive into an empty installation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.db import connection, connections

from kerjasama.core.backup import restore_backup
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Pulihkan cadangan / Restore a backup made by `kerjasama backup` into an EMPTY installation (no tables, "
        "or no rows beyond those `migrate` writes). Every checksum is verified first: a damaged or altered "
        "archive exits 2 and nothing is restored; a non-empty installation exits 1. Stop the web and worker "
        "services first."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="the archive written by `kerjasama backup`")

    def run(self, *args: Any, **options: Any) -> None:
        report = restore_backup(
            Path(options["path"]),
            database=dict(connection.settings_dict),
            storage=storages["documents"],
            # Nothing of this process may hold the database open while it is replaced.
            before_replace=connections.close_all,
        )
        if options["json"]:
            self.emit_json(report.as_dict())
        else:
            self.stdout.write(
                f"Dipulihkan / restored ({report.engine}, cadangan / backup {report.created_at}): "
                f"{len(report.tables)} tabel / tables, {report.rows} baris / rows, "
                f"{report.documents} dokumen / documents ({report.document_bytes} byte)"
            )
            for table, rows in sorted(report.tables.items()):
                self.stdout.write(f"  {table:<48} {rows}")
            self.stdout.write(
                "Jumlah baris cocok dengan manifest / row counts match the manifest"
                if report.verified
                else "PERINGATAN / WARNING: " + "; ".join(report.problems)
            )
        if not report.verified:
            raise SystemExit(1)
