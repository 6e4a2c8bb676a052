from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kerjasama.core.admin_mixins import ReadOnlyAdmin, ServiceAdmin
from kerjasama.regions import services
from kerjasama.regions.models import Adjacency, AdjacencyOverride, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "province", "is_autonomous")
    list_filter = ("level", "kind", "is_autonomous")
    search_fields = ("code", "name")


@admin.register(Adjacency)
class AdjacencyAdmin(ReadOnlyAdmin):
    list_display = ("region_a", "region_b", "shared_border_km", "touch_exact", "gap_m")
    list_filter = ("touch_exact",)
    search_fields = ("region_a__code", "region_a__name", "region_b__code", "region_b__name")


@admin.register(AdjacencyOverride)
class AdjacencyOverrideAdmin(ServiceAdmin):
    list_display = (
        "region_a",
        "region_b",
        "effect",
        "reason",
        "source",
        "is_active",
        "created_by",
        "created_at",
    )
    list_filter = ("effect", "is_active")
    autocomplete_fields = ("region_a", "region_b")
    fields = ("region_a", "region_b", "effect", "reason", "source")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An override is never edited: a new one replaces it, or it is revoked, both with a trail.
        return obj is None and super().has_change_permission(request, obj)

    def save_with_service(
        self, request: HttpRequest, obj: AdjacencyOverride, form: Any, change: bool
    ) -> None:
        created = services.add_adjacency_override(
            actor=request.user,
            code_a=obj.region_a_id,
            code_b=obj.region_b_id,
            effect=obj.effect,
            reason=obj.reason,
            source=obj.source,
        )
        obj.pk = created.pk
