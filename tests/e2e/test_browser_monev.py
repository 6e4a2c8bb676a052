"""Monev pages in a browser (issue 11, item 2): axe-core at laptop and phone width, no sideways scroll at
390 px, and a self-assessment typed the Indonesian way and submitted with the keyboard alone.

The demo's example monev (DATA CONTOH, ``monev/demo.py``) leaves the later periods of its agreement in force
open; the admin's monev deadlines (``/api/v1/monev/deadlines``) name one of them, its agreement and party.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_notifications import no_horizontal_overflow
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


def _open_item(page: Any) -> dict[str, Any]:
    page.goto("/api/v1/monev/deadlines")
    items = json.loads(page.locator("body").inner_text())
    assert items, "the demo should leave a monev period open"
    return dict(items[0])


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_monev_pages_pass_axe_core(sessions: Any, instance: Instance, viewport: dict[str, int]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = sessions(viewport=viewport).page
    log_in(page, "admin", instance.demo_password)
    item = _open_item(page)
    base = f"/kerja-sama/{item['agreement']}/monev/"
    problems: list[str] = []
    for url in (
        base,
        f"{base}{item['period']}/mandiri/{item['party']}/",
        f"{base}{item['period']}/tkksd/{item['party']}/",
        f"{base}{item['period']}/gubernur/",
        f"/kerja-sama/{item['agreement']}/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        problems += describe(f"{url} @{viewport['width']}px", audit(page))
        if viewport["width"] <= PHONE["width"]:
            no_horizontal_overflow(page)
        name = url.strip("/").replace("/", "_")
        page.screenshot(path=str(ARTIFACTS / f"monev-{name}-{viewport['width']}.png"), full_page=True)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_a_party_submits_its_self_assessment_with_the_keyboard_at_phone_width(
    sessions: Any, instance: Instance
) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=PHONE).page
    log_in(page, "admin", instance.demo_password)
    item = _open_item(page)
    page.goto(f"/kerja-sama/{item['agreement']}/monev/{item['period']}/mandiri/{item['party']}/")
    page.locator("#id_progress_percent").focus()
    page.keyboard.type("45,5")
    page.keyboard.press("Tab")
    page.keyboard.type("Pengangkutan terjadwal (uji peramban)")
    page.keyboard.press("Tab")
    page.keyboard.type("1.250.000,50")
    # Tab on to the submit button (past the problems and follow-up fields and the draft button).
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.testid") == "submit":
            break
    else:
        pytest.fail("the submit button cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/kerja-sama/{item['agreement']}/monev/*")
    expect(page.locator(f"#periode-{item['period']}")).to_contain_text("45,5%")
    expect(page.locator(f"#periode-{item['period']}")).to_contain_text("1.250.000,5")
    no_horizontal_overflow(page)
