"""Forms of the verification dialogue: the TKKSD's return reason and a comment (kept apart from ``forms.py``,
whose identification fields another change restructures)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.mapping.models import MAX_REMARK_CHARS


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning (the author reads it)"),
        max_length=MAX_REMARK_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_REMARK_CHARS}),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"),
        max_length=MAX_REMARK_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_REMARK_CHARS}),
    )
