"""Admin helpers: reference data is read-only, workflow changes go through services (house rule 2)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from kerjasama.core.errors import KerjasamaError


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference data loaded by commands; shown, never edited in the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose saves call a service; a refused change is shown as an error and nothing is saved."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The admin runs the whole view in a transaction, so a refused change leaves nothing behind.
        try:
            return super().changeform_view(request, *args, **kwargs)
        except KerjasamaError as exc:
            messages.error(request, f"{exc.message_id} / {exc.message_en}")
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self.save_with_service(request, obj, form, change)

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        raise NotImplementedError


class AppendOnlyServiceAdmin(ServiceAdmin):
    """Rows that are never edited in place: a new row replaces one, or a service withdraws it, with a trail."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)
