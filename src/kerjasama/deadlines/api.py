"""API v1: deadlines (*tenggat*): my deadlines with their class, the reminder log of an agreement, and my
private calendar feed token (issue 11 items 5 and 8).

"My deadlines" lists what the caller owns (their region's cooperation unit and TKKSD, their organisation, or
themselves) among agreements they may view; the log answers 404 ``agreements.not_found`` for an agreement
outside the caller's visibility, as if it did not exist.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import P, PathEx, QueryEx, Router

from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.deadlines import selectors, services
from kerjasama.deadlines.schemas import CalendarTokenOut, DeadlineList, ReminderLog, RevokedOut

router = Router(tags=["deadlines"])

LOG_MAX_LIMIT = 500
_Id = PathEx[int, P(ge=1, le=MAX_OFFSET)]


@router.get(
    "/mine",
    response=DeadlineList,
    summary="My deadlines (tenggat saya), overdue first, each with its class",
    description=(
        "Every dated item the caller owns on agreements they may view: notice date and end of term of an "
        "agreement in force, the rulebook's stage clocks (working days), and what other apps register "
        "(obligations, monev). `deadline_class`: `terlambat` (overdue), `jatuh_tempo` (due within the "
        "configured days, default 30), `sesuai_jadwal` (on schedule). `today` (YYYY-MM-DD) evaluates another day. "
        f"`items` holds the nearest {selectors.MY_LIMIT}; `count` is how many there are in all."
    ),
)
def mine(request: HttpRequest, today: QueryEx[date | None, P(default=None)] = None) -> dict[str, Any]:
    day = today or timezone.localdate()
    rows, total = selectors.my_deadlines_counted(request.user, today=day)
    return {
        "today": day,
        "count": total,
        "items": [
            {
                "key": r.item.key,
                "source": r.item.source,
                "agreement_id": r.item.agreement_id,
                "title_id": r.item.title_id,
                "title_en": r.item.title_en,
                "due": r.item.due,
                "days_left": r.days_left,
                "deadline_class": r.klass,
                "class_label": r.class_label,
                "lead_days": list(r.item.lead_days),
                "working_days": r.item.working_days,
                "url": r.item.url,
                "basis": r.item.basis,
            }
            for r in rows
        ],
    }


@router.get(
    "/agreements/{agreement_id}/reminders",
    response=ReminderLog,
    summary="The reminder log of one agreement: what was sent to whom, scheduled or cancelled (and why)",
    description=f"Newest first, at most `limit` (≤ {LOG_MAX_LIMIT}). 404 outside the caller's visibility.",
)
def agreement_reminders(
    request: HttpRequest,
    agreement_id: _Id,
    limit: QueryEx[int, P(ge=1, le=LOG_MAX_LIMIT)] = 100,
) -> dict[str, Any]:
    agreement = selectors.visible_agreement(request.user, agreement_id)
    rows = list(selectors.reminder_log(request.user, agreement)[:limit])
    return {
        "agreement_id": agreement.pk,
        "count": len(rows),
        "items": [
            {
                "id": r.pk,
                "key": r.key,
                "source": r.source,
                "due_date": r.due_date,
                "lead_days": r.lead_days,
                "working_days": r.working_days,
                "send_on": r.send_on,
                "recipient": r.recipient.get_full_name() or r.recipient.username,
                "status": r.status,
                "title_id": r.title_id,
                "title_en": r.title_en,
                "sent_at": r.sent_at,
                "cancelled_at": r.cancelled_at,
                "cancel_reason": r.cancel_reason,
            }
            for r in rows
        ],
    }


@router.post(
    "/calendar-token",
    response={201: CalendarTokenOut},
    summary="Create my private calendar (ICS) feed address; shown only in this answer",
    description=(
        "Returns the secret `token` and the feed `url` (`/kalender/<token>.ics`, no login needed: keep it "
        "secret). Only its hash is stored; a previous token of mine is revoked."
    ),
)
def create_calendar_token(request: HttpRequest) -> tuple[int, dict[str, str]]:
    token = services.create_calendar_token(actor=request.user)
    url = request.build_absolute_uri(reverse("deadlines:calendar_feed", args=[token]))
    return 201, {"token": token, "url": url}


@router.delete(
    "/calendar-token",
    response=RevokedOut,
    summary="Revoke my calendar feed address (it answers 404 from now on)",
)
def revoke_calendar_token(request: HttpRequest) -> dict[str, int]:
    return {"revoked": services.revoke_calendar_token(actor=request.user)}
