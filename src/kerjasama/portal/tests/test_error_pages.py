"""Indonesian error pages in the site's layout; refusals in words; menu items only where the user has access
(issue 9 §7)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.test import RequestFactory
from django.utils import translation

from kerjasama.core.errors import PermissionDenied
from kerjasama.portal.views import permission_denied

pytestmark = pytest.mark.django_db


def test_it_answers_an_unknown_page_with_an_indonesian_404_in_the_layout(client: Any) -> None:
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="error-404"' in html and "Halaman tidak ditemukan" in html
    assert 'class="topbar"' in html and "Kembali ke beranda" in html  # the site's own layout


def test_it_offers_english_on_the_404_page(client: Any) -> None:
    client.cookies["django_language"] = "en"
    html = client.get("/tidak-ada-halaman-ini/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in html


def test_it_says_in_words_what_an_account_may_not_do_on_the_403_page(rf: RequestFactory, persona: Any) -> None:
    request = rf.get("/x/")
    request.user = persona("neighbour")
    refusal = PermissionDenied("mapping.edit_region")
    with translation.override("id"):
        response = permission_denied(request, DjangoPermissionDenied(refusal))
    html = response.content.decode()
    assert response.status_code == 403 and 'data-testid="error-403"' in html
    assert "tidak berwenang mengubah profil dan identifikasi urusan daerah ini" in html
    assert "mapping.edit_region" not in html


def test_it_never_shows_a_permission_code_from_a_bare_refusal(rf: RequestFactory, persona: Any) -> None:
    request = rf.get("/x/")
    request.user = persona("neighbour")
    with translation.override("id"):
        html = permission_denied(request, DjangoPermissionDenied("mapping.edit_region")).content.decode()
    assert "mapping.edit_region" not in html and "Akun Anda tidak berwenang" in html


def test_it_names_the_refused_action_in_words_in_the_service_error() -> None:
    error = PermissionDenied("mapping.verify_identification")
    assert error.code == "permission_denied" and error.action == "mapping.verify_identification"
    assert "mapping." not in error.message_id and "mapping." not in error.message_en
    assert "memverifikasi identifikasi" in error.message_id and "verify this region" in error.message_en
    unknown = PermissionDenied("somewhere.something")
    assert "somewhere" not in unknown.message_id and unknown.message_id.startswith("Akun Anda tidak berwenang")


def test_it_shows_a_refused_edit_in_words_on_the_page(client_as: Any) -> None:
    # The neighbour is not offered the region's edit form; posting to it anyway is refused in words.
    response = client_as("neighbour").post(
        "/pemetaan/34.71/profil/nilai/",
        {"indicator": "landfill_life", "year": 2025, "value": "3", "source": "x"},
        follow=True,
    )
    html = response.content.decode()
    assert "Akun Anda tidak berwenang mengubah profil dan identifikasi urusan daerah ini" in html
    assert "(mapping.edit_region)" not in html


@pytest.mark.parametrize(
    ("who", "href"),
    [
        ("ministry", "/pemetaan/"),
        ("province", "/pemetaan/provinsi/34/"),
        ("kabkota", "/pemetaan/34.71/"),
        ("third_party", None),
    ],
)
def test_it_shows_the_mapping_menu_only_where_the_user_has_access(
    client_as: Any, who: str, href: str | None
) -> None:
    html = client_as(who).get("/").content.decode()
    if href is None:
        assert 'data-testid="nav-mapping"' not in html
    else:
        assert f'<a href="{href}" data-testid="nav-mapping">' in html
        assert client_as(who).get(href).status_code == 200


def test_it_tells_an_out_of_scope_user_recommendations_are_not_for_their_account(client_as: Any) -> None:
    html = client_as("neighbour").get("/pemetaan/34.71/").content.decode()
    assert 'data-testid="recs-not-available"' in html and "tidak tersedia untuk akun Anda" in html
    assert "pemetaan nasional belum dijalankan" not in html


def test_it_never_shows_a_fact_read_on_a_blog_as_verified(client: Any) -> None:
    from kerjasama.affairs.models import Affair

    entries = Affair.objects.get(code="1.01").authority_entries.all()
    assert any(e.confidence == "V" and "fdokumen" in e.source and ".go.id" not in e.source for e in entries)
    html = client.get("/urusan/1.01/").content.decode()
    table = html.split('data-testid="authority-matrix"')[1]
    assert 'class="conf conf-V"' not in table
    assert 'data-testid="confidence-capped"' in table and "bukan dari terbitan resmi" in table
