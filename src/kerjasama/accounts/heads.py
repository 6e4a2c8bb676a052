"""Who in a unit hears of a step of an escalation ladder (issue 11 items 1 and 2).

The first step (a reminder) goes to the unit's staff; a later step (the escalation) to its heads
(``User.is_unit_head``: the Kepala Bagian Kerja Sama). A unit that recorded no head gets the escalation itself,
flagged ESKALASI by the caller, so nobody is left untold; one whose only users are heads gets the reminder too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def ladder_recipients(unit: Iterable[Any], *, escalation: bool) -> list[Any]:
    """The users of ``unit`` (in their order) who receive the reminder, or with ``escalation`` the escalation."""
    people = list(unit)
    heads = [u for u in people if u.is_unit_head]
    staff = [u for u in people if not u.is_unit_head]
    return (heads if escalation else staff) or people
