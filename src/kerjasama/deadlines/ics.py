"""The private ICS calendar (RFC 5545, ``icalendar``) of the deadlines a user owns.

Each deadline is an all-day event on its due date; its UID is the deadline's stable key, so a calendar client
updates the event when an extension moves the date instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from kerjasama.deadlines.selectors import DeadlineRow

UID_DOMAIN = "kerjasama"


def uid_for(key: str) -> str:
    return f"{key}@{UID_DOMAIN}"


def build_calendar(rows: Iterable[DeadlineRow], *, language: str, base_url: str = "") -> bytes:
    """An iCalendar document with one VEVENT per deadline, titles in ``language`` (``id`` or ``en``)."""
    english = language.startswith("en")
    calendar = Calendar()
    calendar.add("prodid", "-//Kerjasama//Tenggat kerja sama daerah//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kerjasama: my deadlines" if english else "Kerjasama: tenggat saya")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for row in rows:
        item = row.item
        event = Event()
        event.add("uid", uid_for(item.key))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", item.title_en if english else item.title_id)
        description = [f"{'Class' if english else 'Kelas'}: {row.class_label}"]
        if item.basis:
            description.append(f"{'Basis' if english else 'Dasar'}: {item.basis}")
        event.add("description", "\n".join(description))
        event.add("categories", [row.klass])
        if item.url:
            event.add("url", f"{base_url}{item.url}")
        calendar.add_component(event)
    return calendar.to_ical()
