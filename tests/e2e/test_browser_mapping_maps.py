"""The mapping maps in a real browser (issue 9, section 5): the national choropleth, a province's and a
region's boundaries draw offline from the shipped static files, each legend says in words what the shades and
lines mean, map shapes stay out of the tab order, and no page scrolls sideways at laptop or phone width."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

#: (user, page, map element, at least this many shapes)
MAPS = [
    ("kemendagri", "/pemetaan/", "#overview-map", 38),
    ("gubernur.diy", "/pemetaan/provinsi/34/", "#overview-map", 5),
    ("operator.yogya", "/pemetaan/34.71/", "#mapping-map", 5),
]


def _check(page: Any, url: str, selector: str, shapes: int, shot: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    the_map = page.locator(selector)
    expect(the_map).to_have_attribute("data-shapes", re.compile(r"^[1-9]\d*$"))
    drawn = int(the_map.get_attribute("data-shapes") or 0)
    assert drawn >= shapes, (url, drawn)
    assert the_map.locator("path.leaflet-interactive").count() >= shapes
    assert the_map.get_attribute("role") == "region" and the_map.get_attribute("aria-label")
    # Every shape is out of the tab order: the table or list beside the map carries the same information.
    tabbable = the_map.locator("path.leaflet-interactive:not([tabindex='-1'])").count()
    assert tabbable == 0, (url, tabbable)
    legend = page.get_by_test_id("map-legend")
    assert len(legend.inner_text().strip()) > 20 and legend.locator("li").count() >= 4
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    if widths["scroll"] > widths["inner"]:  # name the culprits: the deepest elements reaching past the edge
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                         && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                 .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)
                                  + ' ' + (e.textContent || '').trim().slice(0, 40))"""
        )
        raise AssertionError((url, widths, wide))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)


@pytest.mark.parametrize("user,url,selector,shapes", MAPS)
def test_the_map_draws_boundaries_with_a_text_legend_at_laptop_and_phone_width(
    sessions: Any, instance: Instance, user: str, url: str, selector: str, shapes: int
) -> None:
    laptop = sessions(viewport=LAPTOP)
    log_in(laptop.page, user, instance.demo_password)
    name = url.strip("/").replace("/", "-") or "home"
    _check(laptop.page, url, selector, shapes, f"map-{name}-1366.png")
    phone = sessions(viewport=PHONE, storage_state=laptop.context.storage_state())
    _check(phone.page, url, selector, shapes, f"map-{name}-390.png")
