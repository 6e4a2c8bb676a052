"""The form renderer writes a select exactly as Django's templates do (``core/form_renderer.py``)."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.core.form_renderer import FormRenderer

TEMPLATES = DjangoTemplates()
FAST = FormRenderer()


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Semua"), ("a", "Air <minum> & \"sanitasi\""), ("b", "B")])
    grouped = forms.ChoiceField(
        choices=[("Wajib", [("1", "Satu"), ("2", "Dua")]), ("Sukarela", [("3", "Tiga")]), ("4", "Empat")],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y"), ("z", "Z")], required=False)
    lazy = forms.ChoiceField(choices=[("id", gettext_lazy("Indonesian")), ("safe", mark_safe("<b>ok</b>"))])
    number = forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int, required=False)


def _both(form: forms.Form, name: str, attrs: dict[str, object] | None = None) -> tuple[str, str]:
    field = form[name]
    widget = field.field.widget
    return (
        str(widget.render(field.html_name, field.value(), attrs=attrs, renderer=TEMPLATES)),
        str(widget.render(field.html_name, field.value(), attrs=attrs, renderer=FAST)),
    )


def test_the_selects_of_a_bound_form_are_written_as_djangos_templates_write_them() -> None:
    form = _Form(data={"plain": "a", "grouped": "2", "many": ["x", "z"], "lazy": "safe", "number": "2"})
    for name in ("plain", "grouped", "many", "lazy", "number"):
        slow, fast = _both(form, name, {"id": f"id_{name}", "aria-describedby": 'h "1"', "required": True})
        assert fast == slow, name
    assert "selected" in _both(form, "plain")[1]


def test_an_unbound_form_and_false_attributes_too() -> None:
    form = _Form()
    for name in ("plain", "grouped", "many"):
        slow, fast = _both(form, name, {"disabled": False, "data-x": 0})
        assert fast == slow, name


def test_a_select_with_another_option_template_goes_through_the_templates() -> None:
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"  # not the plain option

    widget = Custom(choices=[("a", "A")])
    assert str(widget.render("c", "a", renderer=FAST)) == str(widget.render("c", "a", renderer=TEMPLATES))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(max_size=8), st.text(max_size=12)), min_size=1, max_size=6, unique_by=lambda c: c[0]),
    st.text(max_size=8),
)
def test_any_choices_and_value_give_the_same_characters(choices: list[tuple[str, str]], value: str) -> None:
    widget = forms.Select(choices=choices)
    assert str(widget.render("n", value, renderer=FAST)) == str(widget.render("n", value, renderer=TEMPLATES))
