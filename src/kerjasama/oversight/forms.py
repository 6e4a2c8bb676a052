"""The publication decision form of one party: consent or refuse, and per part a UU 14/2008 Pasal 17 reason
when the party withholds it (empty: not withheld)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.oversight.choices import ConsentDecision, WithheldItem, WithholdingReason


class PublicationConsentForm(LabelledErrorsMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ConsentDecision.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in WithheldItem.choices:
            self.fields[f"withhold_{value}"] = forms.ChoiceField(
                label=_("Withhold: %(part)s") % {"part": label},
                choices=[("", _("Not withheld")), *WithholdingReason.choices],
                required=False,
            )

    def withheld(self) -> dict[str, str]:
        return {
            item: self.cleaned_data[f"withhold_{item}"]
            for item in WithheldItem.values
            if self.cleaned_data.get(f"withhold_{item}")
        }


class AnnualReportRequestForm(LabelledErrorsMixin, forms.Form):
    """The request of an annual report: the scope (those the user may request) and the year."""

    scope = forms.ChoiceField(label=_("Scope"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_field = self.fields["scope"]
        year_field = self.fields["year"]
        assert isinstance(scope_field, forms.ChoiceField) and isinstance(year_field, forms.ChoiceField)
        scope_field.choices = scopes
        year_field.choices = [(y, str(y)) for y in years]
