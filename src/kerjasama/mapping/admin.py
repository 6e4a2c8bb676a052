"""Admin of the mapping: identifications, their revisions and comments are shown, never edited here.

Every correction goes through the services (house rule 2), which check policy and write history and audit:
the system administrator passes every mapping permission and corrects on the identification's own pages
(edit a draft, withdraw a submitted one, delete a draft, revise a published one); a raw admin edit would
skip the TKKSD's verification and the trail.
"""

from __future__ import annotations

from django.contrib import admin

from kerjasama.core.admin_mixins import ReadOnlyAdmin
from kerjasama.mapping.models import Identification, IdentificationComment, IdentificationRevision


@admin.register(Identification)
class IdentificationAdmin(ReadOnlyAdmin):
    list_display = ("region", "affair", "status", "submitted_at", "verified_at", "published_at", "is_example")
    list_filter = ("status", "is_example")
    search_fields = ("region__code", "region__name", "affair__code")
    list_select_related = ("region", "affair")


@admin.register(IdentificationRevision)
class IdentificationRevisionAdmin(ReadOnlyAdmin):
    list_display = ("identification", "status", "created_at", "submitted_at", "verified_at", "published_at")
    list_filter = ("status",)
    search_fields = ("identification__region__code", "identification__affair__code")
    list_select_related = ("identification",)


@admin.register(IdentificationComment)
class IdentificationCommentAdmin(ReadOnlyAdmin):
    list_display = ("identification", "author_label", "created_at")
    search_fields = ("identification__region__code", "author_label", "text")
    list_select_related = ("identification",)
