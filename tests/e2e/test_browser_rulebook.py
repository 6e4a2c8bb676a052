"""The plan checker and the rule catalogue in a real browser (Debian chromium through Playwright)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS, DESKTOP

pytestmark = pytest.mark.browser


def fill_plan(page: Any, parties: list[str], category: str) -> None:
    page.goto("/periksa/")
    page.locator("input[name=type][value=KSDD]").check()
    page.locator(f"input[name=category][value={category}]").check()
    for i, code in enumerate(parties, start=1):
        page.get_by_test_id(f"party-{i}").fill(code)
    page.locator("input[name=affair][value='1.03']").check()
    page.locator("input[name=externality]").check()
    page.get_by_test_id("check-submit").click()
    page.wait_for_selector("[data-testid=plan-result], [data-testid=plan-error]")


def test_it_checks_a_plan_and_shows_the_findings_with_their_basis(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=DESKTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    fill_plan(page, ["34.71 Kota Yogyakarta", "34.04"], "wajib")
    expect(page.get_by_test_id("verdict")).to_contain_text("✓")
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("Pasal")
    assert findings.locator("li").count() >= 1

    fill_plan(page, ["34.71", "33.74"], "wajib")
    expect(page.get_by_test_id("verdict")).to_contain_text("✗")
    r7 = page.locator(".finding.sev-error", has_text="R7")
    expect(r7).to_have_count(1)
    expect(r7).to_contain_text("UU 23/2014 Pasal 364")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan-check-r7.png"), full_page=True)

    fill_plan(page, ["34.71", "34.71"], "sukarela")
    expect(page.get_by_test_id("plan-error")).to_contain_text("Para pihak")


def test_it_picks_a_party_on_the_map(sessions: Any, instance: Instance) -> None:
    page = sessions(viewport=DESKTOP).page
    page.goto("/periksa/")
    markers = page.locator("#party-map .leaflet-interactive")
    assert markers.count() >= 540  # every autonomous region has a centroid marker
    markers.first.click(force=True)
    assert page.get_by_test_id("party-1").input_value().strip() != ""


def test_it_lists_every_rule_in_the_catalogue(sessions: Any) -> None:
    page = sessions(viewport=DESKTOP).page
    page.goto("/aturan/")
    rows = page.locator("[data-testid=rules] tbody tr")
    assert rows.count() == 34
    assert [rows.nth(i).get_attribute("id") for i in range(34)] == [f"R{n}" for n in range(1, 35)]
