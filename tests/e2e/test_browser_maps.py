"""The oversight map and network in a real browser (issue 13 item 2): the ministry's national choropleth and
the public map draw offline from the shipped boundary files with the cooperation lines of the demo's published
agreement (Kota Semarang–Kabupaten Semarang), the network draws as SVG, and no page scrolls sideways at laptop
or phone width (screenshots in test-artifacts/)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page: Any, url: str) -> None:
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"], (url, widths)


def _check_map(page: Any, url: str, shot: str, *, lines: bool = True) -> None:
    """``lines``: the demo's Semarang pair draws a line (at the province level both are Jawa Tengah: none)."""
    from playwright.sync_api import expect

    page.goto(url)
    the_map = page.locator("#oversight-map")
    expect(the_map).to_have_attribute("data-shapes", re.compile(r"^[1-9]\d*$"))
    assert (int(the_map.get_attribute("data-lines") or 0) >= 1) == lines
    assert the_map.locator("path.leaflet-interactive:not([tabindex='-1'])").count() == 0
    assert page.get_by_test_id("map-legend").locator("li").count() >= 3
    assert page.get_by_test_id("edge-33.22-33.74").count() == int(lines)
    _no_sideways_scroll(page, url)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=False)
    the_map.screenshot(path=str(ARTIFACTS / shot.replace(".png", "-map.png")))


def _check_network(page: Any, url: str, shot: str) -> None:
    page.goto(url)
    svg = page.get_by_test_id("network-svg")
    assert int(svg.get_attribute("data-edges") or 0) >= 1
    assert svg.locator("circle").count() >= 2
    _no_sideways_scroll(page, url)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)


def test_public_and_ministry_maps_and_network_at_laptop_and_phone_width(
    sessions: Any, instance: Instance
) -> None:
    for viewport, suffix in ((LAPTOP, "1366"), (PHONE, "390")):
        anonymous = sessions(viewport=viewport)
        _check_map(anonymous.page, "/daftar-kerja-sama/peta/", f"oversight-public-map-{suffix}.png")
        _check_network(
            anonymous.page, "/daftar-kerja-sama/jaringan/", f"oversight-public-network-{suffix}.png"
        )
    ministry = sessions(viewport=LAPTOP)
    log_in(ministry.page, "kemendagri", instance.demo_password)
    _check_map(ministry.page, "/pengawasan/peta/", "oversight-map-1366.png")
    phone = sessions(viewport=PHONE, storage_state=ministry.context.storage_state())
    _check_map(
        phone.page, "/pengawasan/peta/?tingkat=provinsi", "oversight-map-provinsi-390.png", lines=False
    )
    _check_network(phone.page, "/pengawasan/jaringan/", "oversight-network-390.png")
