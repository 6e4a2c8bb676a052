"""Issue 13's dashboard acceptance in a browser: the ministry user lands on the national dashboard after login,
drills down national → Jawa Barat (32) → Kota Bandung (32.73) at desktop width and one step at 390 px, opens a
chart's table view and downloads its XLSX, whose figures equal the table's (read with openpyxl). Every page is
checked with axe-core and for sideways scrolling on the phone. Own installation (it adds a Bandung agreement).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.in_force import LAPTOP, clean, own_installation
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

instance, server = own_installation("dashboard")


SETUP = """
from datetime import date
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.oversight.dashboard_services import recompute_dashboards
a = register_existing_agreement(
    actor=SYSTEM, type="KSDD", category="sukarela", title="Persampahan Bandung Raya (uji dasbor)",
    region_codes=["32.73", "32.04"], affairs=["2.11"], number="PKS/DASBOR/2025/1",
    term_start=date(2025, 1, 1), term_end=date(2029, 12, 31), apbd_budgeted=True,
)
recompute_dashboards(actor=SYSTEM)
result = a.pk
"""


@pytest.fixture(scope="module")
def bandung(instance: Instance) -> int:
    pk: int = instance.python(SETUP)
    return pk


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def test_the_ministry_drills_down_to_kota_bandung_and_the_xlsx_equals_the_table(
    sessions: Any, instance: Instance, bandung: int
) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    page = sessions(viewport=LAPTOP, accept_downloads=True).page
    log_in(page, "kemendagri", instance.demo_password)
    page.wait_for_url("**/pengawasan/nasional/")
    problems = clean(page, "national", LAPTOP)
    expect(page.get_by_test_id("dashboard-as-of")).to_contain_text("2")
    _shot(page, "national-1366")
    page.get_by_test_id("drill-32").click()
    page.wait_for_url("**/pengawasan/provinsi/32/")
    problems += clean(page, "jawa barat", LAPTOP)
    expect(page.locator("h1")).to_contain_text("Jawa Barat")
    expect(page.get_by_test_id("total-agreements")).to_have_text("1")
    page.get_by_test_id("drill-32.73").click()
    page.wait_for_url("**/pengawasan/wilayah/32.73/")
    problems += clean(page, "kota bandung", LAPTOP)
    expect(page.locator("h1")).to_contain_text("Bandung")
    expect(page.get_by_test_id("dashboard-agreements")).to_contain_text("Persampahan Bandung Raya")
    _shot(page, "region-1366")

    # A chart's table view and its XLSX.
    chart = page.get_by_test_id("chart-type-table")
    chart.locator("summary").click()
    rows = chart.locator("tbody tr")
    table = [
        (rows.nth(i).locator("th").inner_text(), rows.nth(i).locator("td").inner_text())
        for i in range(rows.count())
    ]
    assert table and ("1" in [v for _l, v in table])
    with page.expect_download() as download:
        page.get_by_test_id("chart-type-xlsx").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    values = [r for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(values) if r and r[0] in ("Kategori", "Category")) + 1
    assert [(str(r[0]), str(r[1])) for r in values[start:]] == table

    # One step at 390 px: the province page, then Kota Bandung from its table.
    page.set_viewport_size(PHONE)
    page.goto("/pengawasan/provinsi/32/")
    problems += clean(page, "jawa barat", PHONE)
    _shot(page, "province-390")
    page.get_by_test_id("drill-32.73").click()
    page.wait_for_url("**/pengawasan/wilayah/32.73/")
    problems += clean(page, "kota bandung", PHONE)
    _shot(page, "region-390")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
