"""Forms of the document pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.documents.services import accepted_types


class VersionUploadForm(forms.Form):
    """A new version of a document. The file itself is checked by the service (size, name, type by content)."""

    file = forms.FileField(label=_("File"), allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = accepted_types()
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{t}" for t in types)
        self.fields["file"].help_text = _("Accepted: %(types)s.") % {"types": ", ".join(types).upper()}
