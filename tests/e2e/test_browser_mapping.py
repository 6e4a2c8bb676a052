"""Pemetaan urusan in a real browser: the cooperation unit identifies an affair, the TKKSD verifies it, and
the region's map and the ministry's national matrix show it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS, DESKTOP

pytestmark = pytest.mark.browser
AFFAIR = "2.09"  # Pangan: the example data never identifies it, so the matrix cell starts at 0


def identified(page: Any) -> int:
    """How many DIY regions the national matrix counts as having identified the affair."""
    page.goto("/pemetaan/")
    return int(page.locator(f'[data-cell="{AFFAIR}-34"]').get_attribute("data-identified") or -1)


def test_it_identifies_verifies_and_shows_an_affair(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    ministry = sessions(viewport=DESKTOP).page
    log_in(ministry, "kemendagri", instance.demo_password)
    before = identified(ministry)

    operator = sessions(viewport=DESKTOP).page
    log_in(operator, "operator.yogya", instance.demo_password)
    operator.goto("/pemetaan/34.71/")
    expect(operator.get_by_test_id("example-banner")).to_be_visible()
    operator.get_by_test_id("new-identification").select_option(AFFAIR)
    operator.get_by_role("button", name="Buka formulir").click()
    form = operator.get_by_test_id("identification-form")
    form.locator("textarea[name=needs]").fill("Cadangan pangan daerah untuk musim paceklik")
    form.locator("textarea[name=programmes]").fill("2.09.02\n2.09.02.2.01")
    form.locator("button[type=submit]").click()
    expect(operator.get_by_test_id(f"status-{AFFAIR}")).to_have_text("Draf")
    operator.get_by_test_id(f"submit-{AFFAIR}").click()
    expect(operator.get_by_test_id(f"status-{AFFAIR}")).to_contain_text("TKKSD")

    tkksd = sessions(viewport=DESKTOP).page
    log_in(tkksd, "tkksd.yogya", instance.demo_password)
    tkksd.goto("/pemetaan/34.71/")
    tkksd.get_by_test_id(f"verify-{AFFAIR}").click()
    expect(tkksd.get_by_test_id(f"status-{AFFAIR}")).to_contain_text("Diverifikasi")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tkksd.screenshot(path=str(ARTIFACTS / "mapping-34.71.png"), full_page=True)

    after = identified(ministry)
    assert after == before + 1
    ministry.screenshot(path=str(ARTIFACTS / "mapping-national.png"), full_page=True)


def test_it_shows_kota_yogyakarta_its_waste_partners(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=DESKTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/pemetaan/34.71/?affair=2.11&wajib=1")
    recs = page.get_by_test_id("recs-2.11")
    expect(recs).to_contain_text("Kabupaten Sleman")
    expect(recs).to_contain_text("Kabupaten Bantul")
    expect(recs).to_contain_text("berbatasan")
    # The map draws the region and its partners' boundaries and a line to each partner (Sleman, Bantul …).
    expect(page.locator("#mapping-map")).to_have_attribute("data-shapes", re.compile(r"^[1-9]\d*$"))
    assert int(page.locator("#mapping-map").get_attribute("data-lines") or 0) >= 2
