"""Forms of the reports pages: choose a period to draft, sign off and submit, return with a reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.reports.domain.periods import Period
from kerjasama.reports.models import NAME_MAX_LENGTH, NIP_MAX_LENGTH, NUMBER_MAX_LENGTH, TEXT_MAX_LENGTH


class ReportGenerateForm(LabelledErrorsMixin, forms.Form):
    period = forms.ChoiceField(label=_("Reporting period"))

    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["period"]
        field.choices = [(p.start.isoformat(), p.label) for p in periods]


class ReportSubmitForm(LabelledErrorsMixin, forms.Form):
    number = forms.CharField(label=_("Letter number"), max_length=NUMBER_MAX_LENGTH)
    report_date = forms.DateField(
        label=_("Letter date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    signatory_name = forms.CharField(label=_("Signatory"), max_length=NAME_MAX_LENGTH)
    signatory_title = forms.CharField(
        label=_("Signatory's title"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("E.g. Wali Kota Yogyakarta, or Sekretaris Daerah on the head's behalf."),
    )
    signatory_nip = forms.CharField(
        label=_("Signatory's NIP"),
        max_length=NIP_MAX_LENGTH,
        required=False,
        help_text=_("18 digits; leave empty for an elected official."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    unit_notes = forms.CharField(
        label=_("Notes of the unit (optional)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "data-counter": str(TEXT_MAX_LENGTH)}),
    )


class ReportReturnForm(LabelledErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "data-counter": str(TEXT_MAX_LENGTH)}),
    )
