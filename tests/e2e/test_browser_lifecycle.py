"""An agreement in force on a phone and a laptop: amendments and its end (issue 11, items 3 and 4).

Kota Yogyakarta's cooperation unit opens the amendments page of an agreement in force, records an amendment
with the keyboard alone (Enter submits), sees the terms in force on a date, then starts the settlement at its
end and settles an item. Each page passes axe-core (WCAG 2.1 A/AA, no serious or critical violation) at 390 px
and 1366 px and never scrolls sideways on the phone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.in_force import LAPTOP, clean, own_installation, waste_agreement_in_force
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

# An installation of its own: the Yogyakarta-Sleman waste agreement this test puts in force would change what
# the shared installation's mapping and register tests read (Sleman no longer recommended for waste).
instance, server = own_installation("lifecycle")

SETUP = waste_agreement_in_force(
    title="Pengelolaan sampah Yogyakarta-Sleman berlaku (uji peramban)",
    number="PKS/E2E/2024",
    term_start=date(2024, 1, 1),
    term_end=date(2030, 12, 31),
)


def test_amendments_and_settlement_by_keyboard_pass_axe(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pk = instance.python(SETUP)
    amendments, termination = f"/kerja-sama/{pk}/adendum/", f"/kerja-sama/{pk}/pengakhiran/"
    problems: list[str] = []
    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)

    page.goto(amendments)
    problems += clean(page, amendments, PHONE)
    form = page.get_by_test_id("amendment-form")
    form.get_by_label("Judul").fill("Adendum tarif (uji peramban)")
    form.get_by_label("Ditandatangani pada").fill("2025-01-02")
    form.get_by_label("Berlaku sejak").fill("2025-02-01")
    form.get_by_label("Alasan").fill("Kenaikan tarif")
    form.get_by_label("Nilai baru (rupiah)").fill("1250000000")
    form.get_by_label("Judul").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Adendum 1 telah dicatat")
    expect(page.get_by_test_id("amendments")).to_contain_text("Adendum tarif (uji peramban)")
    page.goto(amendments + "?pada=2025-02-01")
    expect(page.get_by_test_id("terms-value")).to_have_text("1250000000.00")
    problems += clean(page, amendments, PHONE)
    page.screenshot(path=str(ARTIFACTS / "lifecycle-amendments-390.png"), full_page=True)

    page.goto(termination)
    start = page.get_by_test_id("open-settlement").locator("button")
    start.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("checklist")).to_be_visible()
    first = page.get_by_test_id("checklist").locator("li").first
    first.locator("select").select_option("done")
    first.locator("textarea").fill("Aset dicatat sebagai BMD")
    first.locator("textarea").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Butir penyelesaian telah disimpan")
    expect(page.get_by_test_id("checklist").locator("li").first).to_have_attribute("data-status", "done")
    problems += clean(page, termination, PHONE)
    page.screenshot(path=str(ARTIFACTS / "lifecycle-termination-390.png"), full_page=True)

    wide = sessions(viewport=LAPTOP).page
    log_in(wide, "operator.yogya", instance.demo_password)
    for url in (amendments, termination, f"/kerja-sama/{pk}/"):
        wide.goto(url)
        problems += clean(wide, url, LAPTOP)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
