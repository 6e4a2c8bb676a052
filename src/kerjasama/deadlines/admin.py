"""Admin of the deadlines app: shown, never edited here (reminders change only through ``services``)."""

from __future__ import annotations

from django.contrib import admin

from kerjasama.core.admin_mixins import ReadOnlyAdmin
from kerjasama.deadlines.models import CalendarToken, Reminder


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("key", "due_date", "lead_days", "send_on", "recipient", "status", "sent_at")
    list_filter = ("status", "source")
    search_fields = ("key", "recipient__username")
    list_select_related = ("recipient",)


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReadOnlyAdmin):
    list_display = ("user", "created_at", "revoked_at")
    list_select_related = ("user",)
    exclude = ("token_hash",)
