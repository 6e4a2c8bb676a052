"""Forms of the mapping pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class IdentificationForm(forms.Form):
    needs = forms.CharField(
        label=_("Needs (what the region lacks)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    offers = forms.CharField(
        label=_("Offers (what the region can provide)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    externalities = forms.CharField(
        label=_("Cross-border externalities"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    programmes = forms.CharField(
        label=_("Programme and activity codes"),
        required=False,
        help_text=_(
            "Kepmendagri 050-5889/2021 codes, one per line or comma-separated, e.g. 2.11.04 or 2.11.04.2.01"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The version the form was loaded with (0: no identification yet); optimistic locking.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def programme_codes(self) -> list[str]:
        raw = self.cleaned_data.get("programmes", "")
        return [c.strip() for c in raw.replace(",", "\n").splitlines() if c.strip()]


class ProfileValueForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    value = forms.FloatField(label=_("Value"))
    source = forms.CharField(label=_("Source"), max_length=300)

    def __init__(self, *args: Any, indicators: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(indicators)


class ProfileUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled profile template (XLSX)"))
