"""Forms of the monev pages; every check that matters is the service's, these only carry the input.

Numbers are typed the Indonesian way ("1.250.000,50", "0,8"): text inputs parsed by the service through
``core.numbers.parse_decimal``, never ``<input type=number>`` (issue 9: it dropped the comma).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.monev.conf import monev_settings
from kerjasama.monev.models import REF_MAX_LENGTH, TEXT_MAX_LENGTH


def _rating_choices() -> list[tuple[str, str]]:
    english = (get_language() or "").startswith("en")
    return [(r.value, r.label_en if english else r.label_id) for r in monev_settings().rating_scale]


def _number(label: Any, help_text: Any, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def _text(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class SelfAssessmentForm(LabelledErrorsMixin, forms.Form):
    progress_percent = _number(_("Progress (%)"), _("Between 0 and 100, e.g. 45,5."), True)
    outputs = _text(_("Outputs"))
    budget_realised = _number(_("Budget realised (rupiah)"), _("For example 1.250.000,50."), False)
    problems = _text(_("Problems"))
    follow_up = _text(_("Follow-up"))


class TkksdEvaluationForm(LabelledErrorsMixin, forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=())
    notes = _text(_("Notes"))
    decision = forms.ChoiceField(label=_("TKKSD decision on this period"), choices=(), required=False)
    meeting_ref = forms.CharField(
        label=_("Meeting reference"),
        max_length=REF_MAX_LENGTH,
        required=False,
        help_text=_("If there is no decision recorded in the system: the meeting's date and minutes number."),
    )

    def __init__(self, *args: Any, decisions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = _rating_choices()  # type: ignore[attr-defined]
        self.fields["decision"].choices = [("", "—"), *decisions]  # type: ignore[attr-defined]


class GovernorEvaluationForm(LabelledErrorsMixin, forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=())
    notes = _text(_("Notes"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = _rating_choices()  # type: ignore[attr-defined]
