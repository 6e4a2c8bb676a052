"""The race of ``test_concurrency``, run inside an installation on its SQLite file (``kerjasama manage shell``).

``race`` finalises the given drafts from one thread each, released together by a barrier, each thread on its own
connection to the installation's database as ``core/settings.py`` configures it (WAL, ``transaction_mode=
IMMEDIATE``, busy timeout 20 s). The winner holds the write lock for ``hold_s`` seconds after claiming its
number (``next_sequence`` is wrapped with a pause), so the other finaliser is certainly waiting at ``BEGIN
IMMEDIATE`` while the lock is held: it must wait and then take the next number, not fail with "database is
locked". The outcome is printed as one JSON line after ``MARKER``.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

MARKER = "@@LETTERS-SQLITE-RACE@@"


def race(*, letter_ids: list[int], username: str, hold_s: float) -> dict[str, Any]:
    from django.db import connection, connections

    from kerjasama.accounts.models import User
    from kerjasama.letters import services
    from kerjasama.letters.models import Letter, LetterNumberSequence

    actor = User.objects.select_related("organisation").get(username=username)
    drafts = [Letter.objects.get(pk=pk) for pk in letter_ids]
    claim = services.next_sequence

    def slow_claim(unit: Any, year: int) -> int:
        number = claim(unit, year)
        time.sleep(hold_s)  # the write lock stays held: the other finaliser is waiting for it now
        return number

    services.next_sequence = slow_claim  # finalise_letter looks it up at call time
    barrier = threading.Barrier(len(drafts), timeout=30)
    outcomes: list[dict[str, Any]] = []
    errors: list[str] = []

    def finalise(letter: Letter) -> None:
        try:
            barrier.wait()
            started = time.monotonic()
            final = services.finalise_letter(actor=actor, letter=letter)
            outcomes.append(
                {
                    "sequence": int(final.sequence or 0),
                    "number": final.number,
                    "started": started,
                    "ended": time.monotonic(),
                }
            )
        except BaseException as exc:  # reported to the test, which fails on any
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=finalise, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    services.next_sequence = claim
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = str(cursor.fetchone()[0])
    register = LetterNumberSequence.objects.get(unit=drafts[0].issuing_unit)
    result = {
        "vendor": connection.vendor,
        "name": str(connection.settings_dict["NAME"]),
        "options": {k: v for k, v in connection.settings_dict["OPTIONS"].items() if k != "init_command"},
        "journal_mode": journal_mode,
        "outcomes": outcomes,
        "errors": errors,
        "last_number": register.last_number,
        "stored": sorted(
            Letter.objects.filter(pk__in=letter_ids).values_list("sequence", "number", "status"),
            key=lambda row: row[0] or 0,
        ),
    }
    print(MARKER + json.dumps(result, default=str))
    return result
