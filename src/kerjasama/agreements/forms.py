"""Forms of the agreements pages: the list's filters, a new proposal, each action's fields, an upload.

Forms only parse and bound what is typed (lengths, dates, Indonesian numbers); every rule of the law is the
services' and the rulebook's (``services.propose_agreement`` and the stage actions), never repeated here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.agreements.choices import (
    AgreementCategory,
    AgreementStage,
    AgreementType,
    DprdOutcome,
    KsdpkKind,
    PartnerSelectionMethod,
)
from kerjasama.agreements.models import REF_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from kerjasama.core.numbers import NumberInputError, parse_decimal
from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.documents.choices import DocumentKind
from kerjasama.regions.models import Region
from kerjasama.rulebook.subjects import INITIATIVE_CRITERIA

YES_NO_UNKNOWN = [("", _("Not stated")), ("yes", _("Yes")), ("no", _("No"))]
LIST_PAGE_SIZE = 25


def _text_area(rows: int, max_length: int = TEXT_MAX_LENGTH) -> forms.Textarea:
    # ``maxlength`` (from the field) stops typing; ``data-counter`` asks portal/char_counter.js for a live counter.
    return forms.Textarea(attrs={"rows": rows, "data-counter": str(max_length)})


def _limit(n: int) -> Any:
    return format_lazy(_("At most {n} characters."), n=n)


def _long_text(label: Any, *, rows: int) -> forms.CharField:
    """An optional free text of the record (object, scope, justification, legal basis) with its length limit."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=_text_area(rows),
        help_text=_limit(TEXT_MAX_LENGTH),
    )


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ListFilterForm(forms.Form):
    """The list's filters (``selectors.AgreementFilters``); every field optional, bad values ignored."""

    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *AgreementType.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *AgreementCategory.choices]
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All")), *AgreementStage.choices]
    )
    affair = forms.ChoiceField(label=_("Affair"), required=False)
    partner = forms.CharField(
        label=_("Partner (region code)"),
        required=False,
        max_length=40,
        help_text=_("A Kemendagri code such as 34.04, or org:<id> for an organisation."),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    expiring = forms.IntegerField(
        label=_("Expiring within (days)"), required=False, min_value=0, max_value=3650
    )
    my_turn = forms.BooleanField(label=_("My turn to act"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "affair").choices = [("", _("All"))] + [
            (a.code, f"{a.code} {a.name_id}") for a in Affair.objects.order_by("code")
        ]
        provinces = Region.objects.filter(level="provinsi").order_by("code").values_list("code", "name")
        _choice_field(self, "province").choices = [("", _("All")), *provinces]

    def with_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Each choice of ``counts``' filters labelled with how many agreements it holds now ("Wajib (3)")."""
        for name, by_value in counts.items():
            field = _choice_field(self, name)
            current: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            field.choices = [
                (value, f"{label} ({by_value.get(str(value), 0)})" if value else label)
                for value, label in current
            ]


class ProposalForm(LabelledErrorsMixin, forms.Form):
    """A new proposal (*usulan kerja sama*; PP 28/2018 Pasal 6(1) persiapan). Lengths as the model's."""

    type = forms.ChoiceField(label=_("Type of cooperation"), choices=AgreementType.choices)
    category = forms.ChoiceField(
        label=_("Category (KSDD only)"),
        required=False,
        choices=[("", _("Not applicable")), *AgreementCategory.choices],
        help_text=_("Mandatory or voluntary (UU 23/2014 Pasal 363(3)); the rulebook checks it."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"data-counter": str(TITLE_MAX_LENGTH)}),
        help_text=_limit(TITLE_MAX_LENGTH),
    )
    partner_region = forms.ModelChoiceField(
        label=_("Partner region (KSDD)"),
        required=False,
        queryset=Region.objects.filter(is_autonomous=True).order_by("code"),
        empty_label=_("— none —"),
    )
    partner_organisation = forms.ModelChoiceField(
        label=_("Third party or ministry (KSDPK, synergy)"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("— none —"),
    )
    affairs = forms.MultipleChoiceField(
        label=_("Affairs"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("The concurrent government affairs (UU 23/2014 Lampiran) the cooperation concerns."),
    )
    sub_affairs = forms.MultipleChoiceField(
        label=_("Sub-affairs"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-narrowed-by": "id_affairs"}),
        help_text=_("Only the sub-affairs of the affairs chosen above are listed."),
    )
    object = _long_text(_("Object"), rows=2)
    scope = _long_text(_("Scope"), rows=2)
    justification_externality = _long_text(_("Justification: externality"), rows=3)
    justification_efficiency = _long_text(_("Justification: efficiency"), rows=3)
    legal_basis = _long_text(_("Legal basis"), rows=2)
    term_start = forms.DateField(label=_("Term start"), required=False, widget=_date_input())
    term_end = forms.DateField(label=_("Term end"), required=False, widget=_date_input())
    apbd_budgeted = forms.ChoiceField(
        label=_("Budgeted in the APBD"),
        required=False,
        choices=YES_NO_UNKNOWN,
        help_text=_("Not budgeted: DPRD approval is required (PP 28/2018 Pasal 6(2))."),
    )
    burdens_public = forms.ChoiceField(
        label=_("Burdens the public and the region"),
        required=False,
        choices=YES_NO_UNKNOWN,
        help_text=_("Not stated is read as burdening (PP 28/2018 Pasal 6(2))."),
    )
    value = forms.CharField(
        label=_("Value (rupiah)"),
        required=False,
        max_length=40,
        help_text=_("Indonesian notation, e.g. 1.250.000.000 or 1.250.000,50."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    origin_kind = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    origin_ref = forms.CharField(required=False, widget=forms.HiddenInput, max_length=REF_MAX_LENGTH)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        affair_choices = [(a.code, f"{a.code} {a.name_id}") for a in Affair.objects.order_by("code")]
        _choice_field(self, "affairs").choices = affair_choices
        # Sub-affairs grouped under their affair (one <optgroup> each, labelled with the affair's code): the
        # page's script shows only the groups of the affairs chosen; without it the groups still say which
        # affair a sub-affair belongs to, and the service refuses a sub-affair of another affair.
        names = dict(affair_choices)
        groups: dict[str, list[tuple[str, str]]] = {}
        for e in AuthorityEntry.objects.order_by("affair_id", "position", "id").only(
            "code", "sub_affair", "affair_id"
        ):
            groups.setdefault(e.affair_id, []).append((e.code, f"{e.code} {e.sub_affair}"))
        _choice_field(self, "sub_affairs").choices = [
            (str(names.get(code, code)), options) for code, options in groups.items()
        ]
        kinds = [OrganisationKind.KEMENDAGRI, *THIRD_PARTY_KINDS]
        field = self.fields["partner_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(kind__in=[str(k) for k in kinds]).order_by("name")

    def clean_value(self) -> Decimal | None:
        text = (self.cleaned_data.get("value") or "").strip()
        if not text:
            return None
        try:
            return parse_decimal(text)
        except NumberInputError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=TEXT_MAX_LENGTH, widget=_text_area(3), help_text=_limit(TEXT_MAX_LENGTH)
    )


class OfferForm(forms.Form):
    letter_number = forms.CharField(label=_("Offer letter number"), max_length=REF_MAX_LENGTH)
    letter_date = forms.DateField(label=_("Offer letter date"), widget=_date_input(), initial=date.today)
    copies_to = forms.CharField(
        label=_("Copies to (codes, comma-separated)"),
        required=False,
        max_length=REF_MAX_LENGTH,
        help_text=_("E.g. 34 for the governor, kemendagri for the Minister (PP 28/2018 Pasal 6)."),
    )


class DprdRequestForm(forms.Form):
    letter_number = forms.CharField(label=_("Request letter number"), max_length=REF_MAX_LENGTH)
    requested_on = forms.DateField(label=_("Request date"), widget=_date_input(), initial=date.today)


class DprdDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("DPRD decision"),
        choices=[
            (DprdOutcome.APPROVED, DprdOutcome.APPROVED.label),
            (DprdOutcome.REJECTED, DprdOutcome.REJECTED.label),
        ],
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=REF_MAX_LENGTH)
    decision_date = forms.DateField(label=_("Decision date"), widget=_date_input(), initial=date.today)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=TEXT_MAX_LENGTH, widget=_text_area(2)
    )


class SignatoryForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signatory name"), max_length=REF_MAX_LENGTH)
    signatory_title = forms.CharField(label=_("Signatory title"), required=False, max_length=REF_MAX_LENGTH)
    power_of_attorney_holder = forms.CharField(
        label=_("Holder of the power of attorney (surat kuasa)"), required=False, max_length=REF_MAX_LENGTH
    )
    power_of_attorney_number = forms.CharField(
        label=_("Power of attorney number"), required=False, max_length=REF_MAX_LENGTH
    )
    power_of_attorney_date = forms.DateField(
        label=_("Power of attorney date"), required=False, widget=_date_input()
    )


#: The PP 28/2018 Pasal 18 criteria of a third-party initiative, in words (``rulebook.subjects``).
INITIATIVE_CRITERIA_LABELS = {
    "terintegrasi_rencana_induk": _("(a) Technically integrated with the sector's master plan"),
    "layak_ekonomi_finansial": _("(b) Economically and financially feasible"),
    "kemampuan_keuangan_pemrakarsa": _("(c) The initiating third party can finance it"),
}


class PartnerSelectionForm(forms.Form):
    """KSDPK: its kind and how its third party was chosen (``services.record_partner_selection``)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    ksdpk_kind = forms.ChoiceField(
        label=_("KSDPK kind (PP 28/2018 Pasal 15(1))"), choices=KsdpkKind.choices
    )
    method = forms.ChoiceField(label=_("How the third party was chosen"), choices=PartnerSelectionMethod.choices)
    reference = forms.CharField(label=_("Selection document (number or name)"), max_length=REF_MAX_LENGTH)
    selected_on = forms.DateField(label=_("Selection date"), required=False, widget=_date_input())
    third_party_initiated = forms.BooleanField(label=_("Initiated by the third party"), required=False)
    initiative_criteria = forms.MultipleChoiceField(
        label=_("Criteria the initiative meets (PP 28/2018 Pasal 18)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(c, INITIATIVE_CRITERIA_LABELS.get(c, c)) for c in INITIATIVE_CRITERIA],
    )


#: What may be uploaded to an agreement (issue 10 item 6: the documents of each stage). Each entry: the
#: ``documents`` kind of the file and the ``RecordedDocumentKind`` the rulebook reads (or "" when the file is
#: read from its attachment alone: offer letter, KB, PKS are read by ``state.build_state``; KAK and surat kuasa
#: are kept for the record).
UPLOAD_KINDS: dict[str, tuple[str, str, Any]] = {
    "surat_penawaran": (DocumentKind.OFFER_LETTER, "", _("Offer letter")),
    "kak": (DocumentKind.OTHER, "", _("Terms of reference (KAK)")),
    "studi_kelayakan": (DocumentKind.OTHER, "studi_kelayakan", _("Feasibility study")),
    "kb": (DocumentKind.KB, "", _("Kesepakatan Bersama (KB)")),
    "persetujuan_dprd": (DocumentKind.OTHER, "persetujuan_dprd", _("DPRD decision")),
    "surat_kuasa": (DocumentKind.OTHER, "", _("Power of attorney (surat kuasa)")),
    "pks": (DocumentKind.PKS, "", _("Perjanjian Kerja Sama (PKS)")),
    "rencana_kerja": (DocumentKind.OTHER, "rencana_kerja", _("Work plan")),
    "nk": (DocumentKind.OTHER, "nk", _("Nota Kesepakatan")),
}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"))
    title = forms.CharField(label=_("Title"), max_length=200)
    number = forms.CharField(label=_("Document number"), required=False, max_length=REF_MAX_LENGTH)
    dated = forms.DateField(label=_("Document date"), required=False, widget=_date_input())
    file = forms.FileField(label=_("File (PDF)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "kind").choices = [(k, label) for k, (_d, _r, label) in UPLOAD_KINDS.items()]
