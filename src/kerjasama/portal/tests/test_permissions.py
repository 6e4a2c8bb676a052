"""Permission matrix over the named personas for every page of the foundation."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.accounts.models import Organisation

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/wilayah/", "/wilayah/34.71/", "/wilayah/34/", "/urusan/", "/urusan/1.03/", "/masuk/"]
PRIVATE_PAGES = ["/akun/profil/", "/akun/kata-sandi/", "/akun/organisasi/"]
PERSONAS = [
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_it_serves_public_pages_to_anonymous_users(client: Any, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", [*PRIVATE_PAGES, "/akun/organisasi/1/"])
def test_it_sends_anonymous_users_to_the_login_page(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/?next=")


def test_it_sends_anonymous_users_from_the_admin_to_its_login(client: Any) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("url", [*PUBLIC_PAGES[:-1], *PRIVATE_PAGES])
def test_it_serves_every_page_to_every_persona(client_as: Any, who: str, url: str) -> None:
    response = client_as(who).get(url, follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize(("who", "allowed"), [(p, p == "admin") for p in PERSONAS])
def test_it_opens_the_admin_only_to_system_admins(client_as: Any, who: str, allowed: bool) -> None:
    response = client_as(who).get("/admin/")
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code == 302


# Whose organisation page (with its users) each persona may open.
ORG_MATRIX = {
    # target org (by Pemda region or demo name) -> personas allowed
    "pemda:34.71": {"ministry", "province", "kabkota", "auditor", "admin"},
    "pemda:34.04": {"ministry", "province", "neighbour", "auditor", "admin"},
    "pemda:33.74": {"ministry", "other_province", "auditor", "admin"},
    "mitra": {"ministry", "third_party", "auditor", "admin"},
}


def target_org(key: str) -> Organisation:
    if key == "mitra":
        return Organisation.objects.get(kind="badan_usaha", is_demo=True)
    return Organisation.objects.get(kind="pemda", region_id=key.split(":")[1])


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("target", list(ORG_MATRIX))
def test_it_shows_an_organisations_users_only_within_jurisdiction(
    client_as: Any, who: str, target: str, django_assert_max_num_queries: Any
) -> None:
    org = target_org(target)
    client = client_as(who)
    with django_assert_max_num_queries(12):
        response = client.get(f"/akun/organisasi/{org.pk}/")
    expected = 200 if who in ORG_MATRIX[target] else 404
    assert response.status_code == expected, (who, target)
    if expected == 200:
        assert org.name in response.content.decode()


def test_it_lists_only_the_organisations_own_users(client_as: Any) -> None:
    org = Organisation.objects.get(kind="opd", name__startswith="Bagian Kerja Sama Setda Kota Yogyakarta")
    page = client_as("kabkota").get(f"/akun/organisasi/{org.pk}/").content.decode()
    assert "operator.yogya" in page and "operator.sleman" not in page and "contoh" in page
