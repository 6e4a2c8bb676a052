"""Mapping pages: a region's map, the province view, the national matrix and the exports."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.demo import load_mapping_demo
from kerjasama.mapping.models import Identification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any) -> None:
    load_mapping_demo(actor=SYSTEM)
    runner.run(actor=SYSTEM, regions={"34", "34.01", "34.02", "34.03", "34.04", "34.71"})


@pytest.mark.usefixtures("demo")
def test_it_shows_a_regions_map_with_example_label_and_partners(
    client_as: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_as("kabkota")
    with django_assert_max_num_queries(20):
        html = client.get("/pemetaan/34.71/").content.decode()
    assert 'data-testid="example-banner"' in html
    assert "Kabupaten Sleman" in html and "Kabupaten Bantul" in html and "berbatasan" in html
    assert "templat.xlsx" in html  # the region's own editor may import its profile


@pytest.mark.usefixtures("demo")
def test_it_filters_to_mandatory_eligible_partners_of_one_affair(client_as: Any) -> None:
    html = client_as("kabkota").get("/pemetaan/34.71/?affair=2.11&wajib=1").content.decode()
    assert 'data-testid="recs-2.11"' in html and 'data-testid="recs-1.03"' not in html


@pytest.mark.usefixtures("demo")
def test_it_shows_a_neighbour_no_editing_and_none_of_the_drafts(client_as: Any) -> None:
    drafts = Identification.objects.filter(region_id="34.71").exclude(status="published")
    html = client_as("neighbour").get("/pemetaan/34.71/").content.decode()
    assert (
        "templat.xlsx" not in html
        and "identifikasi/" not in html.split('data-testid="identifications"')[1][:200]
    )
    for item in drafts:
        assert f'data-testid="status-{item.affair_id}"' not in html


def test_it_sends_anonymous_users_to_the_login(client: Any) -> None:
    assert client.get("/pemetaan/34.71/").status_code == 302


@pytest.mark.usefixtures("demo")
def test_it_shows_the_province_its_kabkota(client_as: Any) -> None:
    html = client_as("province").get("/pemetaan/provinsi/34/").content.decode()
    assert 'data-testid="province-table"' in html and "Kota Yogyakarta" in html
    assert client_as("kabkota").get("/pemetaan/provinsi/34/").status_code == 404
    assert client_as("other_province").get("/pemetaan/provinsi/34/").status_code == 404


@pytest.mark.usefixtures("demo")
def test_it_shows_the_ministry_the_national_matrix(
    client_as: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_as("ministry")
    # +2 since issue 9: "dihitung pada" (one aggregate) and the latest national run.
    with django_assert_max_num_queries(12):
        html = client.get("/pemetaan/").content.decode()
    assert 'data-testid="national-matrix"' in html and 'data-cell="2.11-34"' in html
    assert client_as("province").get("/pemetaan/")["Location"] == "/pemetaan/provinsi/34/"
    assert client_as("third_party").get("/pemetaan/").status_code == 404


@pytest.mark.usefixtures("demo")
def test_it_exports_the_map_to_xlsx_and_pdf_labelled_as_example_data(client_as: Any) -> None:
    client = client_as("kabkota")
    response = client.get("/pemetaan/34.71/ekspor.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["peta urusan"]
    texts = [str(c.value) for row in sheet.iter_rows(max_row=6) for c in row if c.value]
    assert any("Kota Yogyakarta" in t for t in texts) and any("DATA CONTOH" in t for t in texts)
    assert any(row[2] == "34.04" for row in sheet.iter_rows(min_row=5, values_only=True))
    pdf = client.get("/pemetaan/34.71/ekspor.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_it_completes_an_identification_through_the_pages(client_as: Any, persona: Any) -> None:
    operator = client_as("kabkota")
    response = operator.post(
        "/pemetaan/34.71/identifikasi/2.09/",
        {
            "needs": "Cadangan pangan daerah",
            "offers": "",
            "externalities": "",
            "programmes": "2.09.02\n2.09.02.2.01",
            "version": 0,
        },
    )
    assert response.status_code == 302
    operator.post("/pemetaan/34.71/identifikasi/2.09/submit/")
    tkksd = client_as(None)
    from kerjasama.accounts.models import User

    tkksd.force_login(User.objects.get(username="tkksd.yogya"))
    tkksd.post("/pemetaan/34.71/identifikasi/2.09/verify/")
    item = Identification.objects.get(region_id="34.71", affair_id="2.09")
    assert item.status == "verified" and item.programmes == ["2.09.02", "2.09.02.2.01"]


def test_it_shows_a_bad_programme_code_on_the_form(client_as: Any) -> None:
    html = (
        client_as("kabkota")
        .post("/pemetaan/34.71/identifikasi/2.09/", {"needs": "x", "programmes": "2.09.2", "version": 0})
        .content.decode()
    )
    assert (
        "050-5889" in html and not Identification.objects.filter(region_id="34.71", affair_id="2.09").exists()
    )


def test_it_saves_one_value_typed_on_the_page_and_marks_the_region(client_as: Any) -> None:
    from kerjasama.mapping.models import IndicatorValue, StaleRegion

    data = {"indicator": "waste_coverage", "year": 2025, "value": 44.5, "source": "DLH (uji)"}
    client_as("kabkota").post("/pemetaan/34.71/profil/nilai/", data)
    assert (
        IndicatorValue.objects.get(region_id="34.71", indicator_id="waste_coverage", year=2025).value == 44.5
    )
    assert StaleRegion.objects.filter(region_id="34.71").exists()
    client_as("neighbour").post("/pemetaan/34.71/profil/nilai/", {**data, "value": 1})
    assert (
        IndicatorValue.objects.get(region_id="34.71", indicator_id="waste_coverage", year=2025).value == 44.5
    )


def test_it_offers_the_profile_template_only_to_the_region(client_as: Any) -> None:
    response = client_as("kabkota").get("/pemetaan/34.71/profil/templat.xlsx")
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert client_as("neighbour").get("/pemetaan/34.71/profil/templat.xlsx").status_code == 404


@pytest.mark.usefixtures("demo")
def test_it_names_regions_and_counts_distinct_pairs_on_the_province_page(
    client_as: Any, django_assert_max_num_queries: Any
) -> None:
    from kerjasama.mapping.models import Recommendation

    client = client_as("province")
    with django_assert_max_num_queries(20):
        html = client.get("/pemetaan/provinsi/34/").content.decode()
    assert "Kabupaten Sleman (34.04)" in html and "<caption>" in html and 'scope="col"' in html
    rows = Recommendation.objects.filter(region_id="34.01", category="wajib")
    partners = set(rows.values_list("partner_id", flat=True))
    assert rows.count() > len(partners) > 0  # many partner x affair rows, a few partners
    cell = html.split('data-testid="pairs-34.01">')[1].split("</td>")[0]
    assert cell.startswith(f"{len(partners)} ")
    # The per-affair breakdown lists actual pairs by name.
    affair = rows.values_list("affair_id", flat=True).first()
    block = html.split(f'data-testid="affair-pairs-{affair}"')[1].split("</details>")[0]
    assert "Kabupaten Kulon Progo (34.01)" in block


@pytest.mark.usefixtures("demo")
def test_it_heads_the_national_matrix_with_names(client_as: Any) -> None:
    html = client_as("ministry").get("/pemetaan/").content.decode()
    assert "<caption>" in html and "Daerah Istimewa Yogyakarta" in html and "<sup>" not in html
