"""Notifications in the admin: read-only (they are written by the delivery task, read by their recipient)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kerjasama.core.admin_mixins import ReadOnlyAdmin
from kerjasama.notifications.models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ("channel", "status", "address", "created_at", "sent_at", "error")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "object_type", "object_id", "object_label", "read_at")
    list_filter = ("kind", "object_type")
    search_fields = ("object_id", "object_label", "recipient__username", "key")
    list_select_related = ("recipient",)
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "notification", "channel", "status", "address", "sent_at")
    list_filter = ("channel", "status")
    list_select_related = ("notification",)
