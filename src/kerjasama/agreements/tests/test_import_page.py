"""The page ``/kerja-sama/impor/``: template download, upload with the row report, check only, who may use it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.tests.test_register_import import filled, waste_row

pytestmark = pytest.mark.django_db
URL = "/kerja-sama/impor/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("register.xlsx", content, content_type="application/octet-stream")


def test_it_serves_the_page_and_the_template_to_an_operator(persona: Any) -> None:
    client = _client(persona("kabkota"))
    page = client.get(URL)
    assert page.status_code == 200
    assert b'data-testid="import-form"' in page.content and b"kode_daerah" in page.content
    assert "Impor kerja sama yang sudah berjalan" in page.content.decode()  # Indonesian by default
    template = client.get(URL + "templat/")
    assert template.status_code == 200 and template.content.startswith(b"PK")
    assert "templat-register-kerja-sama.xlsx" in template["Content-Disposition"]


def test_it_shows_the_row_report_and_saves_nothing(persona: Any) -> None:
    client = _client(persona("kabkota"))
    content = filled([waste_row(), waste_row(nomor="X/2", tanggal_mulai="2023-02-30")])
    page = client.post(URL, {"file": _upload(content)})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="import-report"' in text and "baris/row 3, kolom/column tanggal_mulai" in text
    assert "2023-02-30" in text
    assert Agreement.objects.count() == 0


def test_a_check_only_upload_saves_nothing_and_a_real_one_registers(persona: Any) -> None:
    client = _client(persona("kabkota"))
    content = filled([waste_row()])
    page = client.post(URL, {"file": _upload(content), "dry_run": "on"})
    assert b'data-testid="import-result"' in page.content and Agreement.objects.count() == 0
    page = client.post(URL, {"file": _upload(content)})
    agreement = Agreement.objects.get()
    assert agreement.stage == "pelaksanaan"
    assert f"/kerja-sama/{agreement.pk}/".encode() in page.content


@pytest.mark.parametrize("name", ["province", "third_party", "auditor", "other_province", "neighbour"])
def test_who_may_import(persona: Any, name: str) -> None:
    status = _client(persona(name)).get(URL).status_code
    # a region's cooperation unit (Sleman, Semarang) may import its own agreements; the others may not
    assert status == (200 if name in {"other_province", "neighbour"} else 403)


def test_the_ministry_imports_for_any_region_and_a_region_only_its_own(persona: Any) -> None:
    content = filled([waste_row(kode_daerah="33.74; 33.22", nomor="SMG/1")])
    page = _client(persona("kabkota")).post(URL, {"file": _upload(content)})
    assert b'data-testid="import-report"' in page.content and Agreement.objects.count() == 0
    page = _client(persona("ministry")).post(URL, {"file": _upload(content)})
    assert b'data-testid="import-result"' in page.content and Agreement.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code in (302, 401, 403) and Agreement.objects.count() == 0
