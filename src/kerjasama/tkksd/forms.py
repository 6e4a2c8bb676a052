"""Forms of the TKKSD pages; every check that matters is the service's, these only parse the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.tkksd.choices import DecisionOutcome, MemberRole
from kerjasama.tkksd.models import NAME_MAX_LENGTH, NUMBER_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


class DecreeForm(LabelledErrorsMixin, forms.Form):
    number = forms.CharField(label=_("Decree number"), max_length=NUMBER_MAX_LENGTH)
    title = forms.CharField(
        label=_("Decree title"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        help_text=_("For example: on the formation of the regional cooperation coordination team."),
    )
    decree_date = _date(_("Decree date"))
    period_start = _date(_("In force from"))
    period_end = _date(
        _("In force until"),
        required=False,
        help_text=_("Leave empty if the decree sets no end (some regions form the team per year)."),
    )
    document = forms.FileField(label=_("Decree document (PDF)"), required=False)


class EndDecreeForm(LabelledErrorsMixin, forms.Form):
    end_date = _date(_("Ends on"))
    reason = forms.CharField(label=_("Reason"), max_length=TITLE_MAX_LENGTH)


class MemberForm(LabelledErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX_LENGTH)
    position = forms.CharField(label=_("Position (jabatan)"), max_length=NAME_MAX_LENGTH)
    role = forms.ChoiceField(
        label=_("Role in the team"), choices=MemberRole.choices, initial=MemberRole.MEMBER
    )
    unit = forms.TypedChoiceField(label=_("Unit (OPD)"), required=False, coerce=int, empty_value=None)
    unit_name = forms.CharField(
        label=_("Unit name"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("If the unit is not in the list."),
    )
    user = forms.TypedChoiceField(
        label=_("User account"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Link the account of a chair or secretary so that they can record meetings and decisions."
        ),
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], users: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *units]  # type: ignore[attr-defined]
        self.fields["user"].choices = [("", "—"), *users]  # type: ignore[attr-defined]


class RemoveMemberForm(LabelledErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=TITLE_MAX_LENGTH)


class MeetingForm(LabelledErrorsMixin, forms.Form):
    meeting_date = _date(_("Meeting date"))
    place = forms.CharField(label=_("Place"), max_length=NAME_MAX_LENGTH)
    agenda = forms.CharField(
        label=_("Agenda"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class HoldForm(LabelledErrorsMixin, forms.Form):
    attendees = forms.TypedMultipleChoiceField(
        label=_("Attendees"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.FileField(label=_("Minutes (berita acara, PDF)"), required=False)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = members  # type: ignore[attr-defined]


class DecisionForm(LabelledErrorsMixin, forms.Form):
    subject = forms.ChoiceField(label=_("Subject"))
    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices)
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the TKKSD returns or rejects."),
    )

    def __init__(self, *args: Any, subjects: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [("", "—"), *subjects]  # type: ignore[attr-defined]

    def subject_parts(self) -> tuple[str, str]:
        """``"mapping.identification:12"`` → (``"mapping.identification"``, ``"12"``)."""
        subject_type, _sep, subject_id = self.cleaned_data["subject"].rpartition(":")
        return subject_type, subject_id
