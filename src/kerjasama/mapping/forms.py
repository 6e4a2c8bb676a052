"""Forms of the mapping pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kerjasama.affairs.models import AuthorityEntry
from kerjasama.core.numbers import NumberInputError, parse_number
from kerjasama.core.pages import LabelledErrorsMixin
from kerjasama.mapping.catalogue import out_of_range
from kerjasama.mapping.domain.programme_labels import programme_structure
from kerjasama.mapping.models import (
    IDENTIFICATION_TEXT_MAX_LENGTH,
    PROGRAMMES_TEXT_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
)


def _text_area(rows: int, max_length: int) -> forms.Textarea:
    # ``maxlength`` (set by the field) stops typing in the browser; ``data-counter`` asks
    # portal/char_counter.js for a live "n / max" counter (without JavaScript the help text says the limit).
    return forms.Textarea(attrs={"rows": rows, "data-counter": str(max_length)})


class IdentificationForm(LabelledErrorsMixin, forms.Form):
    needs = forms.CharField(
        label=_("Needs (what the region lacks)"),
        widget=_text_area(3, IDENTIFICATION_TEXT_MAX_LENGTH),
        required=False,
        max_length=IDENTIFICATION_TEXT_MAX_LENGTH,
        help_text=format_lazy(_("At most {n} characters."), n=IDENTIFICATION_TEXT_MAX_LENGTH),
    )
    offers = forms.CharField(
        label=_("Offers (what the region can provide)"),
        widget=_text_area(3, IDENTIFICATION_TEXT_MAX_LENGTH),
        required=False,
        max_length=IDENTIFICATION_TEXT_MAX_LENGTH,
        help_text=format_lazy(_("At most {n} characters."), n=IDENTIFICATION_TEXT_MAX_LENGTH),
    )
    externalities = forms.CharField(
        label=_("Cross-border externalities"),
        widget=_text_area(2, IDENTIFICATION_TEXT_MAX_LENGTH),
        required=False,
        max_length=IDENTIFICATION_TEXT_MAX_LENGTH,
        help_text=format_lazy(_("At most {n} characters."), n=IDENTIFICATION_TEXT_MAX_LENGTH),
    )
    sub_affairs = forms.MultipleChoiceField(
        label=_("Sub-affairs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The sub-affairs (sub urusan) of the UU 23/2014 Lampiran this identification concerns, with what "
            "each level of government holds."
        ),
    )
    programmes = forms.CharField(
        label=_("Programme and activity codes"),
        required=False,
        max_length=PROGRAMMES_TEXT_MAX_LENGTH,
        help_text=_(
            "Kepmendagri 050-5889/2021 codes, one per line or comma-separated, e.g. 2.11.04 or 2.11.04.2.01"
        ),
        widget=_text_area(2, PROGRAMMES_TEXT_MAX_LENGTH),
    )
    # The version the form was loaded with (0: no identification yet); optimistic locking.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        affair_code: str = "",
        level: str = "",
        entries: Sequence[AuthorityEntry] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.entries = {e.code: e for e in entries}
        subs = self.fields["sub_affairs"]
        assert isinstance(subs, forms.MultipleChoiceField)
        subs.choices = [(e.code, f"{e.code} {e.sub_affair}") for e in entries]
        if not entries:
            subs.help_text = _("The authority matrix has no sub-affairs of this affair yet.")
        if affair_code:
            self.fields["programmes"].help_text = programme_help(affair_code, level)

    def sub_affair_rows(self) -> list[dict[str, Any]]:
        """Each checkbox with its sub-affair, for a label that says what each level holds."""
        rows = []
        for widget in self["sub_affairs"]:
            entry = self.entries[str(widget.data["value"])]
            rows.append({"widget": widget, "entry": entry})
        return rows

    def programme_codes(self) -> list[str]:
        raw = self.cleaned_data.get("programmes", "")
        return [c.strip() for c in raw.replace(",", "\n").splitlines() if c.strip()]


def programme_help(affair_code: str, level: str) -> str:
    """The programme field's help: the code structure for the affair and the region's level digit.

    Kepmendagri 050-5889/2021 (amended by 900.1.15.5-3406/2024); the nomenclature's titles are not in the
    reference data, so only the structure is shown, never an invented title.
    """
    english = (get_language() or "").startswith("en")
    shapes = programme_structure(affair_code, level)
    if not shapes:
        return str(_("Kepmendagri 050-5889/2021 codes, one per line or comma-separated."))
    parts = "; ".join(
        f"{s.kind_en if english else s.kind_id} {s.pattern} ({'e.g.' if english else 'mis.'} {s.example})"
        for s in shapes
    )
    digit = shapes[1].pattern.split(".")[3]
    if english:
        return (
            f"Kepmendagri 050-5889/2021 codes of affair {affair_code}, one per line or comma-separated: {parts}. "
            f"The digit {digit} after the programme number is this region's level "
            f"({'province' if digit == '1' else 'kab/kota'}). Programme titles are not shown: the "
            "nomenclature's titles are not yet in the reference data."
        )
    return (
        f"Kode Kepmendagri 050-5889/2021 urusan {affair_code}, satu per baris atau dipisah koma: {parts}. "
        f"Angka {digit} sesudah nomor program menandai tingkat daerah ini "
        f"({'provinsi' if digit == '1' else 'kabupaten/kota'}). Judul program belum ditampilkan: judul "
        "nomenklatur belum ada dalam data rujukan."
    )


class ProfileValueForm(LabelledErrorsMixin, forms.Form):
    """One yearly indicator value. The value is typed as text (``inputmode="decimal"`` brings up the number
    keypad on a phone) and read by ``core.numbers``: an ``<input type=number>`` drops the Indonesian decimal
    comma in some browsers, and "0,8" was stored as 8.0 (issue 9)."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    value = forms.CharField(
        label=_("Value"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 10}),
        help_text=_("Comma for decimals, e.g. 0,8 or 1.234,5"),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=SOURCE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"data-counter": str(SOURCE_MAX_LENGTH)}),
    )

    def __init__(self, *args: Any, indicators: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(indicators)

    def clean_value(self) -> float:
        try:
            return parse_number(self.cleaned_data["value"])
        except NumberInputError as exc:
            raise forms.ValidationError(exc.message(get_language()), code=exc.code) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value, indicator = data.get("value"), data.get("indicator")
        if isinstance(value, float) and indicator and (problem := out_of_range(indicator, value)):
            text_id, text_en = problem
            self.add_error(
                "value",
                forms.ValidationError(
                    text_en if (get_language() or "").startswith("en") else text_id, code="mapping.bad_value"
                ),
            )
        return data


class ProfileUploadForm(forms.Form):
    file = forms.FileField(label=_("Filled profile template (XLSX)"))
