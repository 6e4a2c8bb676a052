"""Admin of monev: shown, never edited here; every change goes through the services (house rule 2), which
check policy and write history and audit."""

from __future__ import annotations

from django.contrib import admin

from kerjasama.core.admin_mixins import ReadOnlyAdmin
from kerjasama.monev.models import GovernorEvaluation, MonevPeriod, SelfAssessment, TkksdEvaluation


@admin.register(MonevPeriod)
class MonevPeriodAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "sequence", "start", "end", "due", "is_example")
    list_filter = ("is_example",)
    search_fields = ("agreement__number", "agreement__title")
    list_select_related = ("agreement",)


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("period", "party", "revision", "status", "progress_percent", "submitted_at")
    list_filter = ("status", "is_example")
    list_select_related = ("period", "party")


@admin.register(TkksdEvaluation)
class TkksdEvaluationAdmin(ReadOnlyAdmin):
    list_display = ("period", "party", "rating", "meeting_ref", "evaluated_at")
    list_filter = ("rating", "is_example")
    list_select_related = ("period", "party")


@admin.register(GovernorEvaluation)
class GovernorEvaluationAdmin(ReadOnlyAdmin):
    list_display = ("period", "province", "rating", "evaluated_at")
    list_filter = ("rating", "is_example")
    list_select_related = ("period", "province")
