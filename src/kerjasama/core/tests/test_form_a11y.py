"""Errors and help tied to their fields (issue 9, section 8: "the login error and empty-form errors are not tied
to their fields"): every id an input names in ``aria-describedby`` exists in the page, and a field with errors
says so with ``aria-invalid``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Nama", help_text="Nama lengkap sesuai SK.")
    year = forms.IntegerField(label="Tahun")


def _described_ids_exist(html: str) -> None:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for ref in described.split():
            assert ref in ids, f"aria-describedby names #{ref}, which is not in the page"


def test_a_field_with_errors_names_its_help_and_errors() -> None:
    form = _Form(data={"name": "", "year": "dua ribu"})
    assert not form.is_valid()
    html = "".join(render_to_string("core/_field.html", {"field": form[name]}) for name in ("name", "year"))
    _described_ids_exist(html)
    assert 'aria-describedby="id_name_helptext id_name_errors"' in html
    assert html.count('aria-invalid="true"') == 2
    assert '<label for="id_year">Tahun</label>' in html


def test_a_valid_field_is_not_marked_invalid() -> None:
    form = _Form(data={"name": "Kota Yogyakarta", "year": "2025"})
    assert form.is_valid()
    html = render_to_string("core/_field.html", {"field": form["year"]})
    assert "aria-invalid" not in html and "aria-describedby" not in html


@pytest.mark.django_db
def test_the_login_error_is_tied_to_both_fields(client: Any) -> None:
    html = client.post("/masuk/", {"username": "operator.yogya", "password": "salah"}).content.decode()
    _described_ids_exist(html)
    assert html.count('aria-describedby="login-error"') == 2
    assert 'id="login-error"' in html


@pytest.mark.django_db
def test_the_password_change_errors_are_tied_to_their_fields(client_as: Any) -> None:
    html = client_as("kabkota").post("/akun/kata-sandi/", {"old_password": "salah"}).content.decode()
    _described_ids_exist(html)
    assert 'aria-invalid="true"' in html
