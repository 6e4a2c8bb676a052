"""Forms of the dispute pages (registration, screening, a deliberation round, a closing step)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.disputes.choices import (
    Cause,
    DisputeKind,
    DisputeRole,
    ExtendableStep,
    Forum,
    Resolver,
    ScreeningOutcome,
    Sector,
)
from kerjasama.disputes.models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from kerjasama.disputes.services import EVIDENCE_KINDS, OrderInput
from kerjasama.documents.choices import DocumentKind


def _area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "data-counter": str(TEXT_MAX_LENGTH)})


def _region_code(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=13,
        help_text=_("Kemendagri region code, e.g. 34.71 (a kab/kota) or 34 (a province)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "decimal"}),
    )


class DisputeForm(LabelledErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    kind = forms.ChoiceField(label=_("Kind of cooperation"), choices=DisputeKind.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    causes = forms.MultipleChoiceField(
        label=_("Causes"), choices=Cause.choices, widget=forms.CheckboxSelectMultiple
    )
    claims = forms.CharField(label=_("Claims"), max_length=TEXT_MAX_LENGTH, widget=_area(5))
    claimant = _region_code(_("Claimant region"), required=False)
    respondent = _region_code(_("Respondent region"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Party organisation (a third party or a ministry)"),
        required=False,
        queryset=Organisation.objects.none(),
    )
    organisation_role = forms.ChoiceField(
        label=_("Role of that organisation"), choices=DisputeRole.choices, required=False
    )
    agreement = forms.IntegerField(
        label=_("Agreement it arises from (its id in the register; empty: none)"), required=False, min_value=1
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            is_active=True, kind__in=[*THIRD_PARTY_KINDS, OrganisationKind.KEMENDAGRI]
        ).order_by("name")


class ScreenForm(LabelledErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ScreeningOutcome.choices)
    resolver = forms.ChoiceField(
        label=_("Resolver (empty: the proposal)"),
        required=False,
        choices=[("", "—"), *Resolver.choices],
    )
    resolver_region = _region_code(_("Governor's province (when correcting)"), required=False)
    reason = forms.CharField(
        label=_("Reason (required to correct the resolver or for 'not our authority')"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_area(3),
    )
    referred_to = forms.CharField(
        label=_("Where it goes instead (for 'not our authority')"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_area(2),
    )


class RoundForm(LabelledErrorsMixin, forms.Form):
    meeting_date = forms.DateField(
        label=_("Meeting date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.CharField(label=_("Minutes"), max_length=TEXT_MAX_LENGTH, widget=_area(5))
    issues = forms.CharField(
        label=_("Issue list (one per line)"), required=False, max_length=TEXT_MAX_LENGTH, widget=_area(3)
    )


class CloseForm(LabelledErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason or terms"), max_length=TEXT_MAX_LENGTH, widget=_area(3))


class EvidenceForm(LabelledErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=TITLE_MAX_LENGTH)
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[(k, label) for k, label in DocumentKind.choices if k in EVIDENCE_KINDS],
    )
    file = forms.FileField(label=_("File (PDF)"))


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _party_choices(parties: Any) -> list[tuple[int, str]]:
    return [(p.pk, p.name) for p in parties]


class SessionForm(LabelledErrorsMixin, forms.Form):
    """A facilitation session; one "attended for" field per party (``attended_<party id>``)."""

    session_date = _date(_("Session date"))
    summary = forms.CharField(label=_("Summary of the minutes"), max_length=TEXT_MAX_LENGTH, widget=_area(4))

    def __init__(self, *args: Any, parties: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for party in parties:
            self.fields[f"attended_{party.pk}"] = forms.CharField(
                label=_("Attended for %(party)s") % {"party": party.name}, required=False, max_length=500
            )

    def attendees(self) -> dict[int, str]:
        return {
            int(name.removeprefix("attended_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("attended_") and value
        }


class ClarificationForm(LabelledErrorsMixin, forms.Form):
    party = forms.TypedChoiceField(label=_("Party asked"), coerce=int, choices=[])
    question = forms.CharField(label=_("Question"), max_length=TEXT_MAX_LENGTH, widget=_area(3))
    due_date = _date(_("Answer due by"))

    def __init__(self, *args: Any, parties: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = _party_choices(parties)


class DisputeAnswerForm(LabelledErrorsMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=TEXT_MAX_LENGTH, widget=_area(3))


class EvaluationForm(LabelledErrorsMixin, forms.Form):
    evaluation = forms.CharField(label=_("Neutral evaluation"), max_length=TEXT_MAX_LENGTH, widget=_area(5))


#: Orders a decision takes on the page (the API takes any number).
PAGE_ORDERS = 3


class DisputeDecisionForm(LabelledErrorsMixin, forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=120)
    decision_date = _date(_("Decision date"))
    text = forms.CharField(label=_("Decision text"), max_length=TEXT_MAX_LENGTH, widget=_area(5))
    file = forms.FileField(label=_("Decision document (PDF)"), required=False)

    def __init__(self, *args: Any, parties: Any = (), clause: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if clause:
            self.fields["forum"] = forms.ChoiceField(
                label=_("Forum of the agreement's clause"), choices=Forum.choices
            )
        choices = [("", "—"), *_party_choices(parties)]
        for n in range(1, PAGE_ORDERS + 1):
            self.fields[f"order_{n}_party"] = forms.ChoiceField(
                label=_("Order %(n)s: party") % {"n": n}, choices=choices, required=False
            )
            self.fields[f"order_{n}_action"] = forms.CharField(
                label=_("Order %(n)s: what must be done") % {"n": n},
                max_length=TEXT_MAX_LENGTH,
                required=False,
            )
            self.fields[f"order_{n}_due"] = _date(_("Order %(n)s: due date") % {"n": n}, required=False)

    def orders(self) -> list[OrderInput]:
        data = self.cleaned_data
        found = []
        for n in range(1, PAGE_ORDERS + 1):
            party, action, due = (
                data.get(f"order_{n}_party"),
                data.get(f"order_{n}_action"),
                data.get(f"order_{n}_due"),
            )
            if not (party or action or due):
                continue
            if not (party and action and due):
                raise forms.ValidationError(
                    _("Order %(n)s needs a party, what must be done and a due date.") % {"n": n}
                )
            found.append(OrderInput(int(party), action, due))
        return found


class DisputeFulfilForm(LabelledErrorsMixin, forms.Form):
    note = forms.CharField(label=_("What was done"), max_length=TEXT_MAX_LENGTH, widget=_area(3))
    fulfilled_on = _date(_("Fulfilled on"), required=False)
    file = forms.FileField(label=_("Evidence (PDF)"), required=False)


class ExtendForm(LabelledErrorsMixin, forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=ExtendableStep.choices)
    order = forms.TypedChoiceField(
        label=_("Order (for an order's due date)"), coerce=int, required=False, choices=[]
    )
    new_due = _date(_("New due date"))
    reason = forms.CharField(label=_("Reason for the extension"), max_length=TEXT_MAX_LENGTH, widget=_area(2))

    def __init__(self, *args: Any, orders: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["order"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *[(o.pk, f"{o.position + 1}. {o.action[:60]}") for o in orders]]
