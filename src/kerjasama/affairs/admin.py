from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from kerjasama.affairs import services
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core.admin_mixins import ReadOnlyAdmin, ServiceAdmin
from kerjasama.core.errors import KerjasamaError


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

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        """The history page's revert to a past version: the form holds that version's values, and saving it
        goes through the service like any edit (audited old → new); a refused revert saves nothing."""
        try:
            with transaction.atomic():
                response: HttpResponse = super().history_form_view(
                    request, object_id, version_id, extra_context
                )
                return response
        except KerjasamaError as exc:
            messages.error(request, f"{exc.message_id} / {exc.message_en}")
            return HttpResponseRedirect(request.get_full_path())

    def save_with_service(self, request: HttpRequest, obj: AuthorityEntry, form: Any, change: bool) -> None:
        editable = ("position", "sub_affair", "pusat", "provinsi", "kabkota", "notes", "confidence", "source")
        if change:
            # Compare with the row as stored, not with the form's initial values: the revert form of a past
            # version starts from that version, so its ``changed_data`` is empty although the row differs.
            fresh = AuthorityEntry.objects.get(pk=obj.pk)
            changes = {f: form.cleaned_data[f] for f in editable if form.cleaned_data[f] != getattr(fresh, f)}
            if changes:
                services.update_authority_entry(
                    actor=request.user, entry=fresh, expected_version=self.expected_version(form), **changes
                )
        else:
            created = services.create_authority_entry(
                actor=request.user, affair=obj.affair, **{f: form.cleaned_data[f] for f in editable}
            )
            obj.pk = created.pk
