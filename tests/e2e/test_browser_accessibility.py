"""Accessibility of every page of the site (issue 9, section 8; WCAG 2.1 AA, UU 8/2016 on disability rights).

axe-core (pinned, served from the test environment) audits each page at laptop and phone width as the personas
who use it; no serious or critical violation may remain. At phone width the page must not scroll sideways and
the main menu must open from the keyboard. Django's own admin is out of scope (it is for system administrators
and ships its own accessibility work); the pages of the site itself are all listed here, and a test checks that
the list keeps up with the URL configuration.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

#: Pages anyone may open.
PUBLIC_PAGES = [
    "/",
    "/wilayah/",
    "/wilayah/34.71/",
    "/urusan/",
    "/urusan/1.03/",
    "/periksa/",
    "/aturan/",
    "/masuk/",
    "/masuk/sso/belum-ditautkan/",  # single sign-on: "your account is not linked yet" (issue 15 item 5)
    "/halaman-yang-tidak-ada/",  # the 404 page (NOT_FOUND)
    # The public register (issue 13 item 3): the list, a region's page and the example agreement the demo
    # publishes (oversight/demo.py: the Kota Semarang–Kabupaten Semarang agreement in force, value withheld).
    "/daftar-kerja-sama/",
    "/daftar-kerja-sama/wilayah/33.74/",
    "/daftar-kerja-sama/10/",
    # The open-data package's page (issue 13 item 4).
    "/data-terbuka/",
    # The public map and network of published cooperation (issue 13 item 2).
    "/daftar-kerja-sama/peta/",
    "/daftar-kerja-sama/jaringan/",
    # The public verification of a signed document by upload (issue 15 item 4).
    "/verifikasi/",
]
#: Pages of a signed-in official, visited as the cooperation unit of Kota Yogyakarta.
OFFICIAL_PAGES = [
    "/",
    "/pemetaan/",
    "/pemetaan/34.71/",
    "/pemetaan/34.71/identifikasi/1.01/",  # the form of a new identification
    "/pemetaan/34.71/identifikasi/1.03/lihat/",  # a published one (example data)
    "/notifikasi/",
    "/akun/profil/",
    "/akun/kata-sandi/",
    "/akun/organisasi/",
    # The TKKSD of Kota Yogyakarta (demo team, DATA CONTOH): its page and the forms of its cooperation unit. The
    # demo loads Yogyakarta's team first, so its held meeting is meeting 1 of a fresh installation.
    "/tkksd/34.71/",
    "/tkksd/34.71/sk/baru/",
    "/tkksd/34.71/anggota/baru/",
    "/tkksd/34.71/rapat/baru/",
    "/tkksd/34.71/rapat/1/",
    # The import of the register of existing agreements (its form; the row report is the same page).
    "/kerja-sama/impor/",
    # The agreements (issue 10): the list, the proposal form and the detail of the demo's first example
    # agreement (agreements/demo.py, a proposal of Kota Yogyakarta; the browser path test audits the record it
    # builds as well).
    "/kerja-sama/",
    "/kerja-sama/baru/",
    "/kerja-sama/1/",
    # The lifecycle pages of the same record (issue 11): amendments and lineage, settlement and end (the forms
    # of an agreement in force are audited by test_browser_lifecycle.py).
    "/kerja-sama/1/adendum/",
    "/kerja-sama/1/pengakhiran/",
    # The publication consent of the same record (issue 13 item 3): its state and Kota Yogyakarta's form.
    "/kerja-sama/1/publikasi/",
    # The periodic reports upward (issue 11 item 7): the list with the form that drafts Kota Yogyakarta's report.
    "/laporan/",  # The dispute cases (issue 12): the confidential list (empty in the demo) and the registration form.
    "/perselisihan/",
    "/perselisihan/daftar/",
    # The dispute statistics (issue 12 item 7): aggregate counts, shown to every signed-in official.
    "/perselisihan/statistik/",
    # The data-quality score of Kota Yogyakarta with what to fix (issue 13 item 5).
    "/pengawasan/kualitas/wilayah/34.71/",
    # The early warning (issue 12 items 5 and 9): the at-risk dashboard and the thresholds in force.
    "/perselisihan/risiko/",
    "/perselisihan/risiko/ambang/",
    # The cooperation unit's oversight dashboard of its own region (issue 13 item 1).
    "/pengawasan/wilayah/34.71/",
    # The official letters of the demo's first agreement (issue 15): the list with the form that drafts one.
    "/kerja-sama/1/surat/",
    # The region's letters and its letterhead and classification page (issue 15 item 1, the cooperation unit).
    "/surat/",
    "/surat/kop/",
]
#: Pages only some roles reach: the TKKSD's view of the region, the governor's province, the ministry's trail.
ROLE_PAGES = {
    "tkksd.yogya": [
        "/",
        "/pemetaan/34.71/",
        "/pemetaan/34.71/identifikasi/1.03/lihat/",
        "/tkksd/34.71/",
        "/tkksd/34.71/rapat/1/",
    ],
    "gubernur.diy": [
        "/",
        "/pemetaan/provinsi/34/",
        "/tkksd/34.04/",
        "/kerja-sama/",
        "/laporan/",
        "/laporan/provinsi/34/",
        "/perselisihan/statistik/provinsi/34/",
        "/pengawasan/kualitas/provinsi/34/",
        "/pengawasan/provinsi/34/",
        "/pengawasan/laporan-tahunan/",
        "/pengawasan/peta/",
        "/pengawasan/jaringan/",
    ],
    "kemendagri": [
        "/",
        "/pemetaan/",
        "/akun/audit/",
        "/laporan/",
        "/perselisihan/statistik/provinsi/34/",
        "/pengawasan/kualitas/nasional/",
        "/pengawasan/nasional/",
        "/pengawasan/laporan-tahunan/",
        "/pengawasan/peta/?tingkat=provinsi&ukuran=mapping",
        "/pengawasan/jaringan/",
        # Personal data (UU 27/2022): the register, the request queue and the breach log with the demo's example
        # request and breach (privacy/demo.py).
        "/privasi/",
        "/privasi/permintaan/",
        "/privasi/permintaan/1/",
        "/privasi/insiden/",
        "/privasi/insiden/1/",
    ],
    # The obligations of the demo's agreement in force (obligations/demo.py: agreement 10, Kota Semarang and
    # Kabupaten Semarang, from the register), as Kota Semarang's cooperation unit.
    "operator.semarang": [
        "/kerja-sama/10/kewajiban/",
        "/kerja-sama/10/publikasi/",
        # The early warning of the same agreement in force (its risk, its event log and form).
        "/perselisihan/risiko/kerja-sama/10/",
    ],
}


NOT_FOUND = "/halaman-yang-tidak-ada/"


def _audit_pages(session: Any, pages: list[str], width: dict[str, int], tag: str) -> list[str]:
    page = session.page
    problems: list[str] = []
    page.on("response", lambda r: r.status >= 400 and session.errors.append(f"HTTP {r.status} {r.url}"))
    for url in pages:
        errors_before = len(session.errors)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if url == NOT_FOUND:  # the browser logs the deliberate 404 as a console error
            del session.errors[errors_before:]
        elif len(session.errors) > errors_before:
            problems.append(f"{url}: errors in the page: {session.errors[errors_before:]}")
        problems += describe(f"{url} @{width['width']}px", audit(page))
        if width["width"] <= PHONE["width"]:
            scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                problems.append(f"{url} @{width['width']}px scrolls sideways: {scroll} > {inner}")
        else:
            # On a laptop every data table lays out as a table: a layout class (e.g. a flex column) on it once
            # left the agreement list's header row out of line with its rows.
            broken = page.evaluate(
                "() => [...document.querySelectorAll('table')].filter(t => getComputedStyle(t).display !== 'table')"
                ".map(t => t.dataset.testid || t.className || 'table')"
            )
            if broken:
                problems.append(f"{url} @{width['width']}px: tables not laid out as tables: {broken}")
        name = url.strip("/").replace("/", "_") or "home"
        page.screenshot(path=str(ARTIFACTS / f"a11y-{tag}-{name}-{width['width']}.png"), full_page=True)
    return problems


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_every_page_passes_axe_core(sessions: Any, instance: Instance, viewport: dict[str, int]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    session = sessions(viewport=viewport)
    problems += _audit_pages(session, PUBLIC_PAGES, viewport, "public")
    log_in(session.page, "operator.yogya", instance.demo_password)
    problems += _audit_pages(session, OFFICIAL_PAGES, viewport, "operator")
    for username, pages in ROLE_PAGES.items():
        user_session = sessions(viewport=viewport)
        log_in(user_session.page, username, instance.demo_password)
        problems += _audit_pages(user_session, pages, viewport, username)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_menu_opens_from_the_keyboard_at_phone_width(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Pemetaan")).to_be_hidden()
    # Tab from the top of the page: skip link, brand, then the menu button.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-controls')") == "main-nav":
            break
    else:
        pytest.fail("the menu button cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    link = page.get_by_role("link", name="Pemetaan")
    expect(link).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#main-nav a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(link).to_be_hidden()


def test_the_page_list_covers_every_page_of_the_site() -> None:
    """A new page must join the audit: every non-admin, non-API URL pattern without a parameter that changes
    the page's kind is matched by one of the audited addresses (or is listed here with the reason)."""
    import django

    django.setup()
    from django.urls import Resolver404, get_resolver, resolve

    audited = set(PUBLIC_PAGES + OFFICIAL_PAGES + [p for pages in ROLE_PAGES.values() for p in pages])
    seen = set()
    for url in audited:
        try:
            seen.add(resolve(url).view_name)
        except Resolver404:
            seen.add("404")
    # Views that answer files, redirects or POST only, or pages not reachable with the demo data yet.
    not_pages = {
        "logout",
        "set_language",
        "accounts:token_create",
        "accounts:token_revoke",
        "mapping:export",
        "mapping:profile_template",
        "mapping:profile_upload",
        "mapping:profile_value",
        "mapping:identification_action",
        "mapping:national_run",
        "notifications:open",
        "notifications:mark_read",
        "notifications:mark_all_read",
        "notifications:preferences",
        "documents:version_upload",
        "documents:download",
        # The demo holds no document and no sent notification yet, and an organisation's page needs its id.
        "documents:detail",
        "notifications:sent_log",
        "accounts:organisation",
        # The TKKSD's POST-only steps (each answers a redirect, or the meeting page audited above).
        "tkksd:decree_end",
        "tkksd:member_remove",
        "tkksd:meeting_hold",
        "tkksd:decision_new",
        # The register template (an XLSX download).
        "agreements_import:template",
        # The agreements: the XLSX export and the POST-only steps.
        "agreements:export",
        "agreements:upload",
        "agreements:action",
        # The public register's PKS file is a download (oversight/tests/test_public.py checks it).
        "oversight:register_pks",
        # The data-quality rankings as XLSX (oversight/tests/test_quality_pages.py), and the landing redirect.
        "oversight:quality_national_xlsx",
        "oversight:quality_province_xlsx",
        "oversight:quality",
        # The open-data package's files and zip are downloads (oversight/tests/test_opendata.py checks them).
        "oversight:open_data_file",
        "oversight:open_data_zip",
        # The health and readiness probes answer JSON, not pages (core/tests/test_health.py).
        "healthz",
        "readyz",
        # Monev (issue 11): its pages need a period and a party of the demo; tests/e2e/test_browser_monev.py audits
        # them (ids from the demo's deadlines). The XLSX export and the POST-only step are not pages.
        "monev:agreement",
        "monev:self_assessment",
        "monev:tkksd_evaluation",
        "monev:governor_evaluation",
        "monev:export",
        "monev:open_periods",
        # The lifecycle's POST-only steps (each answers a redirect to a page audited above).
        "lifecycle:extension",
        "lifecycle:settlement_item",
        # The obligations: the XLSX export and the POST-only steps on an occurrence.
        "obligations:export",
        "obligations:due_action",
        # The disputes: the demo holds no dispute (a case's page needs one), and the steps on a case are POST-only.
        "disputes:detail",
        "disputes:step",
        # The dispute statistics' downloads (XLSX, the annual PDF) are files; a case's lessons page needs a case
        # (disputes/tests/test_stats_pages.py renders it).
        "disputes:stats_xlsx",
        "disputes:stats_province_xlsx",
        "disputes:stats_pdf",
        "disputes:lessons",
        # The early warning: the XLSX export of the at-risk list and the POST-only risk event step.
        "disputes:risk_export",
        "disputes:risk_event",
        # A case's outcome page (issue 12 item 4) needs a settled or decided case, which the demo does not hold:
        # disputes/tests/test_outcome_pages.py checks it per role (not audited by axe yet).
        "disputes:outcomes",
        # The deadlines: the ICS feed is a calendar file, not a page; creating and revoking its address are
        # POST-only steps of the notifications inbox (audited above, where the section lives); the page that
        # shows a new address once is the answer to that POST (not audited by axe yet).
        "deadlines:calendar_feed",
        "deadlines:calendar_create",
        "deadlines:calendar_revoke",
        # The reports: the demo holds no report, so a report's page is audited by test_browser_reports.py on its
        # own installation; the downloads and the POST-only steps are not pages.
        "reports:detail",
        "reports:xlsx",
        "reports:pdf",
        "reports:generate",
        "reports:act",
        # The dashboards' landing redirect and their XLSX downloads (oversight/tests/test_dashboard.py).
        "oversight:dashboard",
        "oversight:dashboard_xlsx",
        # The annual reports' progress (JSON for the page's poll) and their PDF/XLSX downloads (issue 13 item 6;
        # oversight/tests/test_annual_reports.py); the list page itself is audited above.
        "oversight:annual_report_status",
        "oversight:annual_report_download",
        # The oversight maps' XLSX downloads (issue 13 item 2) are files, not pages.
        "oversight:map_xlsx",
        "oversight:public_map_xlsx",
        # The letters: the demo holds no letter, so a letter's page is audited by test_browser_letters.py on its
        # own installation (axe-core at 1366 and 390 px); the PDF is a file and the steps are POST-only.
        "letters:detail",
        "letters:pdf",
        "letters:finalise",
        "letters:new_version",
        # Single sign-on (issue 15 item 5): redirects to and from the identity provider, not pages.
        "sso_start",
        "sso_callback",
        # The region's letters drafted from a TKKSD meeting, a report or a dispute: the demo holds none, so a
        # letter's page is audited by test_browser_letters.py (axe-core at 1366 and 390 px); the PDF is a file,
        # the "Buat surat" steps posted from the subject's page and the letter's steps are POST-only.
        "region_letters:detail",
        "region_letters:pdf",
        "region_letters:finalise",
        "region_letters:new_version",
        "region_letters:draft_meeting",
        "region_letters:draft_report",
        "region_letters:draft_dispute",
        "region_letters:sign",
        "region_letters:srikandi",
        # An agreement's budget lines (issue 15 item 7): POST steps; the lines are on the agreement's page.
        "agreements:budget_add",
        "agreements:budget_remove",
        # Signing and the SRIKANDI bundle (issue 15 items 3-4): POST-only steps and ZIP downloads; a document's
        # verification page needs a signed letter, which the demo does not hold: test_browser_signing.py audits it
        # (axe-core at 1366 and 390 px) on its own installation.
        "letters:sign",
        "letters:srikandi",
        "letters:srikandi_set",
        "signing:verify_token",
        # The Prometheus scrape endpoint (issue 14 item 8) answers plain text to a monitoring server, not a page.
        "metrics",
        # Personal data (UU 27/2022): the register's exports, the letters (PDF) and the access export are files
        # (privacy/tests/test_requests_and_breaches.py checks them).
        "privacy:register_json",
        "privacy:register_xlsx",
        "privacy:request_letter",
        "privacy:request_export_json",
        "privacy:request_export_pdf",
        "privacy:breach_letter",
    }
    missing = []
    for name in _view_names(get_resolver()):
        if name and name not in seen and name not in not_pages and not name.startswith(("admin:", "api-")):
            missing.append(name)
    assert missing == [], f"pages not audited by axe-core: {missing}"


def _view_names(resolver: Any, namespace: str = "") -> list[str]:
    from django.urls import URLPattern, URLResolver

    names: list[str] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or str(entry.pattern).startswith("api/"):
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += _view_names(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{namespace}{entry.name}")
    return names


def test_the_plan_checker_is_not_a_tab_maze(sessions: Any) -> None:
    """The map's dots are a pointer shortcut only, so the submit button is reached by Tab through the form's own
    fields (about 60 of them), not through 546 dots (611 presses before the fix)."""
    page = sessions(viewport=LAPTOP).page
    page.goto("/periksa/")
    page.wait_for_load_state("networkidle")
    presses = 0
    while not page.evaluate("() => document.activeElement.matches('form button[type=submit]')"):
        presses += 1
        if presses >= 200:
            pytest.fail("the plan checker's submit button was not reached in 200 Tab presses")
        page.keyboard.press("Tab")
    assert presses < 120, presses
