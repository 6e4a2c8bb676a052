"""The web shell: region browser, region page with neighbours and map data, affairs catalogue, languages."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def map_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "map data missing"
    return dict(json.loads(match.group(1)))


def test_it_searches_regions_by_name_or_code(client: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(6):
        page = client.get("/wilayah/", {"q": "Yogyakarta"}).content.decode()
    assert "Kota Yogyakarta" in page and "/wilayah/34.71/" in page and "Kabupaten Sleman" not in page
    by_code = client.get("/wilayah/", {"q": "34.0"}).content.decode()
    assert "Kabupaten Sleman" in by_code and "Kota Yogyakarta" not in by_code


def test_it_searches_regions_by_common_names_and_abbreviations(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(7):
        jogja = client.get("/wilayah/", {"q": "jogja"}).content.decode()
    assert "/wilayah/34.71/" in jogja and "/wilayah/34/" in jogja and "Kabupaten Sleman" not in jogja
    jaksel = client.get("/wilayah/", {"q": "Jaksel"}).content.decode()
    assert "Jakarta Selatan" in jaksel and "Jakarta Timur" not in jaksel
    spelled = client.get("/wilayah/", {"q": "JAKARTA SÉLATAN"}).content.decode()
    assert "/wilayah/31.74/" in spelled
    assert "/wilayah/34.04/" in client.get("/wilayah/", {"q": "Kab. Sleman"}).content.decode()


def test_it_filters_regions_by_province_and_kind(client: Any) -> None:
    page = client.get("/wilayah/", {"province": "34", "kind": "kabupaten"}).content.decode()
    assert page.count("/wilayah/34.0") == 4 and "/wilayah/34.71/" not in page
    assert client.get("/wilayah/", {"province": "xx", "kind": "desa"}).status_code == 200


def test_it_paginates_the_full_list(client: Any) -> None:
    page = client.get("/wilayah/", {"page": 12}).content.decode()
    assert "/wilayah/96." in page  # the last page holds Papua Barat Daya


def test_it_shows_a_region_with_its_neighbours_and_map(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    # 8 + 2: the code history and the predecessor map ("riwayat kode", issue 15 item 6).
    with django_assert_max_num_queries(10):
        html = client.get("/wilayah/34.71/").content.decode()
    assert "Kabupaten Sleman" in html and "Kabupaten Bantul" in html
    data = map_data(html)
    roles = {f["code"]: f["role"] for f in data["features"]}
    assert roles["34.71"] == "self" and roles["34.04"] == "neighbour" and roles["34.02"] == "neighbour"
    assert all(f["lat"] is not None for f in data["features"]) and data["has_polygons"] is False
    assert "leaflet/leaflet.js" in html and "tile.openstreetmap" not in html


def test_it_says_an_island_region_has_no_land_neighbour(client: Any) -> None:
    assert 'data-testid="no-neighbours"' in client.get("/wilayah/11.09/").content.decode()


def test_it_marks_dki_administrative_units(client: Any) -> None:
    assert (
        "not an autonomous region"
        in client.get("/wilayah/31.71/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        or "bukan daerah otonom" in client.get("/wilayah/31.71/").content.decode()
    )


def test_it_answers_404_for_an_unknown_region_or_affair(client: Any) -> None:
    assert client.get("/wilayah/99.99/").status_code == 404
    assert client.get("/urusan/4.01/").status_code == 404


def test_it_shows_the_authority_matrix_with_confidence(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(5):
        html = client.get("/urusan/1.01/").content.decode()
    assert 'data-testid="authority-matrix"' in html and "Manajemen Pendidikan" in html
    # Every row shows a confidence; 1.01's "V" rows rest on blog copies, so they show as secondary (issue 9).
    assert 'class="conf conf-S"' in html and "Sumber sekunder" in html


def test_it_says_when_the_matrix_does_not_cover_an_affair_and_why(client: Any) -> None:
    html = client.get("/urusan/2.24/").content.decode()
    assert 'data-testid="not-covered"' in html
    assert 'data-testid="not-covered-reason"' in html and "Belum ditranskripsi" in html


def test_it_lists_all_32_affairs(client: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(5):
        html = client.get("/urusan/").content.decode()
    assert len(re.findall(r'href="/urusan/\d\.\d\d/"', html)) == 32


def test_it_speaks_indonesian_by_default_and_english_on_request(client: Any) -> None:
    client.cookies["django_language"] = "en"
    english = client.get("/wilayah/").content.decode()
    assert 'lang="en"' in english and "Regions" in english
    client.cookies["django_language"] = "id"
    indonesian = client.get("/wilayah/").content.decode()
    assert 'lang="id"' in indonesian


def test_it_creates_and_revokes_an_api_token_from_the_profile(client_as: Any) -> None:
    client = client_as("kabkota")
    page = client.post("/akun/token/", {"name": "skrip laporan"}, follow=True).content.decode()
    key = re.search(r"<code>(ksd_[^<]+)</code>", page)
    assert key, "the new key is shown once"
    assert client.get("/akun/profil/").content.decode().count(key.group(1)) == 0
    from kerjasama.accounts.models import ApiToken

    token = ApiToken.objects.get(name="skrip laporan")
    client.post(f"/akun/token/{token.pk}/cabut/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_changes_the_password_through_the_page(client_as: Any, persona: Any) -> None:
    from django.conf import settings

    client = client_as("neighbour")
    response = client.post(
        "/akun/kata-sandi/",
        {
            "old_password": settings.KERJASAMA_DEMO_PASSWORD,
            "new_password1": "baru-sekali-2026!",
            "new_password2": "baru-sekali-2026!",
        },
    )
    assert response.status_code == 302
    assert persona("neighbour").check_password("baru-sekali-2026!")
