"""Documents in the admin: shown for support, never edited there (uploads go through the service)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from kerjasama.core.admin_mixins import ReadOnlyAdmin
from kerjasama.documents.models import Blob, Document, DocumentVersion, SignatureCheck


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = ("number", "original_name", "content_type", "size", "blob", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("title", "kind", "region", "object_type", "object_id", "created_at")
    list_filter = ("kind",)
    search_fields = ("title", "region__name", "object_id")
    list_select_related = ("region",)
    inlines = [VersionInline]


@admin.register(Blob)
class BlobAdmin(ReadOnlyAdmin):
    list_display = ("sha256", "size", "created_at")
    search_fields = ("sha256",)


@admin.register(SignatureCheck)
class SignatureCheckAdmin(ReadOnlyAdmin):
    """What the upload's offline check found about each electronic signature (written once, never edited)."""

    list_display = ("version", "position", "signer_name", "issuer", "status", "signing_time", "checked_at")
    list_filter = ("status", "trusted", "modified_after_signing")
    search_fields = ("signer_name", "issuer", "signer_serial", "version__document__title")
    list_select_related = ("version__document",)
