"""The deadlines app's settings (``KERJASAMA_DEADLINE_*`` in ``core/settings.py``; ``.env.example``).

None of these numbers is set by the regulations: they are local policy, and the defaults are the issue's
(issue 11 item 5). The notice date before expiry and its lead times follow the agreement's own terms
(PP 28/2018 Pasal 9(1) huruf a: a cooperation ends when its term expires; the PKS states its term, Pasal 6(4)
[U] for the clause list), so the leads only say *when to remind* and never change a legal date.
"""

from __future__ import annotations

from django.conf import settings


def parse_days(value: object, default: tuple[int, ...]) -> tuple[int, ...]:
    if value is None:
        return default
    items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return tuple(sorted({int(str(i).strip()) for i in items if str(i).strip()}, reverse=True))


def expiry_leads() -> tuple[int, ...]:
    """Calendar days before an agreement's notice date and end of term to remind (local policy; 180/90/30)."""
    return parse_days(getattr(settings, "KERJASAMA_DEADLINE_EXPIRY_LEADS", None), (180, 90, 30))


def stage_leads() -> tuple[int, ...]:
    """Working days before a stage clock's due date to remind (local policy; 10/5/0)."""
    return parse_days(getattr(settings, "KERJASAMA_DEADLINE_STAGE_LEADS", None), (10, 5, 0))


def obligation_leads() -> tuple[int, ...]:
    """Calendar days before an obligation's due date to remind its owner (local policy; 7/1). After the due
    date the obligations app's escalation ladder takes over."""
    return parse_days(getattr(settings, "KERJASAMA_DEADLINE_OBLIGATION_LEADS", None), (7, 1))


def monev_leads() -> tuple[int, ...]:
    """Calendar days before a self-assessment is due to remind the party (local policy; 14/3)."""
    return parse_days(getattr(settings, "KERJASAMA_DEADLINE_MONEV_LEADS", None), (14, 3))


def monev_overdue_days() -> tuple[int, ...]:
    """Days after a self-assessment's due date to remind a party that missed it (local policy; 1/14): the
    first to its cooperation unit and TKKSD, the later ones an escalation to the unit's heads
    (``User.is_unit_head``; the same people where none is recorded), as in the obligations' ladder.
    Ascending; 0 and negatives are ignored."""
    return tuple(sorted(parse_days(getattr(settings, "KERJASAMA_DEADLINE_MONEV_OVERDUE_DAYS", None), (1, 14))))


def soon_days() -> int:
    """A deadline within this many days is "jatuh tempo" (issue 11: ≤ 30 days)."""
    return int(getattr(settings, "KERJASAMA_DEADLINE_SOON_DAYS", 30))


def horizon_days() -> int:
    """How far ahead reminders are planned and deadlines listed (at least the largest lead; default 400)."""
    return int(getattr(settings, "KERJASAMA_DEADLINE_HORIZON_DAYS", 400))


def overdue_days() -> int:
    """How far back overdue deadlines are still listed as "terlambat" (default 365)."""
    return int(getattr(settings, "KERJASAMA_DEADLINE_OVERDUE_DAYS", 365))


def feed_rate_per_minute() -> int:
    """Requests per calendar token and minute on the ICS feed (0: no limit); the API's rate by default."""
    return int(
        getattr(settings, "KERJASAMA_CALENDAR_RATE_PER_MINUTE", settings.KERJASAMA_API_RATE_PER_MINUTE)
    )
