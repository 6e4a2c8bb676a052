"""Correct data entry in a real browser (issue 9 §2): the region's editor types "0,8" into a profile value,
saves it, and reads "0,8" back, in the table and on the API; the text fields count their characters."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_round_trips_an_indonesian_decimal(sessions: Any, instance: Instance, viewport: dict[str, int]) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=viewport).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/pemetaan/34.71/")
    form = page.get_by_test_id("value-form")
    form.locator("select[name=indicator]").select_option("landfill_life")
    form.locator("input[name=year]").fill("2026")
    value = form.locator("input[name=value]")
    assert value.get_attribute("type") == "text" and value.get_attribute("inputmode") == "decimal"
    value.fill("0,8")
    form.locator("input[name=source]").fill("DLH Kota Yogyakarta (uji peramban)")
    form.get_by_role("button").click()
    expect(page.locator(".msg-success")).to_contain_text("0,8")
    expect(page.get_by_test_id("value-landfill_life")).to_have_text("0,8 tahun")
    stored = instance.python(
        "from kerjasama.mapping.models import IndicatorValue; "
        "result = IndicatorValue.objects.get(region_id='34.71', indicator_id='landfill_life', year=2026).value"
    )
    assert stored == 0.8

    # A value outside the plausible range is refused with the range in words, and nothing changes.
    value = page.get_by_test_id("value-form").locator("input[name=value]")
    page.get_by_test_id("value-form").locator("select[name=indicator]").select_option("landfill_life")
    page.get_by_test_id("value-form").locator("input[name=year]").fill("2026")
    value.fill("1e308")
    page.get_by_test_id("value-form").locator("input[name=source]").fill("x")
    page.get_by_test_id("value-form").get_by_role("button").click()
    expect(page.locator(".msg-error")).to_contain_text("Nilai:")
    expect(page.get_by_test_id("value-landfill_life")).to_have_text("0,8 tahun")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"data-entry-{viewport['width']}.png"), full_page=True)


def test_it_counts_the_characters_of_an_identification_text(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=DESKTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/pemetaan/34.71/identifikasi/2.09/")
    needs = page.locator("textarea[name=needs]")
    needs.fill("Cadangan pangan")
    expect(page.get_by_test_id("counter-needs")).to_have_text("15 / 2000 karakter")
    needs.fill("x" * 2500)  # the browser keeps maxlength: at most 2000 characters go in
    expect(page.get_by_test_id("counter-needs")).to_have_text("2000 / 2000 karakter")
