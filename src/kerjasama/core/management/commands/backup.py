"""``kerjasama backup PATH``: one archive with the database dump, every document and a manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.db import connection

from kerjasama.core.backup import create_backup
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Buat cadangan / Write a backup: one tar archive (PATH ending in .tar.gz: compressed) with the database "
        "dump (pg_dump on PostgreSQL, the online backup API on SQLite), every stored document and manifest.json "
        "(SHA-256 and size of each part, row counts, migrations). Restore it with `kerjasama restore PATH`."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "path", help="the archive to write, e.g. /var/backups/kerjasama/2026-11-30.tar.gz"
        )

    def run(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        manifest = create_backup(path, connection=connection, storage=storages["documents"])
        parts = manifest["parts"]
        documents = [p for p in parts if p["kind"] == "document"]
        summary = {
            "path": str(path),
            "created_at": manifest["created_at"],
            "engine": manifest["engine"],
            "tables": len(manifest["row_counts"]),
            "rows": sum(manifest["row_counts"].values()),
            "documents": len(documents),
            "bytes": sum(p["size"] for p in parts),
        }
        if options["json"]:
            self.emit_json(summary)
            return
        self.stdout.write(
            f"Cadangan ditulis / backup written: {path}\n"
            f"  {summary['engine']}, {summary['tables']} tabel / tables, {summary['rows']} baris / rows, "
            f"{summary['documents']} dokumen / documents, {summary['bytes']} byte"
        )
