"""The forms of the letters pages (English labels through gettext; the page is Indonesian by default)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.letters.choices import AGREEMENT_KINDS, LetterKind, NoticeKind, ReplyDecision
from kerjasama.letters.models import Letter


class LetterDraftForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Letter kind"), choices=[(k.value, k.label) for k in LetterKind if k in AGREEMENT_KINDS]
    )
    variant = forms.ChoiceField(
        label=_("Answer (for a reply to an offer)"),
        choices=ReplyDecision.choices,
        required=False,
        help_text=_("Shapes the default body of a reply to an offer; ignored for the other kinds."),
    )


class LetterEditForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = [
            "nature",
            "attachments",
            "subject",
            "addressee",
            "body",
            "place",
            "signer_capacity",
            "signer_title",
            "signer_name",
            "signer_rank",
            "signer_nip",
            "copies",
        ]
        widgets = {
            "addressee": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12}),
            "copies": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "signer_nip": _(
                "An acting head (Plt./Plh.) writes neither rank nor NIP (Permendagri 1/2023 Pasal 44)."
            ),
            "body": _("Separate paragraphs with an empty line."),
        }


class MeetingInvitationForm(forms.Form):
    meeting_time = forms.CharField(
        label=_("Time of the meeting"),
        max_length=60,
        help_text=_("As printed in the invitation, e.g. 09.00 WIB s.d. selesai."),
    )


class DisputeLetterForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Dispute letter"), choices=NoticeKind.choices)


class SubjectLetterEditForm(LetterEditForm):
    """The edit form of a letter drafted from a TKKSD meeting, a report or a dispute: with its attached list."""

    class Meta(LetterEditForm.Meta):
        fields = [*LetterEditForm.Meta.fields, "annex"]
        widgets = {**LetterEditForm.Meta.widgets, "annex": forms.Textarea(attrs={"rows": 6})}


class LetterheadForm(forms.Form):
    government_name = forms.CharField(label=_("Government name (letterhead)"), max_length=300, required=False)
    address = forms.CharField(label=_("Address (letterhead)"), max_length=300, required=False)
    contact = forms.CharField(label=_("Telephone, e-mail, website"), max_length=300, required=False)
    unit_code = forms.CharField(label=_("Unit code in letter numbers"), max_length=40, required=False)
    number_pattern = forms.CharField(
        label=_("Letter number pattern"),
        max_length=100,
        required=False,
        help_text=_("Fields: {kka} {seq} {unit} {year} {month} {month_roman}; {seq} is required."),
    )


class EmblemForm(forms.Form):
    emblem = forms.FileField(
        label=_("Emblem (lambang daerah), PNG or SVG"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/svg+xml"}),
    )
    remove = forms.BooleanField(label=_("Remove the emblem"), required=False)


class ClassificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter kind"), choices=LetterKind.choices, widget=forms.HiddenInput)
    kka_code = forms.CharField(label=_("Archive classification code (KKA)"), max_length=40)
    retention_class = forms.CharField(label=_("Retention class (JRA)"), max_length=200)
