"""Issue 12's acceptance story in a browser: Kota Bandung (32.73) vs Kabupaten Bandung (32.04) over the
landfill (TPA) tipping fees under their KSDD, in force (example data).

Kota Bandung's cooperation unit registers the dispute; the Governor of Jawa Barat's office (province 32) screens
it, the page showing the rulebook's legal basis (UU 23/2014 Pasal 370(1); PP 28/2018 Pasal 8); the deliberation
rounds fail; the governor's office facilitates (a session, a clarification request answered by Kabupaten
Bandung, a neutral evaluation), decides (with the law's wording, not called final) and orders Kabupaten Bandung
to pay the arrears; the order appears on the agreement's obligations page; Kabupaten Bandung records it
fulfilled, the governor's office confirms it and closes the case. Every page is checked with axe-core, at
390 px and 1366 px. The tests are the steps of one story and run in file order on an installation of their
own (the agreement, users and case they write).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.in_force import LAPTOP, clean, own_installation
from tests.e2e.test_browser_regions import PHONE

pytestmark = pytest.mark.browser

instance, server = own_installation("disputes")

TITLE = "Tunggakan tipping fee TPA Sarimukti (uji peramban)"
WIDTHS = (PHONE, LAPTOP)
story: dict[str, Any] = {}

SETUP = """
from datetime import date
from decimal import Decimal
from kerjasama.accounts import services
from kerjasama.accounts.models import Organisation, User
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.regions.models import Region
made = {}
for code, name, username, role in (
    ("32.73", "Pemerintah Kota Bandung (contoh)", "operator.kotabdg", "operator_kerja_sama"),
    ("32.04", "Pemerintah Kabupaten Bandung (contoh)", "operator.kabbdg", "operator_kerja_sama"),
    ("32", "Biro Pemerintahan Provinsi Jawa Barat (contoh)", "gubernur.jabar", "gubernur"),
):
    org = Organisation.objects.filter(kind="pemda", region_id=code).first() or services.create_organisation(
        actor=SYSTEM, name=name, kind="pemda", region=Region.objects.get(pk=code), is_demo=True)
    services.create_user(actor=SYSTEM, username=username, organisation=org, role=role, password=PASSWORD,
        full_name=name, is_demo=True)
a = register_existing_agreement(
    actor=User.objects.get(username="operator.kotabdg"), type="KSDD", category="wajib",
    title="Pengelolaan sampah regional TPA Sarimukti (contoh)", region_codes=["32.73", "32.04"],
    affairs=["2.11"], justification_externality="Sampah kota dan kabupaten dibuang ke TPA regional.",
    object="Pengelolaan sampah", scope="Pembuangan akhir", value=Decimal("2000000000"), apbd_budgeted=True,
    burdens_public=False, term_start=date(2025, 1, 1), term_end=date(2029, 12, 31), number="PKS/E2E/2025/12",
)
result = a.pk
"""


def _check(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _visit(page: Any, url: str, problems: list[str]) -> None:
    """``url`` at both widths, axe-core and no sideways scroll on the phone; ends at 1366 px."""
    for width in WIDTHS:
        page.set_viewport_size(width)
        page.goto(url)
        problems += clean(page, url, width)


@pytest.fixture(scope="module")
def agreement(instance: Instance) -> int:
    pk: int = instance.python(f"PASSWORD = {instance.demo_password!r}\n" + SETUP)
    return pk


def _case_url() -> str:
    return f"/perselisihan/{story['case']}/"


def _submit(page: Any, testid: str) -> None:
    page.get_by_test_id(testid).locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def test_kota_bandung_registers_the_dispute(sessions: Any, instance: Instance, agreement: int) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=LAPTOP).page
    log_in(page, "operator.kotabdg", instance.demo_password)
    problems: list[str] = []
    _visit(page, "/perselisihan/daftar/", problems)
    form = page.get_by_test_id("dispute-form")
    form.locator("#id_new-title").fill(TITLE)
    form.locator("#id_new-kind").select_option("KSDD")
    form.locator("#id_new-sector").select_option("pelayanan_publik")
    form.locator("input[name='new-causes'][value='pembiayaan']").check()
    form.locator("input[name='new-causes'][value='tarif']").check()
    form.locator("#id_new-claims").fill("Tipping fee triwulan I-II 2026 belum dibayar Kabupaten Bandung.")
    form.locator("#id_new-claimant").fill("32.73")
    form.locator("#id_new-respondent").fill("32.04")
    form.locator("#id_new-agreement").fill(str(agreement))
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/daftar/" not in url)
    story["case"] = int(page.url.rstrip("/").split("/")[-1])
    expect(page.get_by_test_id("stage")).to_have_attribute("data-stage", "didaftarkan")
    expect(page.get_by_test_id("proposed")).to_contain_text("Jawa Barat")
    _visit(page, _case_url(), problems)
    _check(problems)


def test_the_governors_office_screens_it_with_the_legal_basis(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=PHONE).page
    log_in(page, "gubernur.jabar", instance.demo_password)
    problems: list[str] = []
    _visit(page, _case_url(), problems)
    expect(page.get_by_test_id("proposed")).to_contain_text("Pasal 370(1)")
    expect(page.get_by_test_id("proposed")).to_contain_text("PP 28/2018 Pasal 8")
    page.locator("#id_screen-outcome").select_option("diterima")
    _submit(page, "screen-form")
    expect(page.get_by_test_id("stage")).to_have_attribute("data-stage", "musyawarah")
    _visit(page, _case_url(), problems)
    _check(problems)


def test_the_deliberation_rounds_fail(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=LAPTOP).page
    log_in(page, "operator.kotabdg", instance.demo_password)
    problems: list[str] = []
    for n in (1, 2):
        page.goto(_case_url())
        page.locator("#id_round-meeting_date").fill(date.today().isoformat())
        page.locator("#id_round-minutes").fill(
            f"Putaran {n}: Kabupaten Bandung meminta peninjauan tarif dulu."
        )
        page.locator("#id_round-issues").fill("Besaran tunggakan\nPeninjauan tarif")
        _submit(page, "round-form")
        expect(page.get_by_test_id(f"round-{n}")).to_be_visible()
    page.locator("#id_close-reason").fill("Dua putaran tanpa kesepakatan tentang besaran tunggakan.")
    page.get_by_test_id("close-form").get_by_role("button", name="Musyawarah gagal").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("stage")).to_have_attribute("data-stage", "fasilitasi")
    _visit(page, _case_url(), problems)
    _check(problems)


def test_the_governors_office_facilitates(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    governor = sessions(viewport=LAPTOP).page
    log_in(governor, "gubernur.jabar", instance.demo_password)
    problems: list[str] = []
    governor.goto(_case_url())
    expect(governor.get_by_test_id("sla")).to_contain_text("sisa")
    governor.locator("#id_session-session_date").fill(date.today().isoformat())
    governor.locator("#id_session-summary").fill("Para pihak memaparkan posisi; Biro Pemerintahan menengahi.")
    attended = governor.get_by_test_id("session-form").locator("input[name^='session-attended_']")
    attended.nth(0).fill("Kabag Kerja Sama Kota Bandung")
    attended.nth(1).fill("Kadis LH Kabupaten Bandung")
    _submit(governor, "session-form")
    expect(governor.get_by_test_id("session-1")).to_be_visible()
    form = governor.get_by_test_id("clarification-form")
    form.locator("#id_ask-party").select_option(index=1)  # the respondent, Kabupaten Bandung
    form.locator("#id_ask-question").fill("Rincian pembayaran tipping fee 2026 per triwulan?")
    form.locator("#id_ask-due_date").fill((date.today() + timedelta(days=7)).isoformat())
    _submit(governor, "clarification-form")
    expect(governor.get_by_test_id("clarifications")).to_contain_text("Rincian pembayaran")
    _visit(governor, _case_url(), problems)

    respondent = sessions(viewport=PHONE).page
    log_in(respondent, "operator.kabbdg", instance.demo_password)
    respondent.goto(_case_url())
    answer = respondent.get_by_test_id("clarifications").locator("form")
    answer.locator("textarea").fill("Triwulan I dan II 2026 belum dibayar menunggu APBD-P.")
    answer.locator("button[type=submit]").click()
    respondent.wait_for_load_state()
    expect(respondent.get_by_test_id("clarifications")).to_contain_text("menunggu APBD-P")
    _visit(respondent, _case_url(), problems)

    governor.goto(_case_url())
    governor.locator("#id_eval-evaluation").fill("Tunggakan diakui; tarif dapat ditinjau terpisah.")
    _submit(governor, "evaluation-form")
    expect(governor.get_by_test_id("evaluation")).to_contain_text("Tunggakan diakui")
    governor.locator("#id_end-reason").fill("Fasilitasi tidak menghasilkan kesepakatan pembayaran.")
    _submit(governor, "end-facilitation-form")
    expect(governor.get_by_test_id("stage")).to_have_attribute("data-stage", "keputusan")
    _check(problems)


def test_the_governor_decides_and_orders_kabupaten_bandung(
    sessions: Any, instance: Instance, agreement: int, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    from kerjasama.documents.tests.samples import pdf_bytes

    pdf = tmp_path / "keputusan-gubernur.pdf"
    pdf.write_bytes(pdf_bytes("Keputusan Gubernur Jawa Barat"))
    page = sessions(viewport=LAPTOP).page
    log_in(page, "gubernur.jabar", instance.demo_password)
    problems: list[str] = []
    page.goto(_case_url())
    form = page.get_by_test_id("decision-form")
    form.locator("#id_decision-number").fill("188/Kep.12-Pem/2026")
    form.locator("#id_decision-decision_date").fill(date.today().isoformat())
    form.locator("#id_decision-text").fill(
        "Kabupaten Bandung membayar tunggakan tipping fee triwulan I-II 2026."
    )
    form.locator("#id_decision-file").set_input_files(str(pdf))
    form.locator("#id_decision-order_1_party").select_option(index=2)  # "—", Kota, Kabupaten
    form.locator("#id_decision-order_1_action").fill("Membayar tunggakan tipping fee triwulan I-II 2026")
    form.locator("#id_decision-order_1_due").fill((date.today() + timedelta(days=30)).isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("stage")).to_have_attribute("data-stage", "pelaksanaan")
    status = page.get_by_test_id("decision-status")
    expect(status).to_contain_text("tidak menyatakannya bersifat final")
    expect(status).not_to_contain_text("Final —")
    expect(page.get_by_test_id("order-status-0")).to_have_attribute("data-status", "open")
    _visit(page, _case_url(), problems)
    # The order is an obligation of Kabupaten Bandung on the agreement in force.
    _visit(page, f"/kerja-sama/{agreement}/kewajiban/", problems)
    expect(page.locator("main")).to_contain_text("Membayar tunggakan tipping fee")
    _check(problems)


def test_the_order_is_fulfilled_confirmed_and_the_case_closed(sessions: Any, instance: Instance) -> None:
    from playwright.sync_api import expect

    respondent = sessions(viewport=PHONE).page
    log_in(respondent, "operator.kabbdg", instance.demo_password)
    problems: list[str] = []
    respondent.goto(_case_url())
    fulfil = respondent.get_by_test_id("fulfil-form-0")
    fulfil.locator("textarea").fill("Dibayar lunas melalui SP2D 0412/2026.")
    fulfil.locator("button[type=submit]").click()
    respondent.wait_for_load_state()
    expect(respondent.get_by_test_id("order-status-0")).to_have_attribute("data-status", "fulfilled")
    _visit(respondent, _case_url(), problems)

    governor = sessions(viewport=LAPTOP).page
    log_in(governor, "gubernur.jabar", instance.demo_password)
    governor.goto(_case_url())
    governor.get_by_test_id("confirm-order-0").click()
    governor.wait_for_load_state()
    expect(governor.get_by_test_id("order-status-0")).to_contain_text("dikonfirmasi")
    governor.locator("#close-note").fill("Keputusan dilaksanakan sepenuhnya.")
    _submit(governor, "close-case-form")
    expect(governor.get_by_test_id("stage")).to_have_attribute("data-stage", "selesai")
    _visit(governor, _case_url(), problems)
    _visit(governor, "/perselisihan/", problems)
    stored = instance.python(
        "from kerjasama.disputes.models import Dispute\n"
        f"d = Dispute.objects.get(pk={story['case']})\n"
        "o = d.orders.get()\n"
        "result = [d.stage, d.resolver, d.resolver_region_id, d.decision_final, o.status, "
        "o.obligation.dues.get().status]"
    )
    assert stored == ["selesai", "gubernur", "32", False, "fulfilled", "fulfilled"], stored
    _check(problems)


def test_the_decision_amends_the_agreement_and_the_agreement_shows_it(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    """The outcome feeds the agreement (issue 12 item 4): the governor's office records the addendum the decision
    calls for; the agreement's amendments show it, arising from the dispute, and the agreement page lists the
    dispute among its related ones."""
    from playwright.sync_api import expect

    page = sessions(viewport=LAPTOP).page
    log_in(page, "gubernur.jabar", instance.demo_password)
    problems: list[str] = []
    url = f"{_case_url()}hasil/"
    page.goto(url)
    form = page.get_by_test_id("outcome-form")
    form.locator("#id_kind").select_option("adendum")
    form.locator("#id_title").fill("Adendum I: jadwal pembayaran tipping fee triwulanan")
    form.locator("#id_signed_on").fill(date.today().isoformat())
    form.locator("#id_effective_from").fill(date.today().isoformat())
    form.locator("#id_number").fill("PKS/E2E/2025/12/ADD-1")
    form.locator("#id_new_scope").fill(
        "Pembuangan akhir; pembayaran tipping fee paling lambat tanggal 10 tiap triwulan"
    )
    form.locator("#id_note").fill("Melaksanakan Keputusan Gubernur 188/Kep.12-Pem/2026.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Adendum I: jadwal pembayaran tipping fee triwulanan")
    _visit(page, url, problems)

    unit = sessions(viewport=PHONE).page
    log_in(unit, "operator.kotabdg", instance.demo_password)
    _visit(unit, f"/kerja-sama/{agreement}/adendum/", problems)
    expect(unit.locator("main")).to_contain_text("Adendum I: jadwal pembayaran tipping fee triwulanan")
    expect(unit.get_by_test_id("dispute-origin").first).to_contain_text(TITLE)
    _visit(unit, f"/kerja-sama/{agreement}/", problems)
    expect(unit.locator("main")).to_contain_text(TITLE)
    stored = instance.python(
        "from kerjasama.disputes.models import DisputeOutcome\n"
        f"o = DisputeOutcome.objects.get(dispute_id={story['case']})\n"
        "result = [o.kind, o.amendment.agreement_id, o.amendment.changes]"
    )
    assert stored[:2] == ["adendum", agreement], stored
    _check(problems)
