"""Correct data entry (issue 9 §2): Indonesian numbers, plausible ranges, length limits, labelled errors, and a
blank template that is not a successful import — in the form, the service, the XLSX import and the API."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from kerjasama.accounts.services import issue_api_token
from kerjasama.affairs.models import Affair
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.mapping.models import IDENTIFICATION_TEXT_MAX_LENGTH, Identification, IndicatorValue
from kerjasama.mapping.services import (
    import_profile_xlsx,
    profile_template_xlsx,
    save_identification,
    set_indicator_value,
)
from kerjasama.mapping.tests.test_profiles import filled_template
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def kota() -> Region:
    return Region.objects.get(code="34.71")


def stored(indicator: str, year: int = 2025) -> float:
    return IndicatorValue.objects.get(region_id="34.71", indicator_id=indicator, year=year).value


# --- the service ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "value"), [("0,8", 0.8), ("0.8", 0.8), ("12,5", 12.5), ("45", 45.0)])
def test_it_reads_a_typed_value_the_indonesian_way(persona: Any, typed: str, value: float) -> None:
    set_indicator_value(
        actor=persona("kabkota"),
        region=kota(),
        indicator_code="landfill_life",
        year=2025,
        value=typed,
        source="x",
    )
    assert stored("landfill_life") == value


@pytest.mark.parametrize(
    ("indicator", "value", "words_id", "words_en"),
    [
        ("waste_coverage", 145, "antara 0 dan 100 persen", "between 0 and 100 percent"),
        ("waste_coverage", -1, "antara 0 dan 100 persen", "between 0 and 100 percent"),
        ("landfill_life", 1e308, "antara 0 dan 100 tahun", "between 0 and 100 years"),
        ("population", "70.000.000", "antara 0 dan 60.000.000 jiwa", "between 0 and 60.000.000 people"),
    ],
)
def test_it_refuses_an_implausible_value_and_states_the_range_in_words(
    persona: Any, indicator: str, value: Any, words_id: str, words_en: str
) -> None:
    with pytest.raises(KerjasamaError) as err:
        set_indicator_value(
            actor=persona("kabkota"),
            region=kota(),
            indicator_code=indicator,
            year=2025,
            value=value,
            source="x",
        )
    assert err.value.code == "mapping.bad_value"
    assert err.value.message_id.startswith("Nilai: ") and words_id in err.value.message_id
    assert err.value.message_en.startswith("Value: ") and words_en in err.value.message_en
    assert not IndicatorValue.objects.filter(region_id="34.71", indicator_id=indicator).exists()


def test_it_refuses_an_ambiguous_number_with_how_to_write_it(persona: Any) -> None:
    with pytest.raises(KerjasamaError) as err:
        set_indicator_value(
            actor=persona("kabkota"),
            region=kota(),
            indicator_code="population",
            year=2025,
            value="1.234",
            source="x",
        )
    assert "1234" in err.value.message_id and "1,234" in err.value.message_id
    assert err.value.message_id.startswith("Nilai: ")


def test_it_refuses_a_source_over_its_length(persona: Any) -> None:
    with pytest.raises(KerjasamaError) as err:
        set_indicator_value(
            actor=persona("kabkota"),
            region=kota(),
            indicator_code="landfill_life",
            year=2025,
            value=3,
            source="s" * 301,
        )
    assert err.value.message_id.startswith("Sumber: paling banyak 300 karakter")
    assert "at most 300 characters" in err.value.message_en


def test_it_refuses_an_identification_text_over_its_length_and_writes_nothing(persona: Any) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(KerjasamaError) as err:
        save_identification(
            actor=persona("kabkota"),
            region=kota(),
            affair=Affair.objects.get(code="2.11"),
            needs="x" * 208_000,
        )
    assert err.value.code == "mapping.text_too_long"
    assert err.value.message_id.startswith(f"Kebutuhan: paling banyak {IDENTIFICATION_TEXT_MAX_LENGTH}")
    assert err.value.message_en.startswith("Needs: at most")
    assert not Identification.objects.filter(region_id="34.71", affair_id="2.11").exists()
    assert AuditEvent.objects.count() == before


def test_it_accepts_an_identification_text_at_its_length(persona: Any) -> None:
    item = save_identification(
        actor=persona("kabkota"),
        region=kota(),
        affair=Affair.objects.get(code="2.11"),
        needs="x" * IDENTIFICATION_TEXT_MAX_LENGTH,
    )
    item.full_clean()  # the model's own validators agree with the service
    assert len(item.needs) == IDENTIFICATION_TEXT_MAX_LENGTH


# --- the XLSX import and its template -----------------------------------------------------------------------------


def test_it_says_a_blank_template_imports_nothing_as_an_error(persona: Any) -> None:
    before = (IndicatorValue.objects.count(), AuditEvent.objects.count())
    with pytest.raises(KerjasamaError) as err:
        import_profile_xlsx(actor=persona("kabkota"), region=kota(), content=profile_template_xlsx(kota()))
    assert err.value.code == "mapping.empty_import"
    assert (
        "Tidak ada nilai yang diimpor" in err.value.message_id
        and "Nothing was imported" in err.value.message_en
    )
    assert (IndicatorValue.objects.count(), AuditEvent.objects.count()) == before


def test_it_gives_the_template_instructions_and_indonesian_headers() -> None:
    book = load_workbook(io.BytesIO(profile_template_xlsx(kota())))
    assert book.sheetnames == ["profil", "petunjuk"]
    header = [c.value for c in book["profil"][2]]
    assert header[0] == "kode_indikator (Kode indikator / Indicator code)"
    assert header[4].startswith("nilai (Nilai")
    guide = "\n".join(str(c.value) for row in book["petunjuk"].iter_rows() for c in row if c.value)
    assert "koma untuk desimal" in guide and "comma for the decimals" in guide
    assert "antara 0 dan 100 persen" in guide and "antara 0 dan 100 tahun" in guide


def test_it_imports_indonesian_text_numbers(persona: Any) -> None:
    content = filled_template(
        "34.71", {"landfill_life": (2025, "0,8", "DLH"), "waste_coverage": ("2025", 45, "DLH")}
    )
    report = import_profile_xlsx(actor=persona("kabkota"), region=kota(), content=content)
    assert report.saved == 2
    assert stored("landfill_life") == 0.8 and stored("waste_coverage") == 45


def test_it_reports_an_implausible_import_value_by_row_with_its_label_and_range(persona: Any) -> None:
    content = filled_template(
        "34.71", {"waste_coverage": (2025, 145, "x"), "landfill_life": (2025, "1.234", "x")}
    )
    with pytest.raises(KerjasamaError) as err:
        import_profile_xlsx(actor=persona("kabkota"), region=kota(), content=content)
    messages = {d.message_id for d in err.value.details}
    assert any(m.startswith("Nilai: ") and "antara 0 dan 100 persen" in m for m in messages)
    assert any(m.startswith("Nilai: ") and "dapat dibaca dua cara" in m for m in messages)
    assert not any("input." in m or "waste_coverage:" in m for m in messages)


# --- the page -----------------------------------------------------------------------------------------------------


def test_it_renders_the_value_field_as_decimal_text_and_shows_what_was_saved(client_as: Any) -> None:
    client = client_as("kabkota")
    html = client.get("/pemetaan/34.71/").content.decode()
    assert '<input type="text" name="value" inputmode="decimal"' in html
    response = client.post(
        "/pemetaan/34.71/profil/nilai/",
        {"indicator": "landfill_life", "year": 2025, "value": "0,8", "source": "DLH"},
        follow=True,
    )
    assert stored("landfill_life") == 0.8
    html = response.content.decode()
    assert "0,8 tahun" in html  # displayed as typed, so it reads back the same


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("banyak", "Nilai: “banyak” bukan angka"),
        (
            "150",
            "Nilai: nilai 150 tidak masuk akal untuk Cakupan layanan sampah: harus antara 0 dan 100 persen",
        ),
        ("1.234", "Nilai: “1.234” dapat dibaca dua cara"),
    ],
)
def test_it_leads_a_form_error_with_the_fields_indonesian_label(
    client_as: Any, value: str, expected: str
) -> None:
    response = client_as("kabkota").post(
        "/pemetaan/34.71/profil/nilai/",
        {"indicator": "waste_coverage", "year": 2025, "value": value, "source": "DLH"},
        follow=True,
    )
    html = response.content.decode()
    assert expected in html
    assert "value:" not in html and "input." not in html
    assert not IndicatorValue.objects.filter(region_id="34.71", indicator_id="waste_coverage").exists()


def test_it_gives_identification_texts_a_limit_and_a_counter(client_as: Any) -> None:
    client = client_as("kabkota")
    html = client.get("/pemetaan/34.71/identifikasi/2.11/").content.decode()
    assert f'maxlength="{IDENTIFICATION_TEXT_MAX_LENGTH}"' in html
    assert f'data-counter="{IDENTIFICATION_TEXT_MAX_LENGTH}"' in html and "char_counter.js" in html
    response = client.post(
        "/pemetaan/34.71/identifikasi/2.11/",
        {"version": 0, "needs": "x" * 208_000, "offers": "", "externalities": ""},
    )
    assert response.status_code == 200  # the form again, with the error, nothing saved
    assert "paling banyak" in response.content.decode()
    assert not Identification.objects.filter(region_id="34.71", affair_id="2.11").exists()


# --- the API ------------------------------------------------------------------------------------------------------


@pytest.fixture
def api(persona: Any) -> Any:
    def make(name: str) -> Client:
        user = persona(name)
        _token, key = issue_api_token(actor=user, user=user, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def test_it_sets_a_value_through_the_api_from_indonesian_text(api: Any) -> None:
    response = api("kabkota").post(
        "/api/v1/mapping/regions/34.71/profile",
        {"indicator": "landfill_life", "year": 2025, "value": "0,8", "source": "DLH"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["value"] == 0.8 and response.json()["value_text"] == "0,8"
    profile = api("kabkota").get("/api/v1/mapping/regions/34.71").json()["profile"]
    assert {p["indicator"]: p["value_text"] for p in profile}["landfill_life"] == "0,8"


@pytest.mark.parametrize(
    ("body", "code", "needle"),
    [
        ({"value": 1e308}, "mapping.bad_value", "antara 0 dan 100 tahun"),
        ({"value": "1.234"}, "mapping.bad_value", "dapat dibaca dua cara"),
        ({"source": "s" * 5000}, "mapping.bad_value", "paling banyak 300 karakter"),
    ],
)
def test_it_refuses_bad_values_through_the_api_with_a_stable_code(
    api: Any, body: dict[str, Any], code: str, needle: str
) -> None:
    payload = {"indicator": "landfill_life", "year": 2025, "value": 3, "source": "DLH", **body}
    response = api("kabkota").post(
        "/api/v1/mapping/regions/34.71/profile", payload, content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code and needle in error["message_id"] and error["message_en"]
    assert not IndicatorValue.objects.filter(region_id="34.71", indicator_id="landfill_life").exists()


def test_it_refuses_a_neighbour_setting_a_value_through_the_api(api: Any) -> None:
    response = api("neighbour").post(
        "/api/v1/mapping/regions/34.71/profile",
        {"indicator": "landfill_life", "year": 2025, "value": 3, "source": "DLH"},
        content_type="application/json",
    )
    assert response.status_code in (403, 404)
    assert not IndicatorValue.objects.filter(region_id="34.71", indicator_id="landfill_life").exists()


def test_it_keeps_what_was_typed_after_a_refused_value(client_as: Any) -> None:
    client = client_as("kabkota")
    html = client.post(
        "/pemetaan/34.71/profil/nilai/",
        {"indicator": "waste_coverage", "year": 2025, "value": "150", "source": "DLH Kota"},
        follow=True,
    ).content.decode()
    form = html.split('data-testid="value-form"')[1].split("</form>")[0]
    assert 'value="150"' in form and 'value="DLH Kota"' in form
    assert '<option value="waste_coverage" selected>' in form
    # Shown once: the next visit has a fresh form.
    again = client.get("/pemetaan/34.71/").content.decode().split('data-testid="value-form"')[1].split("</form>")[0]
    assert 'value="150"' not in again


def test_it_leads_every_identification_field_error_with_its_label(client_as: Any) -> None:
    html = client_as("kabkota").post(
        "/pemetaan/34.71/identifikasi/2.11/",
        {"version": 0, "needs": "x" * 2001, "offers": "", "externalities": "", "programmes": ""},
    ).content.decode()
    errors = html.split('id="id_needs_errors">')[1].split("</span>")[0]  # tied to the field (core/_field.html)
    assert "Kebutuhan (yang belum dimiliki daerah): " in errors and "2000" in errors
    assert "needs" not in errors
