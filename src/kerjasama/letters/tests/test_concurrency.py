"""Two letters finalised at the same instant get consecutive, distinct numbers (issue 15 acceptance).

Each of two threads finalises its own draft on its own database connection, released together by a barrier.
On PostgreSQL the register row is locked with ``select_for_update``; on SQLite the finalising transaction holds
the database write lock (``transaction_mode=IMMEDIATE``). The test runs outside a test transaction (the threads
must see committed rows) and removes every row it made afterwards, so the session's reference data stays.
On SQLite the race runs on a copy of the suite's database in a file, opened by ``kerjasama manage shell`` with
the installation's settings (the suite's in-memory database cannot make a writer wait).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from kerjasama.agreements.models import Agreement
from kerjasama.core.models import AuditEvent
from kerjasama.letters import services
from kerjasama.letters.choices import LetterKind
from kerjasama.letters.models import Letter, LetterNumberSequence
from kerjasama.letters.tests.sqlite_race import MARKER

#: The console script next to the interpreter that runs pytest (``.venv/bin/kerjasama``).
KERJASAMA = Path(sys.executable).parent / "kerjasama"
#: How long the first finaliser keeps the write lock after claiming its number (the other one waits meanwhile).
HOLD_S = 0.5

SIGNER = {"signer_title": "Wali Kota Yogyakarta", "signer_name": "Budi Santoso"}


@pytest.fixture
def committed(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """A committed agreement of Kota Yogyakarta with two committed drafts; all of it deleted afterwards."""
    from kerjasama.accounts.models import User

    with django_db_blocker.unblock():
        yogya = User.objects.select_related("organisation").get(username="operator.yogya")
        agreement = Agreement.objects.create(
            type="KSDD", title="Uji penomoran serentak", lead_region_id="34.71", is_example=True
        )
        agreement.parties.create(region_id="34.71", role="proposer")
        agreement.parties.create(region_id="34.04", role="partner")
        drafts = []
        for _ in range(2):
            letter = services.draft_letter(actor=yogya, agreement=agreement, kind=LetterKind.OFFER)
            drafts.append(services.update_letter(actor=yogya, letter=letter, changes=SIGNER))
        try:
            yield {"actor": yogya, "drafts": drafts, "agreement": agreement}
        finally:
            ids = list(Letter.objects.filter(agreement=agreement).values_list("pk", flat=True))
            AuditEvent.objects.filter(
                object_type="letters.letter", object_id__in=[str(i) for i in ids]
            ).delete()
            Letter.history.filter(id__in=ids).delete()
            Letter.objects.filter(pk__in=ids).delete()
            LetterNumberSequence.objects.filter(unit=drafts[0].issuing_unit).delete()
            agreement.parties.all().delete()
            type(agreement).history.filter(id=agreement.pk).delete()
            agreement.delete()


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the suite's SQLite test database is in memory with a shared cache, where a second writer gets "
    "'database table is locked' (SQLITE_LOCKED ignores the busy timeout); on SQLite the same race runs on an "
    "installation's file database instead (test_..._on_an_installations_sqlite_file)",
)
def test_it_gives_two_letters_finalised_at_once_consecutive_distinct_numbers(
    committed: dict[str, Any],
) -> None:
    barrier = threading.Barrier(2, timeout=30)
    numbers: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def finalise(letter: Letter) -> None:
        try:
            barrier.wait()
            final = services.finalise_letter(actor=committed["actor"], letter=letter)
            numbers.append((int(final.sequence or 0), final.number))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=finalise, args=(d,)) for d in committed["drafts"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [], f"{connection.vendor}: {errors!r}"
    assert sorted(n for n, _ in numbers) == [1, 2]
    assert len({text for _, text in numbers}) == 2
    sequence = LetterNumberSequence.objects.get(unit=committed["drafts"][0].issuing_unit)
    assert sequence.last_number == 2


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's half of the race; on PostgreSQL the threaded test above runs on the suite's database",
)
def test_it_gives_two_letters_finalised_at_once_consecutive_numbers_on_an_installations_sqlite_file(
    committed: dict[str, Any], django_db_blocker: Any, tmp_path: Path
) -> None:
    """The race above on a FILE database configured as an installation's (``core/settings.py``: WAL,
    ``transaction_mode=IMMEDIATE``, timeout 20): the suite's database (reference data, demo accounts and the
    two committed drafts) is copied to a file with SQLite's backup API, and ``kerjasama manage shell`` runs
    ``sqlite_race.race`` there with ``DB=sqlite SQLITE_PATH=<file>``. The first finaliser keeps the write lock
    for ``HOLD_S`` after its claim, so the second certainly waits for it: it must get the next number, not
    "database is locked"."""
    database = tmp_path / "var" / "kerjasama.sqlite3"
    database.parent.mkdir()
    with django_db_blocker.unblock():
        connection.ensure_connection()
        assert not connection.in_atomic_block
        target = sqlite3.connect(database)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DB", "KERJASAMA_", "SQLITE_"))}
    env.update(
        DB="sqlite",
        SQLITE_PATH=str(database),
        KERJASAMA_HOME=str(tmp_path),
        KERJASAMA_VAR_DIR=str(database.parent),
        KERJASAMA_ENV="development",
        DJANGO_SETTINGS_MODULE="kerjasama.core.settings",
        DEBUG="false",
    )
    ids = [d.pk for d in committed["drafts"]]
    code = (
        "from kerjasama.letters.tests.sqlite_race import race\n"
        f"race(letter_ids={ids!r}, username={committed['actor'].username!r}, hold_s={HOLD_S!r})"
    )
    done = subprocess.run(
        [str(KERJASAMA), "manage", "shell", "--no-imports", "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next((ln for ln in reversed(done.stdout.splitlines()) if ln.startswith(MARKER)), None)
    assert done.returncode == 0 and line is not None, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    result = json.loads(line[len(MARKER) :])
    # The installation's database and options, not the suite's.
    assert result["vendor"] == "sqlite" and result["name"] == str(database)
    assert result["options"] == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    assert result["journal_mode"] == "wal"
    assert result["errors"] == []
    outcomes = sorted(result["outcomes"], key=lambda o: o["sequence"])
    assert [o["sequence"] for o in outcomes] == [1, 2]
    assert len({o["number"] for o in outcomes}) == 2
    assert result["last_number"] == 2
    assert [(row[0], row[2]) for row in result["stored"]] == [(1, "final"), (2, "final")]
    first, second = outcomes
    # Both were finalising at once, and the second waited for the first's lock (not a serial run by chance).
    assert second["started"] < first["ended"]
    assert second["ended"] - second["started"] >= 2 * HOLD_S * 0.9


@pytest.mark.django_db
def test_it_keeps_one_register_row_per_unit_and_year(committed_unit: Any) -> None:
    """The register row is made once; each claim increments it (the threads above share this one row)."""
    assert [services.next_sequence(committed_unit, 2031) for _ in range(3)] == [1, 2, 3]
    assert LetterNumberSequence.objects.filter(unit=committed_unit, year=2031).count() == 1


@pytest.fixture
def committed_unit(db: None) -> Any:
    from kerjasama.accounts.models import Organisation

    return Organisation.objects.filter(region_id="34.71").order_by("pk").first()
