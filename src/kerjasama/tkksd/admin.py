"""Admin of the TKKSD: shown, never edited here; every change goes through the services (house rule 2),
which check policy and write history and audit."""

from __future__ import annotations

from django.contrib import admin

from kerjasama.core.admin_mixins import ReadOnlyAdmin
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member


@admin.register(Decree)
class DecreeAdmin(ReadOnlyAdmin):
    list_display = ("number", "region", "decree_date", "period_start", "period_end", "is_example")
    list_filter = ("is_example",)
    search_fields = ("number", "region__code", "region__name")
    list_select_related = ("region",)


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("name", "role", "position", "decree", "removed_at", "is_example")
    list_filter = ("role", "is_example")
    search_fields = ("name", "decree__number", "decree__region__code")
    list_select_related = ("decree",)


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("meeting_date", "region", "place", "status", "is_example")
    list_filter = ("status", "is_example")
    search_fields = ("region__code", "region__name", "place")
    list_select_related = ("region",)


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("subject_label", "subject_type", "subject_id", "outcome", "meeting", "decided_at")
    list_filter = ("outcome", "subject_type")
    search_fields = ("subject_id", "subject_label")
    list_select_related = ("meeting",)
