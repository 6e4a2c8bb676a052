"""``kerjasama backup`` and ``kerjasama restore`` (issue 14 item 6): the round trip is identical on SQLite and
PostgreSQL (the suite runs on both); a tampered archive and a non-empty target are refused.

The tests that back up are transactional (``pg_dump`` is another process and sees only committed rows; SQLite's
backup API cannot copy from a connection holding a write transaction), so they empty the test database when
they end; ``reference_data_back`` loads the session's reference data again after the module.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kerjasama.agreements.tests.conftest import people, propose_waste, tkksd_sleman  # noqa: F401
from kerjasama.core import backup
from kerjasama.documents.models import Blob
from kerjasama.documents.services import upload_document
from kerjasama.documents.tests.samples import pdf_bytes
from kerjasama.regions.models import Region


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def documents_dir(tmp_path: Path, settings: Any) -> Path:
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    return location


@pytest.fixture(scope="module")
def reference_data_back(django_db_blocker: Any) -> Iterator[None]:
    """After the module: the reference data and demo accounts the session loaded, again (a transactional test
    empties every table when it ends)."""
    yield
    from conftest import TEST_DEMO_APPS

    from kerjasama.core import bootstrap
    from kerjasama.core.actors import SYSTEM

    with django_db_blocker.unblock():
        bootstrap.load_reference_data(actor=SYSTEM)
        bootstrap.load_demo_data(actor=SYSTEM, only=TEST_DEMO_APPS)


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A database with nothing in it, of the engine the suite runs on: a temporary SQLite file, or a scratch
    PostgreSQL database on the test server, dropped afterwards."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {"ENGINE": source["ENGINE"], "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    name = f"test_kerjasama_restore_{uuid.uuid4().hex[:12]}"
    params: dict[str, Any] = {
        "user": source.get("USER") or "postgres",
        "password": source.get("PASSWORD") or None,
        "host": source.get("HOST") or "127.0.0.1",
        "port": int(source.get("PORT") or 5432),
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**{k: source.get(k) for k in ("ENGINE", "USER", "PASSWORD", "HOST", "PORT")}, "NAME": name}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _analyzed(database: dict[str, Any], table: str) -> bool:
    """Whether ``ANALYZE`` has gathered statistics of ``table`` in ``database`` (a dump carries none)."""
    if database["ENGINE"].endswith("sqlite3"):
        import sqlite3

        conn = sqlite3.connect(database["NAME"])
        try:
            rows = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
            if not rows[0]:
                return False
            return bool(conn.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = ?", (table,)).fetchone()[0])
        finally:
            conn.close()
    with backup._pg_connect(database) as conn:
        row = conn.execute(
            "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = %s", (table,)
        ).fetchone()
    return bool(row and row[0])


def _source_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _agreement_with_documents(cast: dict[str, Any]) -> list[str]:
    agreement = propose_waste(cast)
    names = []
    for i in range(2):
        version = upload_document(
            actor=cast["yogya"],
            region=Region.objects.get(code="34.71"),
            kind="kesepakatan_bersama",
            title=f"Kesepakatan Bersama persampahan {i}",
            upload=SimpleUploadedFile(f"kb{i}.pdf", pdf_bytes(f"KB uji {i}"), content_type="application/pdf"),
            attached_to=agreement,
        )
        names.append(version.blob.storage_name)
    return names


def _rewrite(archive: Path, out: Path, change: Any) -> None:
    """Copy ``archive`` to ``out``, passing each member's (name, bytes) through ``change`` (None drops it)."""
    with tarfile.open(archive, "r:*") as source, tarfile.open(out, "w") as target:
        for member in source:
            fh = source.extractfile(member)
            assert fh is not None
            changed = change(member.name, fh.read())
            if changed is None:
                continue
            name, data = changed
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_every_row_and_document(
    people: dict[str, Any],  # noqa: F811
    reference_data_back: None,
    empty_target: dict[str, Any],
    tmp_path: Path,
) -> None:
    stored = _agreement_with_documents(people)
    source_counts = _source_counts()
    assert source_counts["agreements_agreement"] >= 1 and source_counts["documents_blob"] >= 2
    archive = tmp_path / "kerjasama.tar.gz"

    code, out, err = run("backup", str(archive), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["documents"] == len(stored) and summary["engine"] == connection.vendor
    manifest = backup.read_manifest(archive)
    assert manifest["row_counts"] == source_counts
    assert manifest["format"] == backup.FORMAT_VERSION and manifest["app_version"]
    assert "agreements" in manifest["migrations"] and "0001_initial" in manifest["migrations"]["agreements"]
    assert {p["kind"] for p in manifest["parts"]} == {"database", "document"}

    restored_docs = FileSystemStorage(location=tmp_path / "restored-documents")
    report = backup.restore_backup(archive, database=empty_target, storage=restored_docs)

    assert report.verified and report.problems == []
    assert backup.table_counts(empty_target) == source_counts
    assert report.rows == sum(source_counts.values()) and report.documents == len(stored)
    assert _analyzed(empty_target, "agreements_agreement")  # the planner's statistics were rebuilt
    for blob in Blob.objects.all():
        with restored_docs.open(blob.storage_name, "rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == blob.sha256
    # The restored installation is no longer empty: a second restore is refused, and nothing changes.
    with pytest.raises(backup.BackupRefused) as refused:
        backup.restore_backup(archive, database=empty_target, storage=restored_docs)
    assert refused.value.code == "backup.target_not_empty" and refused.value.exit_code == 1
    assert backup.table_counts(empty_target) == source_counts


@pytest.mark.django_db(transaction=True)
def test_a_tampered_archive_is_refused_before_anything_is_touched(
    tmp_path: Path, empty_target: dict[str, Any], reference_data_back: None
) -> None:
    archive = tmp_path / "ok.tar"
    backup.create_backup(archive, connection=connection, storage=FileSystemStorage(location=tmp_path / "d"))
    dump = backup.DUMP_NAMES[connection.vendor]

    def flip(name: str, data: bytes) -> tuple[str, bytes]:
        if name == dump:
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]
        return name, data

    cases = {
        "flipped": flip,
        "dropped": lambda name, data: None if name == dump else (name, data),
        "extra": lambda name, data: (name, data),
    }
    for label, change in cases.items():
        tampered = tmp_path / f"{label}.tar"
        _rewrite(archive, tampered, change)
        if label == "extra":
            with tarfile.open(tampered, "a") as tar:
                info = tarfile.TarInfo("documents/sha256/00/00/evil")
                info.size = 4
                tar.addfile(info, io.BytesIO(b"evil"))
        target_docs = FileSystemStorage(location=tmp_path / f"docs-{label}")
        with pytest.raises(backup.BackupInvalid) as invalid:
            backup.restore_backup(tampered, database=empty_target, storage=target_docs)
        assert invalid.value.code == "backup.checksum_mismatch" and invalid.value.exit_code == 2, label
        assert backup.table_counts(empty_target) == {}, label  # nothing restored
        assert not (tmp_path / f"docs-{label}").exists(), label

    code, out, err = run("restore", str(tmp_path / "flipped.tar"), "--json")
    assert code == 2
    assert json.loads(out)["error"]["code"] == "backup.checksum_mismatch"
    assert "Galat [backup.checksum_mismatch]" in err and "Error [backup.checksum_mismatch]" in err


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_non_empty_installation(tmp_path: Path, reference_data_back: None) -> None:
    from kerjasama.accounts.models import User

    User.objects.create_user(username="pemulih.uji", password="Tidak-Sama-2026!")  # a committed row at least
    archive = tmp_path / "ok.tar"
    backup.create_backup(archive, connection=connection, storage=FileSystemStorage(location=tmp_path / "d"))
    before = _source_counts()
    code, out, err = run("restore", str(archive), "--json")
    assert code == 1
    error = json.loads(out)["error"]
    assert error["code"] == "backup.target_not_empty"
    assert "tidak kosong" in error["message_id"] and "not empty" in error["message_en"]
    assert "Galat [backup.target_not_empty]" in err
    assert _source_counts() == before


def test_an_unreadable_file_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-backup.tar"
    bogus.write_bytes(os.urandom(64))
    with pytest.raises(backup.BackupInvalid) as invalid:
        backup.read_manifest(bogus)
    assert invalid.value.code == "backup.unreadable"


def test_the_password_reaches_pg_tools_only_through_the_environment() -> None:
    env = backup._pg_env({"NAME": "k", "USER": "u", "PASSWORD": "s3cret", "HOST": "127.0.0.1", "PORT": 5432})
    assert env["PGPASSWORD"] == "s3cret" and env["PGDATABASE"] == "k"
    without = backup._pg_env({"NAME": "k", "PASSWORD": ""})
    assert without.get("PGPASSWORD") == os.environ.get("PGPASSWORD")


def _handmade_archive(path: Path, parts: dict[str, bytes]) -> None:
    """An archive with these parts and a manifest that describes them (no database needed)."""
    manifest = {
        "format": backup.FORMAT_VERSION,
        "created_at": "2026-01-01T00:00:00+00:00",
        "engine": "sqlite",
        "app_version": "test",
        "migrations": {},
        "row_counts": {},
        "parts": [
            {"name": n, "kind": "document", "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for n, d in parts.items()
        ],
    }
    with tarfile.open(path, "w") as tar:
        for name, data in [*parts.items(), (backup.MANIFEST, json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    contents=st.lists(st.binary(min_size=1, max_size=64), min_size=1, max_size=4),
    which=st.integers(min_value=0),
    offset=st.integers(min_value=0),
    bit=st.integers(min_value=0, max_value=7),
)
def test_any_flipped_bit_in_any_part_is_detected(
    tmp_path: Path, contents: list[bytes], which: int, offset: int, bit: int
) -> None:
    parts = {f"documents/sha256/{i:02d}/x{i}": data for i, data in enumerate(contents)}
    archive = tmp_path / f"h-{uuid.uuid4().hex}.tar"
    _handmade_archive(archive, parts)
    assert backup.verify_archive(archive)["parts"]  # the intact archive passes
    name = sorted(parts)[which % len(parts)]
    data = bytearray(parts[name])
    data[offset % len(data)] ^= 1 << bit
    tampered = tmp_path / f"t-{uuid.uuid4().hex}.tar"
    _rewrite(archive, tampered, lambda n, d: (n, bytes(data)) if n == name else (n, d))
    with pytest.raises(backup.BackupInvalid) as invalid:
        backup.verify_archive(tampered)
    assert invalid.value.code == "backup.checksum_mismatch"
