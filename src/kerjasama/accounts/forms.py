"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class ServicePasswordChangeForm(PasswordChangeForm):
    """Django's form for the checks; the change itself is made by ``services.change_password``."""

    def save(self, commit: bool = True) -> Any:
        raise NotImplementedError("use kerjasama.accounts.services.change_password")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("e.g. the script that will use it")
    )
