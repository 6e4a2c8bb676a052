"""Admin helpers: reference data is read-only, workflow changes go through services (house rule 2)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation

from kerjasama.core.errors import KerjasamaError
from kerjasama.core.versioning import stale_version

#: The hidden admin form field that carries the version the official opened (issue 8, item 11).
VERSION_FIELD = "expected_version"


def is_versioned(model: type[models.Model]) -> bool:
    """Whether ``model`` carries an optimistic-locking ``version`` (kerjasama.core.versioning)."""
    return any(field.name == "version" for field in model._meta.concrete_fields)


def stale_code(model: type[models.Model]) -> str:
    """The conflict code of ``model``'s services, e.g. ``accounts.stale_version``."""
    return f"{model._meta.app_label}.stale_version"


def versioned_form(base: type[forms.ModelForm], *, model: type[models.Model], pk: Any, current: int | None) -> Any:
    """``base`` with a hidden ``expected_version`` holding the version stored when the form was opened.

    ``clean`` compares it with the version stored now, so a save over someone else's newer save is refused
    with the bound form shown again (the official's typing kept) and a message saying why; the service still
    compares and swaps in one statement, which closes the window between this check and the write.
    """

    class VersionedForm(base):  # type: ignore[valid-type,misc]
        expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.initial[VERSION_FIELD] = current

        def clean(self) -> dict[str, Any]:
            data: dict[str, Any] = super().clean()
            expected = data.get(VERSION_FIELD)
            stored = model._base_manager.filter(pk=pk).values_list("version", flat=True).first()
            if expected is None or expected != stored:
                error = stale_version(model, code=stale_code(model))
                raise forms.ValidationError(error.message(translation.get_language()), code="stale_version")
            return data

    VersionedForm.__name__ = base.__name__
    return VersionedForm


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

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        # An edit (or a revert to a past version) of a versioned record carries the version stored now; the
        # revert form starts from a past version's values, so ``obj.version`` would be the old number.
        if obj is not None and obj.pk is not None and is_versioned(self.model) and "form" not in kwargs:
            current = self.model._base_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
            kwargs["form"] = versioned_form(self.form, model=self.model, pk=obj.pk, current=current)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_fields(request, obj))
        if obj is not None and is_versioned(self.model) and VERSION_FIELD not in fields:
            fields.append(VERSION_FIELD)
        return fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self.save_with_service(request, obj, form, change)

    @staticmethod
    def expected_version(form: Any) -> int | None:
        """The version the official opened, for the service's compare-and-swap (None on a create)."""
        value = form.cleaned_data.get(VERSION_FIELD)
        return int(value) if value is not None else None

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        raise NotImplementedError


class AppendOnlyServiceAdmin(ServiceAdmin):
    """Rows that are never edited in place: a new row replaces one, or a service withdraws it, with a trail."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)
