"""Forms of the obligations page. Amounts are typed the Indonesian way ("1.250.000,50", ``core.numbers``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.agreements.models import AgreementParty
from kerjasama.core.numbers import NumberInputError, parse_decimal
from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.obligations.choices import ObligationKind, Recurrence
from kerjasama.obligations.models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, UNIT_MAX_LENGTH


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text_area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "data-counter": str(TEXT_MAX_LENGTH)})


class ObligationForm(LabelledErrorsMixin, forms.Form):
    party = forms.ChoiceField(label=_("Obligated party"))
    title = forms.CharField(label=_("Obligation"), max_length=TITLE_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Kind"), choices=ObligationKind.choices)
    amount = forms.CharField(
        label=_("Amount (rupiah)"),
        required=False,
        max_length=40,
        help_text=_("Indonesian notation, e.g. 1.250.000.000 or 1.250.000,50."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)
    first_due = forms.DateField(label=_("First due date"), widget=_date_input())
    last_due = forms.DateField(
        label=_("Last due date"),
        required=False,
        widget=_date_input(),
        help_text=_("Empty: the agreement's term end."),
    )
    owner_unit = forms.CharField(label=_("Owner unit"), required=False, max_length=UNIT_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=TEXT_MAX_LENGTH, widget=_text_area(2)
    )
    source_clause = forms.CharField(
        label=_("Source clause (PKS)"), required=False, max_length=TEXT_MAX_LENGTH, widget=_text_area(2)
    )

    def __init__(self, *args: Any, parties: list[AgreementParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(p.pk), p.name) for p in parties]

    def clean_amount(self) -> Decimal | None:
        text = (self.cleaned_data.get("amount") or "").strip()
        if not text:
            return None
        try:
            return parse_decimal(text)
        except NumberInputError as exc:
            raise forms.ValidationError(str(exc.message_id)) from exc


class FulfilForm(LabelledErrorsMixin, forms.Form):
    fulfilled_on = forms.DateField(label=_("Fulfilled on"), widget=_date_input(), initial=date.today)
    note = forms.CharField(label=_("Note"), required=False, max_length=TEXT_MAX_LENGTH, widget=_text_area(2))
    evidence = forms.FileField(label=_("Evidence (file)"), required=False)


class AnswerForm(LabelledErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_text_area(2),
        help_text=_("Required when you dispute the fulfilment."),
    )


class WaiveForm(LabelledErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=TEXT_MAX_LENGTH, widget=_text_area(2))
