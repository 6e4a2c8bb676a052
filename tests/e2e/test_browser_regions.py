"""The region browser in a real browser: Debian's Chromium driven by Playwright against ``kerjasama serve``.

Nothing leaves the machine: Chromium runs with background networking switched off, and every request the
pages make to anything but the local server is aborted and reported as a failure.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in

pytestmark = pytest.mark.browser

#: Screenshots and rendered pages; CI gives each engine's run its own folder (the two run side by side).
ARTIFACTS = Path(os.environ.get("KERJASAMA_TEST_ARTIFACTS") or Path(__file__).resolve().parents[2] / "test-artifacts")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CITY = "Kota Yogyakarta"
CITY_NEIGHBOURS = ("Kabupaten Sleman", "Kabupaten Bantul")


def check_region_map(page: Any) -> None:
    """The map of Kota Yogyakarta shows the city and its neighbours, each with a permanent label."""
    from playwright.sync_api import expect

    region_map = page.locator("#region-map")
    expect(region_map).to_have_attribute("data-features", re.compile(r"^\d+$"))
    assert int(region_map.get_attribute("data-features")) >= 3
    assert region_map.locator(".leaflet-interactive").count() >= 3
    labels = region_map.locator(".leaflet-tooltip").all_inner_texts()
    assert {CITY, *CITY_NEIGHBOURS} <= {label.strip() for label in labels}, labels
    box = region_map.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200, box


def test_it_browses_from_the_search_to_a_city_with_its_neighbours_and_map(
    sessions: Any, instance: Instance
) -> None:
    from playwright.sync_api import expect

    desktop = sessions(viewport=DESKTOP)
    page = desktop.page
    log_in(page, "operator.yogya", instance.demo_password)

    page.goto("/wilayah/")
    search = page.get_by_test_id("region-search")
    search.fill("Yogyakarta")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/wilayah/\?.*q=Yogyakarta"))
    page.locator("main table").get_by_role("link", name=CITY, exact=True).click()
    page.wait_for_url(re.compile(r"/wilayah/34\.71/$"))
    expect(page.locator("h1")).to_contain_text(CITY)

    neighbours = page.get_by_test_id("neighbours")
    for name in CITY_NEIGHBOURS:
        expect(neighbours.get_by_role("link", name=name, exact=True)).to_be_visible()
    check_region_map(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "region-34.71.png"), full_page=True)

    phone = sessions(viewport=PHONE, device_scale_factor=2, storage_state=desktop.context.storage_state())
    phone.page.goto("/wilayah/34.71/")
    expect(phone.page.get_by_test_id("nav-profile")).to_have_count(1)  # still logged in
    check_region_map(phone.page)
    widths = phone.page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["inner"] == PHONE["width"], widths
    assert widths["scroll"] <= widths["inner"] + 1, f"horizontal overflow at phone width: {widths}"
    phone.page.screenshot(path=str(ARTIFACTS / "region-34.71-phone.png"), full_page=True)


def test_it_switches_the_language_to_english_and_back(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=DESKTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/wilayah/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "id")

    with page.expect_navigation():
        page.get_by_role("button", name="English", exact=True).click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/wilayah/$"))  # back on the page the switch was pressed on
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Regions", exact=True)).to_be_visible()
    expect(nav.get_by_role("button", name="Log out", exact=True)).to_be_visible()
    expect(page.locator("main h1")).to_have_text("Regions")

    with page.expect_navigation():
        page.get_by_role("button", name="Bahasa Indonesia", exact=True).click()
    expect(html).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="English", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/wilayah/$"))


def test_it_shows_indonesian_labels_in_indonesian(sessions: Any, instance: Instance) -> None:
    """The Indonesian interface is translated: its navigation differs from the English one."""
    page = sessions(viewport=DESKTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    nav = page.get_by_role("navigation")

    def labels() -> tuple[str, str, str]:
        page.goto("/wilayah/")
        return (
            nav.locator("a[href='/wilayah/']").inner_text().strip(),
            nav.locator("form[action='/keluar/'] button").inner_text().strip(),
            page.locator("main h1").inner_text().strip(),
        )

    indonesian = labels()
    with page.expect_navigation():
        page.get_by_role("button", name="English", exact=True).click()
    english = labels()
    with page.expect_navigation():
        page.get_by_role("button", name="Bahasa Indonesia", exact=True).click()
    assert english == ("Regions", "Log out", "Regions")
    for id_label, en_label in zip(indonesian, english, strict=True):
        assert id_label != en_label, f"{en_label!r} is not translated into Indonesian"


def test_it_sends_an_anonymous_visitor_of_the_profile_to_the_login_page(sessions: Any) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=DESKTOP).page
    page.goto("/akun/profil/")
    expect(page).to_have_url(re.compile(r"/masuk/\?next=%2Fakun%2Fprofil%2F$|/masuk/\?next=/akun/profil/$"))
    expect(page.locator("main form input[name=password]")).to_be_visible()
    expect(page.get_by_test_id("nav-profile")).to_have_count(0)
