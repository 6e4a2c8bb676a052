from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kerjasama.accounts import services
from kerjasama.accounts.models import ApiToken, Organisation, SsoIdentity, User
from kerjasama.core.admin_mixins import ReadOnlyAdmin, ServiceAdmin


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ("name", "kind", "region", "parent", "is_active", "is_demo")
    list_filter = ("kind", "is_active", "is_demo")
    search_fields = ("name", "region__code", "region__name")
    autocomplete_fields = ("region", "parent")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("kind", "region", "parent", "is_demo") if obj else ("is_demo",)

    def save_with_service(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        if change:
            changes = {
                f: form.cleaned_data[f]
                for f in ("name", "opd_function", "is_active")
                if f in form.changed_data
            }
            services.update_organisation(
                actor=request.user, organisation=obj, expected_version=self.expected_version(form), **changes
            )
        else:
            created = services.create_organisation(
                actor=request.user,
                name=obj.name,
                kind=obj.kind,
                region=obj.region,
                parent=obj.parent,
                opd_function=obj.opd_function,
            )
            obj.pk = created.pk


@admin.register(User)
class UserAdmin(ServiceAdmin):
    list_display = ("username", "full_name", "organisation", "role", "is_active", "is_demo", "last_login")
    list_filter = ("role", "is_active", "is_demo")
    search_fields = ("username", "full_name", "email", "organisation__name")
    autocomplete_fields = ("organisation",)
    fields = (
        "username",
        "full_name",
        "email",
        "nip",
        "position",
        "is_unit_head",
        "organisation",
        "role",
        "is_active",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("username",) if obj else ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New accounts need a password: `kerjasama createuser` or the Pemda's own account page.
        return False

    def save_with_service(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        editable = (
            "full_name",
            "email",
            "nip",
            "position",
            "is_unit_head",
            "organisation",
            "role",
            "is_active",
        )
        changes = {f: form.cleaned_data[f] for f in editable if f in form.changed_data}
        fresh = User.objects.get(pk=obj.pk)
        services.update_user(
            actor=request.user, user=fresh, expected_version=self.expected_version(form), **changes
        )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    search_fields = ("name", "user__username", "prefix")
    exclude = ("key_hash",)


@admin.register(SsoIdentity)
class SsoIdentityAdmin(ReadOnlyAdmin):
    """Who is linked to which identity at the provider (issue 15 item 5); linked by ``accounts.sso`` only."""

    list_display = ("user", "issuer", "subject", "linked_by", "claimed_unit", "linked_at", "last_login_at")
    list_filter = ("linked_by", "issuer")
    search_fields = ("user__username", "subject", "claimed_email")
