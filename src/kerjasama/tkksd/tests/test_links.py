"""Where officials find their TKKSD: the menu (own region) and the region's page (who may see the decree)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "menu"),
    [
        ("kabkota", "/tkksd/34.71/"),
        ("neighbour", "/tkksd/34.04/"),
        ("province", "/tkksd/34/"),
        ("third_party", None),
    ],
)
def test_the_menu_leads_to_the_users_own_team(client_as: Any, who: str, menu: str | None) -> None:
    body = client_as(who).get("/akun/profil/").content.decode()
    if menu is None:
        assert 'data-testid="nav-tkksd"' not in body
    else:
        assert f'href="{menu}" data-testid="nav-tkksd"' in body


@pytest.mark.parametrize(
    ("who", "shown"), [("kabkota", True), ("other_province", True), ("third_party", False), (None, False)]
)
def test_the_region_page_links_the_team_for_officials(client_as: Any, who: str | None, shown: bool) -> None:
    body = client_as(who).get("/wilayah/34.71/").content.decode()
    assert ('data-testid="region-tkksd"' in body) is shown
