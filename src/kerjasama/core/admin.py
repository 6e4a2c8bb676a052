from django.contrib import admin
from django.http import HttpRequest

from kerjasama.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services, never edited."""

    list_display = ("occurred_at", "actor_label", "action", "object_type", "object_id", "object_label")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "object_label", "actor_label", "reason")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
