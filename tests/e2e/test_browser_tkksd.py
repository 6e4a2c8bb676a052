"""The TKKSD records a decision in one of its meetings, on a phone (issue 10, item 4).

Kota Yogyakarta's demo team (DATA CONTOH) has a held meeting and ``tkksd.yogya`` as its secretary. At 390 px
the secretary opens the team's page from the menu, opens the meeting, tries to return an identification
without reasons (refused beside the field, nothing written), then records it with reasons; the decision shows
on the meeting page and on the team's page. The page never scrolls sideways.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_notifications import no_horizontal_overflow
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

REASONS = "Data timbulan sampah 2025 belum dilampirkan; lengkapi dengan sumber DLH (uji peramban)."


def test_the_tkksd_secretary_records_a_decision_in_a_meeting_at_phone_width(
    sessions: Any, instance: Instance
) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = sessions(viewport=PHONE).page
    log_in(page, "tkksd.yogya", instance.demo_password)
    page.goto("/tkksd/34.71/")
    expect(page.get_by_test_id("active-decree")).to_contain_text("CONTOH")
    expect(page.get_by_test_id("no-active-decree")).to_have_count(0)
    no_horizontal_overflow(page)
    page.screenshot(path=str(ARTIFACTS / "tkksd-region-390.png"), full_page=True)

    # The demo's held meeting (another browser test of the shared installation schedules one more).
    page.get_by_test_id("meeting").filter(has_text="Terlaksana").first.locator("h3 a").click()
    page.wait_for_url("**/tkksd/34.71/rapat/*/")
    expect(page.get_by_test_id("meeting-status")).to_have_text("Terlaksana")
    form = page.get_by_test_id("decision-form")
    subject = form.locator("select[name=subject]")
    value = subject.evaluate(
        "s => [...s.options].map(o => o.value).find(v => v.startsWith('mapping.identification:'))"
    )
    assert value, "the demo should offer an identification of Kota Yogyakarta to decide on"
    subject.select_option(value)
    form.get_by_label("Keputusan").select_option("return")
    form.locator("button[type=submit]").click()
    # Refused beside the reasons field; the choice stays selected.
    expect(page.locator("#id_reasons_errors")).to_contain_text("alasan")
    expect(page.get_by_test_id("decision-form").locator("select[name=subject]")).to_have_value(value)
    no_horizontal_overflow(page)

    form = page.get_by_test_id("decision-form")
    form.get_by_label("Alasan").fill(REASONS)
    form.locator("button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text("Keputusan telah dicatat")
    expect(page.get_by_test_id("decisions")).to_contain_text(REASONS)
    expect(page.get_by_test_id("decisions")).to_contain_text("Dikembalikan dengan alasan")
    no_horizontal_overflow(page)
    page.screenshot(path=str(ARTIFACTS / "tkksd-decision-390.png"), full_page=True)

    page.goto("/tkksd/34.71/")
    expect(page.get_by_test_id("meetings")).to_contain_text(REASONS)
