from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from kerjasama.affairs import services
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core.admin_mixins import ReadOnlyAdmin, ServiceAdmin


@admin.register(Affair)
class AffairAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_id", "name_en", "category")
    list_filter = ("category",)
    search_fields = ("code", "name_id", "name_en")


@admin.register(AuthorityEntry)
class AuthorityEntryAdmin(ServiceAdmin, SimpleHistoryAdmin):
    """The authority matrix is editable: an official turns U/S cells into V after reading the Lampiran."""

    list_display = ("affair", "sub_affair", "confidence", "position")
    list_filter = ("confidence", "affair__category", "affair")
    search_fields = ("sub_affair", "pusat", "provinsi", "kabkota", "source")
    fields = (
        "affair",
        "position",
        "sub_affair",
        "pusat",
        "provinsi",
        "kabkota",
        "notes",
        "confidence",
        "source",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("affair",) if obj else ()

    def save_with_service(self, request: HttpRequest, obj: AuthorityEntry, form: Any, change: bool) -> None:
        editable = ("position", "sub_affair", "pusat", "provinsi", "kabkota", "notes", "confidence", "source")
        if change:
            fresh = AuthorityEntry.objects.get(pk=obj.pk)
            changes = {f: form.cleaned_data[f] for f in editable if f in form.changed_data}
            services.update_authority_entry(actor=request.user, entry=fresh, **changes)
        else:
            created = services.create_authority_entry(
                actor=request.user, affair=obj.affair, **{f: form.cleaned_data[f] for f in editable}
            )
            obj.pk = created.pk
