"""The semester report upward in a browser (issue 11, item 7), on an installation of its own.

Kota Yogyakarta's cooperation unit drafts its Semester I 2026 report from the data and submits it to DIY's
governor's office; the governor's office accepts it, drafts DIY's own report (consolidating Kota Yogyakarta's
and listing the kab/kota that have not reported) and submits it to the Minister; the ministry sees the
national consolidation with DIY reported and the other provinces not. The report's pages pass axe-core at
390 px and never scroll sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import Instance, InstanceFactory, log_in, start_server, stop_process
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def instance(instance_factory: InstanceFactory) -> Instance:
    """An installation of its own: the reports this test writes would change what the shared installation's
    pages show (the national consolidation, the lists)."""
    return instance_factory.create("reports")


@pytest.fixture(scope="module")
def server(instance: Instance) -> Iterator[str]:
    served = start_server(instance)
    try:
        yield served.url
    finally:
        stop_process(served.process)


SETUP = """
from datetime import date
from kerjasama.accounts.models import User
from kerjasama.agreements.register import register_existing_agreement
a = register_existing_agreement(
    actor=User.objects.get(username="operator.yogya"), type="KSDD", category="sukarela",
    title="Pengelolaan sampah Yogyakarta-Sleman (uji laporan)", region_codes=["34.71", "34.04"],
    affairs=["2.11"], term_start=date(2025, 3, 1), term_end=date(2030, 2, 28), number="PKS/E2E/LAPORAN",
    apbd_budgeted=True,
)
result = a.pk
"""


def _clean(page: Any, what: str) -> list[str]:
    problems = describe(f"{what} @390px", audit(page))
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        problems.append(f"{what} @390px scrolls sideways: {scroll} > {inner}")
    return problems


def _sign(page: Any, number: str) -> None:
    form = page.get_by_test_id("submit-form")
    form.get_by_label("Nomor surat").fill(number)
    form.get_by_label("Penanda tangan", exact=True).fill("Contoh Pejabat")
    form.get_by_label("Jabatan penanda tangan").fill("Sekretaris Daerah")
    form.get_by_label("NIP penanda tangan").fill("197001011990031001")
    form.get_by_role("button", name="Ajukan laporan").click()


def test_the_semester_report_goes_up_to_the_ministry(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    instance.python(SETUP)
    problems: list[str] = []

    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/laporan/")
    problems += _clean(page, "report list (kab/kota)")
    form = page.get_by_test_id("generate-form")
    form.get_by_label("Periode pelaporan").select_option(label="Semester I 2026")
    form.get_by_role("button", name="Susun dari data").click()
    expect(page.get_by_test_id("agreements")).to_contain_text("uji laporan")
    problems += _clean(page, "report draft (kab/kota)")
    _sign(page, "000.7/1/KSD-E2E")
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    expect(page.get_by_test_id("number")).to_have_text("000.7/1/KSD-E2E")
    page.screenshot(path=str(ARTIFACTS / "reports-kabkota-390.png"), full_page=True)

    governor = sessions(viewport=PHONE).page
    log_in(governor, "gubernur.diy", instance.demo_password)
    governor.goto("/laporan/")
    governor.get_by_test_id("reports").get_by_role("link", name="Kota Yogyakarta").click()
    problems += _clean(governor, "report review (governor)")
    governor.get_by_test_id("accept").click()
    expect(governor.get_by_test_id("status")).to_have_text("Diterima")
    governor.goto("/laporan/")
    form = governor.get_by_test_id("generate-form")
    form.get_by_label("Periode pelaporan").select_option(label="Semester I 2026")
    form.get_by_role("button", name="Susun dari data").click()
    expect(governor.get_by_test_id("consolidated-34.71")).to_contain_text("000.7/1/KSD-E2E")
    expect(governor.get_by_test_id("not-reported")).to_contain_text("Sleman")
    problems += _clean(governor, "province report draft")
    _sign(governor, "000.7/2/BTP-E2E")
    expect(governor.get_by_test_id("status")).to_have_text("Diajukan")
    governor.screenshot(path=str(ARTIFACTS / "reports-province-390.png"), full_page=True)

    ministry = sessions(viewport=PHONE).page
    log_in(ministry, "kemendagri", instance.demo_password)
    ministry.goto("/laporan/?periode=2026-01-01")
    expect(ministry.get_by_test_id("province-34")).to_have_attribute("data-reported", "1")
    expect(ministry.get_by_test_id("province-33")).to_have_attribute("data-reported", "0")
    problems += _clean(ministry, "national consolidation")
    ministry.get_by_test_id("province-34").get_by_role("link").click()
    expect(ministry.get_by_test_id("kabkota-34.71")).to_have_attribute("data-status", "accepted")
    expect(ministry.get_by_test_id("kabkota-34.04")).to_have_attribute("data-status", "none")
    problems += _clean(ministry, "province drill-down")
    ministry.screenshot(path=str(ARTIFACTS / "reports-national-390.png"), full_page=True)
    wide = sessions(viewport=LAPTOP).page
    log_in(wide, "gubernur.diy", instance.demo_password)
    wide.goto("/laporan/")
    problems += describe("report list (governor) @1366px", audit(wide))
    wide.get_by_test_id("reports").get_by_role("link", name="Daerah Istimewa Yogyakarta").click()
    problems += describe("province report @1366px", audit(wide))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
