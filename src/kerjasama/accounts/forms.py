"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from kerjasama.accounts.audit_trail import AuditFilter, action_choices


class ServicePasswordChangeForm(PasswordChangeForm):
    """Django's form for the checks; the change itself is made by ``services.change_password``."""

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("use kerjasama.accounts.services.change_password")


class TokenForm(forms.Form):
    #: What a token made on the page may do (``accounts.scopes``): read only unless the person asks for more.
    ACCESS = {"read": ("read",), "read_write": ("read", "write")}

    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("e.g. the script that will use it")
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=[("read", _("Read only")), ("read_write", _("Read and change"))],
        initial="read",
        required=False,  # not chosen: read only
    )


class AuditFilterForm(forms.Form):
    """The filters of the audit-trail page (``accounts.audit_trail.AuditFilter``); every field is optional."""

    actor = forms.CharField(label=_("Actor (username)"), max_length=200, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.CharField(
        label=_("Object type"), max_length=80, required=False, help_text=_("e.g. accounts.user")
    )
    object_id = forms.CharField(label=_("Object ID"), max_length=80, required=False)
    # <input type="date"> sends and shows ISO dates whatever the page's language.
    date_from = forms.DateField(
        label=_("From date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action: Any = self.fields["action"]
        action.choices = [("", _("All actions")), *action_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            object_type=data.get("object_type") or "",
            object_id=data.get("object_id") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
