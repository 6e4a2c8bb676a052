"""The forms of the letters pages (English labels through gettext; the page is Indonesian by default)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.letters.choices import LetterKind
from kerjasama.letters.models import Letter


class LetterDraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter kind"), choices=LetterKind.choices)


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
