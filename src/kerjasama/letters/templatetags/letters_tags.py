"""``{% draft_letter_from record %}``: the "Buat surat" form on a TKKSD meeting, report or dispute page, shown
only to who may draft that letter (the subject apps' templates need no letters code of their own)."""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.accounts.policy import can
from kerjasama.disputes.models import Dispute
from kerjasama.letters.forms import DisputeLetterForm, MeetingInvitationForm
from kerjasama.reports.models import PeriodicReport
from kerjasama.tkksd.choices import MeetingStatus
from kerjasama.tkksd.models import Meeting

register = template.Library()


@register.inclusion_tag("letters/_draft_from.html", takes_context=True)
def draft_letter_from(context: dict[str, Any], record: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    shown: dict[str, Any] = {"shown": False, "csrf_token": context.get("csrf_token")}
    if isinstance(record, Meeting):
        if record.status == MeetingStatus.SCHEDULED and can(user, "letters.draft_for_region_record", record):
            shown.update(
                shown=True, kind="meeting", record=record, form=MeetingInvitationForm(auto_id="letter_%s")
            )
    elif isinstance(record, PeriodicReport):
        if can(user, "letters.draft_for_region_record", record):
            shown.update(shown=True, kind="report", record=record)
    elif isinstance(record, Dispute) and can(user, "letters.draft_for_dispute", record):
        shown.update(shown=True, kind="dispute", record=record, form=DisputeLetterForm(auto_id="letter_%s"))
    return shown
