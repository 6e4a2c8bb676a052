"""Forms of the dispute pages (registration, screening, a deliberation round, a closing step)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.disputes.choices import Cause, DisputeKind, DisputeRole, Resolver, ScreeningOutcome, Sector
from kerjasama.disputes.models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from kerjasama.disputes.services import EVIDENCE_KINDS
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
