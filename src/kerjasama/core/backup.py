"""Backups that restore (issue 14 item 6): ``kerjasama backup PATH`` and ``kerjasama restore PATH``.

**The archive** is one tar file (``PATH`` ending in ``.tar.gz`` or ``.tgz`` is gzip-compressed, anything else
is a plain ``.tar``) holding:

- ``manifest.json``: format version, ``created_at``, database engine, application version, the applied
  migrations per app, the row count of every table, and the SHA-256 and size of every other member (a *part*);
- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite, a copy made with
  the online backup API ``sqlite3.Connection.backup``; never a file copy of a live database);
- ``documents/<storage name>``: every stored document file (the content-addressed blobs of
  ``kerjasama.documents``, read through the ``documents`` storage, so filesystem and S3 alike).

**Consistency.** On PostgreSQL the row counts and the list of documents are read in one ``REPEATABLE READ``
transaction whose snapshot ``pg_dump --snapshot`` then dumps: dump, counts and document list describe the same
instant. On SQLite they are read from the backup copy itself. Documents are immutable and named by their
SHA-256, so each file read afterwards is the one the database refers to.

**Restore** goes into an *empty installation*: a database with no tables, or whose tables hold no rows other
than those ``kerjasama manage migrate`` writes by itself (``django_migrations``, ``django_content_type``,
``auth_permission``); a document storage with no file at a name the archive holds, unless it holds the same
bytes. Anything else is refused with exit status 1 (``backup.target_not_empty``). Every part's size and SHA-256
is checked against the manifest before anything is touched (a mismatch, a missing or an extra member: exit 2,
``backup.checksum_mismatch``, nothing restored). Then ``pg_restore --clean --if-exists --single-transaction``
(PostgreSQL) or the SQLite file is moved into place (stop the web and worker services first: nothing may hold
the database open), the documents are written, and the row counts are compared with the manifest.

The password of the PostgreSQL connection is handed to ``pg_dump``/``pg_restore`` only through the environment
variable ``PGPASSWORD`` (when the settings hold one), never on the command line.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from kerjasama.core.errors import KerjasamaError

#: Bumped when the archive's layout changes; ``restore`` refuses a format it does not know.
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DOCUMENTS_PREFIX = "documents/"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
#: Tables ``migrate`` fills by itself: rows in them do not make an installation non-empty.
MIGRATE_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
CHUNK = 1024 * 1024


class BackupRefused(KerjasamaError):
    """The target installation is not empty (exit 1)."""

    exit_code = 1


class BackupInvalid(KerjasamaError):
    """The archive is damaged, tampered with or not a Kerjasama backup (exit 2)."""

    exit_code = 2


class BackupFailed(KerjasamaError):
    """A database tool failed (exit 1)."""

    exit_code = 1


@dataclass
class RestoreReport:
    engine: str
    tables: dict[str, int]
    documents: int
    document_bytes: int
    verified: bool
    created_at: str
    problems: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "created_at": self.created_at,
            "tables": len(self.tables),
            "rows": self.rows,
            "rows_per_table": self.tables,
            "documents": self.documents,
            "document_bytes": self.document_bytes,
            "verified": self.verified,
            "problems": self.problems,
        }


def vendor_of(database: dict[str, Any]) -> str:
    engine = str(database.get("ENGINE", ""))
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupFailed(
        "backup.engine_unsupported",
        f"Mesin basis data tidak didukung untuk cadangan: {engine}.",
        f"Database engine not supported for backups: {engine}.",
    )


def app_version() -> str:
    try:
        return metadata.version("kerjasama")
    except metadata.PackageNotFoundError:  # pragma: no cover - the package is always installed
        return "unknown"


def _sha256_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


# --- connections of the raw drivers (the target of a restore may not be Django's database) ---------------------


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    """The libpq environment for ``pg_dump``/``pg_restore``: the password only as ``PGPASSWORD``."""
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(database.get("HOST") or "127.0.0.1"),
            "PGPORT": str(database.get("PORT") or 5432),
            "PGUSER": str(database.get("USER") or "postgres"),
            "PGDATABASE": str(database["NAME"]),
        }
    )
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _pg_connect(database: dict[str, Any]) -> Any:
    import psycopg

    return psycopg.connect(
        dbname=str(database["NAME"]),
        user=str(database.get("USER") or "postgres"),
        password=str(database.get("PASSWORD") or "") or None,
        host=str(database.get("HOST") or "127.0.0.1"),
        port=int(database.get("PORT") or 5432),
        connect_timeout=10,
    )


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [row[0] for row in cursor.fetchall()]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _migrations(cursor: Any, tables: list[str]) -> dict[str, list[str]]:
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    state: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        state.setdefault(app, []).append(name)
    return state


def _blobs(cursor: Any, tables: list[str]) -> list[tuple[str, str]]:
    if "documents_blob" not in tables:
        return []
    cursor.execute("SELECT storage_name, sha256 FROM documents_blob ORDER BY storage_name")
    return [(str(name), str(sha)) for name, sha in cursor.fetchall()]


def table_counts(database: dict[str, Any]) -> dict[str, int]:
    """Rows per table of ``database`` (a settings dict), read with the raw driver."""
    if vendor_of(database) == "postgresql":
        with _pg_connect(database) as conn, conn.cursor() as cursor:
            return _counts(cursor, _pg_tables(cursor))
    path = str(database["NAME"])
    uri = path.startswith("file:")  # Django's shared in-memory test database
    if not uri and not Path(path).is_file():
        return {}
    conn = sqlite3.connect(path, uri=uri)
    try:
        return _counts(conn.cursor(), _sqlite_tables(conn))
    finally:
        conn.close()


def analyze(database: dict[str, Any]) -> None:
    """``ANALYZE`` the restored database: a dump carries no planner statistics, and until autovacuum gets to
    them the planner sees empty tables (docs/operations.md, "Planner statistics after bulk loads")."""
    if vendor_of(database) == "postgresql":
        with _pg_connect(database) as conn:
            conn.execute("ANALYZE")
        return
    path = str(database["NAME"])
    conn = sqlite3.connect(path, uri=path.startswith("file:"))
    try:
        conn.execute("ANALYZE")
    finally:
        conn.close()


# --- backup -----------------------------------------------------------------------------------------------------


@dataclass
class _Snapshot:
    dump: Path
    counts: dict[str, int]
    migrations: dict[str, list[str]]
    blobs: list[tuple[str, str]]


def _snapshot_postgresql(database: dict[str, Any], workdir: Path) -> _Snapshot:
    dump = workdir / DUMP_NAMES["postgresql"]
    with _pg_connect(database) as conn:
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _pg_tables(cursor)
            counts = _counts(cursor, tables)
            migrations = _migrations(cursor, tables)
            blobs = _blobs(cursor, tables)
            completed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [
                    shutil.which("pg_dump") or "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                ],
                env=_pg_env(database),
                capture_output=True,
                text=True,
                check=False,
            )
        conn.rollback()
    if completed.returncode != 0:
        raise BackupFailed(
            "backup.dump_failed",
            f"pg_dump gagal: {completed.stderr.strip()}",
            f"pg_dump failed: {completed.stderr.strip()}",
        )
    return _Snapshot(dump, counts, migrations, blobs)


def _snapshot_sqlite(connection: Any, workdir: Path) -> _Snapshot:
    """A copy through the online backup API of the open Django connection (a consistent page-level copy)."""
    dump = workdir / DUMP_NAMES["sqlite"]
    if connection.in_atomic_block:
        # sqlite3_backup_step() answers SQLITE_LOCKED for ever while the source connection writes.
        raise BackupFailed(
            "backup.in_transaction",
            "Cadangan SQLite tidak dapat dibuat di dalam transaksi.",
            "A SQLite backup cannot be made inside a transaction.",
        )
    connection.ensure_connection()
    target = sqlite3.connect(dump)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        cursor = target.cursor()
        tables = _sqlite_tables(target)
        counts = _counts(cursor, tables)
        migrations = _migrations(cursor, tables)
        blobs = _blobs(cursor, tables)
    finally:
        target.close()
    return _Snapshot(dump, counts, migrations, blobs)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


def create_backup(path: Path, *, connection: Any, storage: Storage) -> dict[str, Any]:
    """Write the archive to ``path`` (see the module docstring) and return its manifest.

    ``connection`` is a Django database connection (its settings give the PostgreSQL parameters; on SQLite its
    open handle is copied), ``storage`` the documents storage. The archive is written next to ``path`` under a
    temporary name and renamed when complete, so a failed backup never leaves a half archive under ``path``.
    """
    database = connection.settings_dict
    engine = vendor_of(database)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kerjasama-backup-") as tmp:
        workdir = Path(tmp)
        if engine == "postgresql":
            snapshot = _snapshot_postgresql(database, workdir)
        else:
            snapshot = _snapshot_sqlite(connection, workdir)
        parts: list[dict[str, Any]] = []
        sha, size = _sha256_file(snapshot.dump)
        parts.append({"name": snapshot.dump.name, "kind": "database", "sha256": sha, "size": size})
        mode = "w:gz" if path.name.endswith((".tar.gz", ".tgz")) else "w"
        partial = path.with_name(path.name + ".partial")
        try:
            with tarfile.open(partial, mode) as tar:  # type: ignore[call-overload]
                tar.add(snapshot.dump, arcname=snapshot.dump.name)
                for storage_name, blob_sha in snapshot.blobs:
                    member = DOCUMENTS_PREFIX + storage_name
                    if not _safe_member(member):
                        continue
                    with storage.open(storage_name, "rb") as fh:
                        content = fh.read()
                    digest = hashlib.sha256(content).hexdigest()
                    if digest != blob_sha:
                        raise BackupFailed(
                            "backup.document_corrupt",
                            f"Berkas dokumen {storage_name} tidak cocok dengan SHA-256 yang tercatat.",
                            f"The document file {storage_name} does not match its recorded SHA-256.",
                        )
                    info = tarfile.TarInfo(member)
                    info.size = len(content)
                    info.mtime = int(datetime.now(UTC).timestamp())
                    tar.addfile(info, io.BytesIO(content))
                    parts.append({"name": member, "kind": "document", "sha256": digest, "size": len(content)})
                manifest = {
                    "format": FORMAT_VERSION,
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "engine": engine,
                    "app_version": app_version(),
                    "migrations": snapshot.migrations,
                    "row_counts": snapshot.counts,
                    "parts": parts,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(datetime.now(UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


# --- restore ----------------------------------------------------------------------------------------------------


def _invalid(detail_id: str, detail_en: str) -> BackupInvalid:
    return BackupInvalid(
        "backup.checksum_mismatch",
        f"Arsip cadangan tidak utuh atau telah diubah; tidak ada yang dipulihkan. {detail_id}",
        f"The backup archive is incomplete or has been altered; nothing was restored. {detail_en}",
    )


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:*") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupInvalid(
            "backup.unreadable",
            f"Arsip cadangan tidak dapat dibaca ({exc}).",
            f"The backup archive cannot be read ({exc}).",
        ) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupInvalid(
            "backup.format_unknown",
            f"Format arsip cadangan {manifest.get('format')!r} tidak dikenal (diharapkan {FORMAT_VERSION}).",
            f"Unknown backup archive format {manifest.get('format')!r} (expected {FORMAT_VERSION}).",
        )
    return manifest


def verify_archive(path: Path) -> dict[str, Any]:
    """The manifest, after checking every part's size and SHA-256 and that no member is missing or extra."""
    manifest = read_manifest(path)
    expected = {part["name"]: part for part in manifest.get("parts", [])}
    seen: set[str] = set()
    with tarfile.open(path, "r:*") as tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile() or not _safe_member(member.name):
                raise _invalid(f"Anggota tak terduga: {member.name}.", f"Unexpected member: {member.name}.")
            fh = tar.extractfile(member)
            assert fh is not None
            digest, size = hashlib.sha256(), 0
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
            part = expected[member.name]
            if digest.hexdigest() != part["sha256"] or size != part["size"]:
                raise _invalid(
                    f"SHA-256 atau ukuran {member.name} tidak cocok.",
                    f"SHA-256 or size of {member.name} does not match.",
                )
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise _invalid(f"Bagian hilang: {', '.join(missing)}.", f"Missing parts: {', '.join(missing)}.")
    return manifest


def non_empty_tables(database: dict[str, Any]) -> list[str]:
    """Tables of the target that hold rows (beyond what ``migrate`` writes by itself)."""
    return sorted(t for t, n in table_counts(database).items() if n and t not in MIGRATE_TABLES)


def _document_conflicts(manifest: dict[str, Any], storage: Storage) -> list[str]:
    conflicts = []
    for part in manifest["parts"]:
        if part["kind"] != "document":
            continue
        name = part["name"].removeprefix(DOCUMENTS_PREFIX)
        if storage.exists(name):
            with storage.open(name, "rb") as fh:
                if hashlib.sha256(fh.read()).hexdigest() != part["sha256"]:
                    conflicts.append(name)
    return conflicts


@contextmanager
def _extracted(path: Path, member: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kerjasama-restore-") as tmp, tarfile.open(path, "r:*") as tar:
        source = tar.extractfile(member)
        assert source is not None
        target = Path(tmp) / PurePosixPath(member).name
        with target.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        yield target


def _restore_postgresql(dump: Path, database: dict[str, Any]) -> None:
    completed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            shutil.which("pg_restore") or "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={database['NAME']}",
            str(dump),
        ],
        env=_pg_env(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BackupFailed(
            "backup.restore_failed",
            f"pg_restore gagal (tidak ada perubahan pada basis data): {completed.stderr.strip()}",
            f"pg_restore failed (the database is unchanged): {completed.stderr.strip()}",
        )


def _restore_sqlite(dump: Path, database: dict[str, Any]) -> None:
    target = Path(str(database["NAME"]))
    if str(target).startswith("file:") or str(target) == ":memory:":
        raise BackupFailed(
            "backup.target_in_memory",
            "Pemulihan ke basis data SQLite di memori tidak didukung.",
            "Restoring into an in-memory SQLite database is not supported.",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(dump, staged)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(staged, target)


def restore_backup(
    path: Path,
    *,
    database: dict[str, Any],
    storage: Storage,
    before_replace: Callable[[], None] | None = None,
) -> RestoreReport:
    """Restore the archive at ``path`` into the empty installation ``database`` (a settings dict) + ``storage``.

    Order: checksums of every part (``BackupInvalid``, exit 2), engine and emptiness (``BackupRefused``, exit 1),
    then ``before_replace`` (the command closes its own database connections there), the database, the
    documents, and last the row counts are compared with the manifest.
    """
    path = Path(path)
    manifest = verify_archive(path)
    engine = vendor_of(database)
    if manifest["engine"] != engine:
        raise BackupInvalid(
            "backup.engine_mismatch",
            f"Arsip dibuat dari basis data {manifest['engine']}, instalasi ini memakai {engine}.",
            f"The archive was made from a {manifest['engine']} database; this installation uses {engine}.",
        )
    occupied = non_empty_tables(database)
    conflicts = _document_conflicts(manifest, storage)
    if occupied or conflicts:
        listed = ", ".join((occupied + conflicts)[:10])
        raise BackupRefused(
            "backup.target_not_empty",
            "Instalasi tujuan tidak kosong; pemulihan hanya ke instalasi kosong (basis data tanpa baris selain "
            f"milik `migrate`, tanpa berkas dokumen yang berbeda). Berisi: {listed}.",
            "The target installation is not empty; a restore goes only into an empty installation (a database "
            f"with no rows beyond those of `migrate`, no differing document files). Holds: {listed}.",
        )
    if before_replace is not None:
        before_replace()
    dump_name = DUMP_NAMES[engine]
    with _extracted(path, dump_name) as dump:
        if engine == "postgresql":
            _restore_postgresql(dump, database)
        else:
            _restore_sqlite(dump, database)
    documents, document_bytes = 0, 0
    with tarfile.open(path, "r:*") as tar:
        for member in tar:
            if not member.name.startswith(DOCUMENTS_PREFIX):
                continue
            name = member.name.removeprefix(DOCUMENTS_PREFIX)
            fh = tar.extractfile(member)
            assert fh is not None
            content = fh.read()
            if not storage.exists(name):
                saved = storage.save(name, ContentFile(content))
                if saved != name:
                    raise BackupFailed(
                        "backup.document_name",
                        f"Penyimpanan dokumen menyimpan {name} sebagai {saved}.",
                        f"The document storage stored {name} as {saved}.",
                    )
            documents += 1
            document_bytes += len(content)
    analyze(database)
    counts = table_counts(database)
    expected: dict[str, int] = manifest["row_counts"]
    problems = [
        f"{table}: {counts.get(table)} != {rows}"
        for table, rows in expected.items()
        if counts.get(table) != rows
    ]
    return RestoreReport(
        engine=engine,
        tables=counts,
        documents=documents,
        document_bytes=document_bytes,
        verified=not problems,
        created_at=str(manifest["created_at"]),
        problems=problems,
    )
