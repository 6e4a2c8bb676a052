"""Forms of the lifecycle pages: an amendment, an extension, a settlement item, the termination."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.agreements.models import NUMBER_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.lifecycle.choices import SettlementStatus, SuccessionKind
from kerjasama.rulebook.rules.closing import termination_grounds


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


_UNCHANGED = ""
_TRISTATE = [(_UNCHANGED, _("Unchanged")), ("yes", _("Yes")), ("no", _("No"))]


class AmendmentForm(LabelledErrorsMixin, forms.Form):
    """An adendum: its identity and the terms it changes (a field left empty is unchanged)."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    number = forms.CharField(label=_("Document number"), max_length=NUMBER_MAX_LENGTH, required=False)
    signed_on = forms.DateField(label=_("Signed on"), widget=_date())
    effective_from = forms.DateField(label=_("Effective from"), widget=_date())
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_MAX_LENGTH, widget=_area())
    object = forms.CharField(
        label=_("New object (objek)"), max_length=TEXT_MAX_LENGTH, required=False, widget=_area()
    )
    scope = forms.CharField(
        label=_("New scope (ruang lingkup)"), max_length=TEXT_MAX_LENGTH, required=False, widget=_area()
    )
    value = forms.DecimalField(
        label=_("New value (rupiah)"), required=False, min_value=0, max_digits=18, decimal_places=2
    )
    apbd_budgeted = forms.ChoiceField(label=_("Budgeted in the APBD"), choices=_TRISTATE, required=False)
    burdens_public = forms.ChoiceField(
        label=_("Burdens the public and the region"), choices=_TRISTATE, required=False
    )
    document = forms.FileField(label=_("Amendment document (PDF)"), required=False)

    def __init__(self, *args: Any, parties: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.party_codes = [code for code, _name in parties]
        for code, name in parties:
            self.fields[f"share_{code}"] = forms.DecimalField(
                label=_("New financing share of %(party)s (%%)") % {"party": name},
                required=False,
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
            )

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        found: dict[str, Any] = {}
        for name in ("object", "scope"):
            if data.get(name):
                found[name] = data[name]
        if data.get("value") is not None:
            found["value"] = str(data["value"])
        for name in ("apbd_budgeted", "burdens_public"):
            if data.get(name):
                found[name] = data[name] == "yes"
        shares = {
            code: str(data[f"share_{code}"])
            for code in self.party_codes
            if data.get(f"share_{code}") is not None
        }
        if shares:
            found["shares"] = shares
        return found


class ExtensionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SuccessionKind.choices)


class SettlementItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SettlementStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=TEXT_MAX_LENGTH, required=False, widget=_area(1))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TerminationForm(LabelledErrorsMixin, forms.Form):
    ground = forms.ChoiceField(label=_("Ground for ending (PP 28/2018 Pasal 9(1), 22)"))
    ended_on = forms.DateField(label=_("Ended on"), widget=_date())
    document_number = forms.CharField(
        label=_("Termination document number"), max_length=NUMBER_MAX_LENGTH, required=False
    )
    document_date = forms.DateField(label=_("Termination document date"), required=False, widget=_date())
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_MAX_LENGTH, required=False, widget=_area())
    document = forms.FileField(label=_("Termination document (PDF)"), required=False)

    def __init__(self, *args: Any, agreement_type: str = "KSDD", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ground"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(g, g.replace("_", " ")) for g in termination_grounds(agreement_type)]
