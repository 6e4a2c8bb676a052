"""Forms of the privacy pages (the services validate again)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.privacy.choices import RequestKind
from kerjasama.privacy.models import TEXT_MAX

_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Request kind"), choices=RequestKind.choices)
    subject_name = forms.CharField(label=_("Data subject's name"), max_length=200)
    subject_email = forms.EmailField(label=_("Data subject's e-mail"), required=False)
    subject_username = forms.CharField(
        label=_("Data subject's account (username), if any"), max_length=150, required=False
    )
    details = forms.CharField(
        label=_("What is asked"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        widget=_LOCAL,
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Blank: now. The 3×24-hour clock starts here."),
    )


class RequestAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    refused = forms.BooleanField(label=_("Refuse, with the reasons above"), required=False)


class DataBreachForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    data_disclosed = forms.CharField(
        label=_("Personal data disclosed"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    occurred_at = forms.DateTimeField(
        label=_("Occurred at"), required=False, widget=_LOCAL, input_formats=["%Y-%m-%dT%H:%M"]
    )
    discovered_at = forms.DateTimeField(
        label=_("Discovered at"), widget=_LOCAL, input_formats=["%Y-%m-%dT%H:%M"]
    )
    how = forms.CharField(
        label=_("How it happened"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    affected = forms.CharField(
        label=_("Whom it affects"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    affected_count = forms.IntegerField(
        label=_("Number of data subjects affected"), required=False, min_value=0
    )
    measures = forms.CharField(
        label=_("What was done"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
