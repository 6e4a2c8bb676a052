"""Admin of the agreements: shown, never edited here.

Every correction goes through the services (house rule 2), which check policy, ask the rulebook and write
history and audit; a raw admin edit would skip the stage table's guards and the trail.
"""

from __future__ import annotations

from django.contrib import admin

from kerjasama.agreements.models import Agreement, AgreementDocument, AgreementParty, DprdApproval
from kerjasama.core.admin_mixins import ReadOnlyAdmin


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("title", "type", "category", "stage", "lead_region", "number", "term_end", "is_example")
    list_filter = ("type", "category", "stage", "is_example")
    search_fields = ("title", "number", "lead_region__code", "lead_region__name")
    list_select_related = ("lead_region",)


@admin.register(AgreementParty)
class AgreementPartyAdmin(ReadOnlyAdmin):
    list_display = (
        "agreement",
        "region",
        "organisation",
        "role",
        "status",
        "tkksd_review",
        "kb_signed_at",
        "pks_signed_at",
    )
    list_filter = ("role", "status", "tkksd_review")
    search_fields = ("agreement__title", "region__code", "organisation__name")
    list_select_related = ("agreement", "region", "organisation")


@admin.register(DprdApproval)
class DprdApprovalAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "region", "requested_on", "decision_number", "decision_date", "outcome")
    list_filter = ("outcome",)
    search_fields = ("agreement__title", "region__code", "decision_number")
    list_select_related = ("agreement", "region")


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "kind", "number", "dated", "signed", "signatory_role")
    list_filter = ("kind", "signed")
    search_fields = ("agreement__title", "number")
    list_select_related = ("agreement",)
