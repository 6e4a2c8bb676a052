"""Forms of the notifications pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.notifications.choices import Language


class PreferenceForm(forms.Form):
    """The reader's notification language and whether they also get e-mail."""

    language = forms.ChoiceField(label=_("Language of notifications and e-mails"), choices=Language.choices)
    email = forms.BooleanField(label=_("Also send me an e-mail"), required=False)
