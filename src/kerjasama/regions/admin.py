from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kerjasama.core.admin_mixins import AppendOnlyServiceAdmin, ReadOnlyAdmin, ServiceAdmin
from kerjasama.regions import functional_areas, services
from kerjasama.regions.models import (
    Adjacency,
    AdjacencyOverride,
    FunctionalArea,
    FunctionalAreaMember,
    Region,
)


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
class AdjacencyOverrideAdmin(AppendOnlyServiceAdmin):
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


class FunctionalAreaMemberInline(admin.TabularInline):
    """Members shown on their area's page; they are added and removed through services, never here."""

    model = FunctionalAreaMember
    fields = ("region", "confidence", "source", "notes")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FunctionalArea)
class FunctionalAreaAdmin(ServiceAdmin):
    """Kemendagri records a functional area by hand (reference areas come from ``setup`` / the import)."""

    list_display = ("code", "name", "kind", "legal_basis", "is_reference", "updated_at")
    list_filter = ("kind", "is_reference")
    search_fields = ("code", "name", "legal_basis", "members__region__name", "members__region__code")
    fields = ("code", "name", "kind", "legal_basis", "notes")
    inlines = (FunctionalAreaMemberInline,)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only new areas are saved here (through the service); an existing one is shown read-only.
        return obj is None and super().has_change_permission(request, obj)

    def save_with_service(self, request: HttpRequest, obj: FunctionalArea, form: Any, change: bool) -> None:
        created = functional_areas.create_functional_area(
            actor=request.user,
            code=obj.code,
            name=obj.name,
            kind=obj.kind,
            legal_basis=obj.legal_basis,
            notes=obj.notes,
        )
        obj.pk = created.pk


@admin.register(FunctionalAreaMember)
class FunctionalAreaMemberAdmin(AppendOnlyServiceAdmin):
    """A region's membership of a functional area, with its source and confidence (added via the service)."""

    list_display = ("area", "region", "confidence", "source")
    list_filter = ("confidence", "area__kind", "area__is_reference", "area")
    list_select_related = ("area", "region")
    search_fields = ("area__code", "area__name", "region__code", "region__name", "source")
    autocomplete_fields = ("region",)
    fields = ("area", "region", "confidence", "source", "notes")

    def save_with_service(
        self, request: HttpRequest, obj: FunctionalAreaMember, form: Any, change: bool
    ) -> None:
        created = functional_areas.add_functional_area_member(
            actor=request.user,
            area=obj.area,
            region_code=obj.region_id,
            confidence=obj.confidence,
            source=obj.source,
            notes=obj.notes,
        )
        obj.pk = created.pk
