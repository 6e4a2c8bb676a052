"""Issue 11's acceptance story in a browser: the Yogyakarta-Sleman waste agreement in force.

A monthly tipping fee (*tipping fee* for the Sleman landfill) owed by Kota Yogyakarta is recorded in the
browser, goes late and walks the escalation ladder (``kerjasama remind``: a reminder to the owner, then the
escalation to the head of its cooperation unit); Kota Yogyakarta records the payment with its evidence and
Sleman confirms it; both parties assess
Semester I 2026, their TKKSDs evaluate it with a rating and DIY's governor's office evaluates it (PP 28/2018
Pasal 44(5) with PP 12/2017 Pasal 24); the extension, proposed in the browser and walked through the full
procedure (REGULATIONS.md §1.6, R19), moves the expiry reminders: the old 90-day reminder never fires and the
new end date has its own; finally Kota Yogyakarta's Semester I 2026 report, generated from all of the above, goes
to DIY's governor's office and, consolidated, to the ministry.

The tests are the steps of one story and run in file order on an installation of its own (the agreement in
force changes what the shared installation's mapping and register tests read). Obligation and monev pages
are used at phone width (390 px), the rest at 1366 px; every page passes axe-core and, on the phone, never
scrolls sideways. Dates of ``kerjasama remind`` are given with ``--today``; the pages run on the real clock.
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.in_force import LAPTOP, clean, own_installation, waste_agreement_in_force
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

instance, server = own_installation("in-force")

TERM_START, TERM_END = date(2026, 1, 1), date(2030, 12, 31)
FIRST_DUE = date(2026, 1, 10)
#: The escalation ladder's default (``KERJASAMA_OBLIGATION_ESCALATION_DAYS`` = 0, 7, 30 days late).
REMINDED = FIRST_DUE + timedelta(days=1)
ESCALATED = FIRST_DUE + timedelta(days=7)
#: The old term end is inside the planning horizon (``KERJASAMA_DEADLINE_HORIZON_DAYS``, 400): its expiry
#: reminders (``KERJASAMA_DEADLINE_EXPIRY_LEADS``, 180/90/30 days) are planned on this day.
PLANNED = date(2030, 6, 1)
NINETY_DAYS_BEFORE = TERM_END - timedelta(days=90)
NEW_END = date(2035, 12, 31)
NEW_PLANNED = date(2035, 6, 1)
TITLE = "Pengelolaan sampah Yogyakarta-Sleman (uji cerita berlaku)"
FEE = "Tipping fee TPA Piyungan bulanan (uji peramban)"
#: How many times a page is reloaded while the worker delivers a notification (once a second).
NOTICE_TRIES = 30

#: What the steps learn and the later steps read (the story runs in file order).
story: dict[str, Any] = {}


def _check(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _remind(instance: Instance, day: date) -> dict[str, Any]:
    summary: dict[str, Any] = instance.json("remind", "--today", day.isoformat())
    return summary


def _shows(page: Any, url: str, text: str) -> None:
    """Reload ``url`` until ``text`` is on it: in-app notifications are delivered by the worker beside the
    server from the outbox ``notify`` writes, a moment after the command committed."""
    for _ in range(NOTICE_TRIES):
        page.goto(url)
        if text in page.locator("main").inner_text():
            return
        time.sleep(1)
    pytest.fail(f"{url} never showed {text!r}", pytrace=False)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"in-force-{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def agreement(instance: Instance) -> int:
    """Step 1: the waste agreement in force for five years from 2026-01-01 (registered through services)."""
    pk: int = instance.python(
        waste_agreement_in_force(
            title=TITLE, number="PKS/E2E/2026/11", term_start=TERM_START, term_end=TERM_END
        )
    )
    story["parties"] = instance.python(
        "from kerjasama.agreements.models import AgreementParty\n"
        f"result = {{p.region_id: p.pk for p in AgreementParty.objects.filter(agreement_id={pk})}}"
    )
    return pk


def test_it_records_the_monthly_tipping_fee_in_the_browser_at_phone_width(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    from playwright.sync_api import expect

    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)
    url = f"/kerja-sama/{agreement}/kewajiban/"
    page.goto(url)
    problems = clean(page, url, PHONE)
    form = page.get_by_test_id("obligation-form")
    form.locator("#id_new-party").select_option(str(story["parties"]["34.71"]))
    form.locator("#id_new-title").fill(FEE)
    form.locator("#id_new-kind").select_option("payment")
    # Typed as an Indonesian types it: dots group thousands, the comma is the decimal mark.
    form.locator("#id_new-amount").fill("12.500.000,50")
    form.locator("#id_new-recurrence").select_option("monthly")
    form.locator("#id_new-first_due").fill(FIRST_DUE.isoformat())
    form.locator("#id_new-owner_unit").fill("Dinas Lingkungan Hidup Kota Yogyakarta")
    form.locator("#id_new-source_clause").fill("Pasal 7 PKS: kompensasi pengelolaan sampah per bulan")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("outcome")).to_contain_text(FEE)
    expect(page.locator("main")).to_contain_text("Rp 12.500.000,50")
    problems += clean(page, url, PHONE)
    _shot(page, "obligation-390")
    stored = instance.python(
        "from kerjasama.obligations.models import Obligation\n"
        f"o = Obligation.objects.get(agreement_id={agreement}, title={FEE!r})\n"
        "d = o.dues.order_by('due_date').first()\n"
        "result = [o.pk, str(o.amount), o.recurrence, d.pk, d.due_date.isoformat(), d.status]"
    )
    assert Decimal(stored[1]) == Decimal("12500000.50") and stored[2] == "monthly", stored
    assert stored[4:] == [FIRST_DUE.isoformat(), "pending"]
    story["obligation"], story["due"] = stored[0], stored[3]
    _check(problems)


def test_the_late_fee_reminds_the_owner_then_escalates_and_nothing_is_sent_twice(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    from playwright.sync_api import expect

    # Kota Yogyakarta's Kepala Bagian Kerja Sama (a head of unit, ``is_unit_head``) receives the escalation.
    instance.python(
        "from kerjasama.accounts import services\n"
        "from kerjasama.accounts.models import User\n"
        "from kerjasama.core.actors import SYSTEM\n"
        "unit = User.objects.get(username='operator.yogya').organisation\n"
        "result = services.create_user(actor=SYSTEM, username='kabag.yogya', organisation=unit,\n"
        f"    role='operator_kerja_sama', password={instance.demo_password!r}, is_unit_head=True,\n"
        "    full_name='Kepala Bagian Kerja Sama Kota Yogyakarta (contoh)', is_demo=True).pk"
    )
    first = _remind(instance, REMINDED)
    ladder = first["steps"]["escalations"]
    assert ladder["marked_late"] == 1 and ladder["escalations_by_level"]["reminder"] == 1, first
    assert ladder["escalations_by_level"]["escalation"] == 0, first

    second = _remind(instance, ESCALATED)
    ladder = second["steps"]["escalations"]
    assert ladder["escalations_by_level"] == {"reminder": 0, "escalation": 1, "partner_governor": 0}, second
    assert second["escalations"] == 1

    again = _remind(instance, ESCALATED)
    assert again["sent"] == 0 and again["escalations"] == 0 and again["created"] == 0, again
    assert again["already_sent"] == second["already_sent"] + second["sent"], (second, again)
    recorded = instance.python(
        "from kerjasama.obligations.models import DueEscalation\n"
        f"rows = DueEscalation.objects.filter(due_id={story['due']}).order_by('level')\n"
        "result = [[r.level, r.on_date.isoformat()] for r in rows]"
    )
    assert recorded == [[0, REMINDED.isoformat()], [1, ESCALATED.isoformat()]], recorded

    head = sessions(viewport=LAPTOP).page
    log_in(head, "kabag.yogya", instance.demo_password)
    _shows(head, "/notifikasi/", "ESKALASI")
    expect(head.locator("main")).not_to_contain_text("kewajiban terlambat: pengingat")
    problems = clean(head, "/notifikasi/", LAPTOP)
    _shot(head, "notifications-head-1366")

    page = sessions(viewport=LAPTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    # The owner's cooperation unit gets the reminder; the escalation went to its head, not to it.
    _shows(page, "/notifikasi/", "kewajiban terlambat: pengingat")
    expect(page.locator("main")).not_to_contain_text("ESKALASI")
    problems += clean(page, "/notifikasi/", LAPTOP)
    _shot(page, "notifications-1366")
    page.goto("/")
    expect(page.get_by_test_id("my-deadlines")).to_contain_text(FEE)
    problems += clean(page, "/", LAPTOP)

    phone = sessions(viewport=PHONE).page
    log_in(phone, "operator.yogya", instance.demo_password)
    url = f"/kerja-sama/{agreement}/kewajiban/"
    phone.goto(url)
    row = phone.get_by_test_id(f"due-{story['due']}")
    expect(row).to_have_attribute("data-status", "late")
    expect(row.get_by_test_id("escalation")).to_be_visible()
    problems += clean(phone, url, PHONE)
    _check(problems)


def test_yogyakarta_pays_with_evidence_and_sleman_confirms_at_phone_width(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    from playwright.sync_api import expect

    url = f"/kerja-sama/{agreement}/kewajiban/"
    due = story["due"]
    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto(url)
    row = page.get_by_test_id(f"due-{due}")
    row.locator("summary").first.click()
    form = page.get_by_test_id(f"fulfil-{due}")
    form.locator(f"#d{due}_fulfil-fulfilled_on").fill(ESCALATED.isoformat())
    form.locator(f"#d{due}_fulfil-note").fill("Transfer SP2D 900/123 tanggal 17-01-2026")
    form.locator(f"#d{due}_fulfil-evidence").set_input_files(
        files=[{"name": "bukti-transfer.pdf", "mimeType": "application/pdf", "buffer": _tiny_pdf()}]
    )
    problems = clean(page, url, PHONE)
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("outcome")).to_have_attribute("role", "status")
    expect(page.get_by_test_id(f"due-{due}")).to_have_attribute("data-status", "fulfilled")
    expect(page.get_by_test_id(f"due-{due}").get_by_role("link", name="bukti")).to_be_visible()
    problems += clean(page, url, PHONE)

    sleman = sessions(viewport=PHONE).page
    log_in(sleman, "operator.sleman", instance.demo_password)
    sleman.goto(url)
    row = sleman.get_by_test_id(f"due-{due}")
    row.locator("summary").first.click()
    answer = sleman.get_by_test_id(f"answer-{due}")
    answer.locator(f"#d{due}_answer-note").fill("Dana diterima di kas daerah Sleman")
    problems += clean(sleman, url, PHONE)
    answer.locator("button[type=submit]").first.click()
    expect(sleman.get_by_test_id("outcome")).to_have_attribute("role", "status")
    row = sleman.get_by_test_id(f"due-{due}")
    expect(row).to_have_attribute("data-status", "fulfilled")
    expect(row.get_by_test_id("confirmation")).to_contain_text("Sleman")
    problems += clean(sleman, url, PHONE)
    _shot(sleman, "obligation-confirmed-390")
    stored = instance.python(
        "from kerjasama.obligations.models import ObligationDue\n"
        f"d = ObligationDue.objects.get(pk={due})\n"
        "c = list(d.confirmations.values_list('party__region_id', 'outcome'))\n"
        "result = [d.status, d.fulfilled_on.isoformat(), d.evidence.kind if d.evidence_id else None, c]"
    )
    assert stored == ["fulfilled", ESCALATED.isoformat(), "bukti", [["34.04", "confirmed"]]], stored
    _check(problems)


def _tiny_pdf() -> bytes:
    """A one-page PDF small enough to type (the evidence of the transfer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _self_assess(page: Any, agreement: int, party: int, progress: str, budget: str) -> list[str]:
    from playwright.sync_api import expect

    monev = f"/kerja-sama/{agreement}/monev/"
    page.goto(monev)
    # the link navigates: axe must run on the form's page, not on the monev page being torn down (under load
    # the audit started before the navigation and failed with "Cannot read properties of null")
    with page.expect_navigation():
        page.get_by_test_id("period-1").get_by_test_id(f"assess-{party}").click()
    problems = clean(page, page.url, PHONE)
    page.locator("#id_progress_percent").fill(progress)
    page.locator("#id_outputs").fill("Sampah terangkut sesuai jadwal")
    page.locator("#id_budget_realised").fill(budget)
    page.locator("#id_problems").fill("Antrean truk di TPA pada musim hujan")
    page.get_by_test_id("submit").click()
    page.wait_for_url(f"**{monev}*")
    expect(page.get_by_test_id("period-1").get_by_test_id(f"party-{party}")).to_contain_text(f"{progress}%")
    return problems


def _evaluate(page: Any, link: Any, rating: str, notes: str) -> list[str]:
    link.click()
    problems = clean(page, page.url, PHONE)
    page.locator("#id_rating").select_option(rating)
    page.locator("#id_notes").fill(notes)
    if page.locator("#id_meeting_ref").count():
        page.locator("#id_meeting_ref").fill("Rapat TKKSD 15-07-2026, notulen 05/2026")
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/monev/*")
    return problems


def test_both_parties_their_tkksds_and_the_governor_evaluate_semester_one_at_phone_width(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    from playwright.sync_api import expect

    yogya, sleman = story["parties"]["34.71"], story["parties"]["34.04"]
    monev = f"/kerja-sama/{agreement}/monev/"
    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto(monev)
    problems = clean(page, monev, PHONE)
    page.get_by_test_id("open-periods").click()
    period = page.get_by_test_id("period-1")
    expect(period).to_contain_text("1 Jan 2026")
    expect(period).to_contain_text("30 Jun 2026")
    problems += _self_assess(page, agreement, yogya, "45,5", "75.000.000,50")

    other = sessions(viewport=PHONE).page
    log_in(other, "operator.sleman", instance.demo_password)
    problems += _self_assess(other, agreement, sleman, "60", "1.250.000")
    # Sleman has no TKKSD persona in the demo: its cooperation unit keeps the TKKSD's records and records the
    # evaluation (monev.rules: TKKSD members or the party region's cooperation unit).
    other.goto(monev)
    problems += _evaluate(
        other, other.get_by_test_id("period-1").get_by_test_id(f"evaluate-{sleman}"), "cukup", "Perlu jadwal"
    )

    tkksd = sessions(viewport=PHONE).page
    log_in(tkksd, "tkksd.yogya", instance.demo_password)
    tkksd.goto(monev)
    problems += _evaluate(
        tkksd, tkksd.get_by_test_id("period-1").get_by_test_id(f"evaluate-{yogya}"), "baik", "Sesuai rencana"
    )

    governor = sessions(viewport=PHONE).page
    log_in(governor, "gubernur.diy", instance.demo_password)
    governor.goto(monev)
    problems += _evaluate(governor, governor.get_by_test_id("governor-evaluate-1"), "baik", "Dilanjutkan")
    period = governor.get_by_test_id("period-1")
    expect(period.get_by_test_id(f"party-{yogya}")).to_contain_text("45,5%")
    expect(period.get_by_test_id(f"party-{yogya}")).to_contain_text("75.000.000,5")
    expect(period.get_by_test_id(f"party-{sleman}")).to_contain_text("60%")
    expect(period.get_by_test_id("governor-1")).to_contain_text("Dilanjutkan")
    problems += clean(governor, monev, PHONE)
    _shot(governor, "monev-390")
    stored = instance.python(
        "from kerjasama.monev.models import MonevPeriod\n"
        f"p = MonevPeriod.objects.get(agreement_id={agreement}, sequence=1)\n"
        "s = sorted((a.party.region_id, str(a.progress_percent), str(a.budget_realised))"
        " for a in p.self_assessments.filter(submitted_at__isnull=False))\n"
        "t = sorted((e.party.region_id, e.rating) for e in p.tkksd_evaluations.all())\n"
        "result = [s, t, [g.rating for g in p.governor_evaluations.all()]]"
    )
    assert stored == [
        [["34.04", "60.00", "1250000.00"], ["34.71", "45.50", "75000000.50"]],
        [["34.04", "cukup"], ["34.71", "baik"]],
        ["baik"],
    ], stored
    _check(problems)


WALK_SUCCESSOR = """
from datetime import date
from django.utils import timezone
from kerjasama.accounts.models import User
from kerjasama.agreements import services
from kerjasama.agreements.models import Agreement
from kerjasama.lifecycle.selectors import successor_of
from kerjasama.regions.models import Region
from kerjasama.tkksd import services as tkksd
from kerjasama.tkksd.selectors import active_decree

old = Agreement.objects.get(pk=OLD)
new = successor_of(old)
yogya, sleman = User.objects.get(username="operator.yogya"), User.objects.get(username="operator.sleman")
people = {"34.71": yogya, "34.04": sleman}
today = timezone.localdate()

def party(agreement, code):
    return agreement.parties.get(region_id=code)

def review(agreement, code):
    # The party region's TKKSD decides on the proposal in a held meeting (Permendagri 22/2020, R21).
    operator, region = people[code], Region.objects.get(code=code)
    decree = active_decree(code, on=today)
    if decree is None:
        decree = tkksd.record_decree(actor=operator, region=region, number=f"100.3.3/{code}/E2E",
                                     decree_date=date(2026, 1, 5), period_start=date(2026, 1, 5))
    if not decree.members.filter(removed_at__isnull=True).exists():
        tkksd.add_member(actor=operator, decree=decree, name="Sekretaris Daerah", position="Sekretaris Daerah",
                         role="ketua")
    member = decree.members.filter(removed_at__isnull=True).first()
    meeting = tkksd.schedule_meeting(actor=operator, region=region, meeting_date=today, place="Ruang rapat",
                                     agenda="Kajian perpanjangan")
    tkksd.hold_meeting(actor=operator, meeting=meeting, attendee_ids=[member.pk])
    tkksd.record_decision(actor=operator, meeting=meeting, subject_type="agreements.agreement",
                          subject_id=str(agreement.pk), outcome="approve")

def sign_both(agreement, sign):
    for code in ("34.71", "34.04"):
        agreement = sign(actor=people[code], agreement=agreement, party=party(agreement, code))
    return agreement

new = services.update_proposal(actor=yogya, agreement=new, expected_version=None, term_end=NEW_END)
review(new, "34.71")
new = services.send_offer(actor=yogya, agreement=new, letter_number="415.4/E2E/2026", letter_date=today)
review(new, "34.04")
new = services.accept_offer(actor=sleman, agreement=new, party=party(new, "34.04"))
for code, name in (("34.71", "Wali Kota Yogyakarta"), ("34.04", "Bupati Sleman")):
    services.record_signatory(actor=people[code], agreement=new, party=party(new, code), signatory_name=name,
                              signatory_title=name)
new = sign_both(new, services.sign_kb)
if new.stage != "penyusunan_pks":
    new = services.start_pks_drafting(actor=yogya, agreement=new)
new = sign_both(new, services.sign_pks)
new.refresh_from_db()
result = [new.pk, new.stage, new.term_start.isoformat(), new.term_end.isoformat()]
"""


def _reminders(instance: Instance, agreement: int) -> list[list[Any]]:
    rows: list[list[Any]] = instance.python(
        "from kerjasama.deadlines.models import Reminder\n"
        f"result = sorted([r.lead_days, r.due_date.isoformat(), r.status, r.sent_at is not None]"
        f" for r in Reminder.objects.filter(key='agreement:{agreement}:expiry'))"
    )
    return rows


def test_an_approved_extension_moves_the_expiry_reminders(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    from playwright.sync_api import expect

    planned = _remind(instance, PLANNED)
    old = _reminders(instance, agreement)
    assert {lead for lead, *_ in old} == {180, 90, 30}, old
    assert {(due, status) for _lead, due, status, _sent in old} == {(TERM_END.isoformat(), "scheduled")}, old
    assert planned["created"] >= len(old)

    page = sessions(viewport=LAPTOP).page
    log_in(page, "operator.yogya", instance.demo_password)
    amendments = f"/kerja-sama/{agreement}/adendum/"
    page.goto(amendments)
    problems = clean(page, amendments, LAPTOP)
    extension = page.get_by_test_id("extension-form")
    extension.locator("select").select_option("perpanjangan")
    extension.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: amendments not in url)
    successor = int(page.url.rstrip("/").split("/")[-1])
    problems += clean(page, page.url, LAPTOP)
    _shot(page, "extension-proposed-1366")

    walked = instance.python(
        WALK_SUCCESSOR.replace("OLD", str(agreement)).replace(
            "NEW_END", f"date.fromisoformat({NEW_END.isoformat()!r})"
        )
    )
    assert walked == [successor, "pelaksanaan", "2031-01-01", NEW_END.isoformat()], walked

    # The next daily run after the extension is in force cancels the old expiry reminders (3 leads for each
    # recipient)...
    moved = _remind(instance, PLANNED + timedelta(days=1))
    assert moved["cancelled"] >= len(old) and moved["sent"] == 0, moved
    # ... so the day the old 90-day reminder was due to fire sends nothing about the old end date.
    fired = _remind(instance, NINETY_DAYS_BEFORE)
    after = _reminders(instance, agreement)
    assert all(status == "cancelled" and not sent for _lead, _due, status, sent in after), after
    assert any(lead == 90 for lead, *_ in after)
    # (Other scheduled reminders may be cancelled that day: the obligation reminders of occurrences whose due
    # date passed while no run was made; after the due date the escalation ladder takes over.)
    never = instance.python(
        "from kerjasama.notifications.models import Notification\n"
        f"result = Notification.objects.filter(key__startswith='deadline:agreement:{agreement}:expiry').count()"
    )
    assert never == 0

    page.goto(f"/kerja-sama/{agreement}/")
    # The agreement's reminder log: the 90-day reminders of the old end date, one per recipient, cancelled.
    ninety = page.get_by_test_id("reminder-log").get_by_test_id("reminder").filter(has_text="−90")
    expect(ninety.first).to_be_visible()
    statuses = ninety.evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert len(statuses) == sum(1 for lead, *_ in after if lead == 90), statuses
    assert set(statuses) == {"cancelled"}, statuses
    problems += clean(page, page.url, LAPTOP)
    _shot(page, "old-agreement-reminders-1366")

    new_run = _remind(instance, NEW_PLANNED)
    new = _reminders(instance, successor)
    assert {lead for lead, *_ in new} == {180, 90, 30}, new
    assert {(due, status) for _lead, due, status, _sent in new} == {(NEW_END.isoformat(), "scheduled")}, new
    assert new_run["created"] >= len(new)
    page.goto(f"/kerja-sama/{successor}/")
    expect(page.get_by_test_id("reminder-log").get_by_test_id("reminder").first).to_have_attribute(
        "data-status", "scheduled"
    )
    problems += clean(page, page.url, LAPTOP)
    _shot(page, "new-agreement-reminders-1366")
    story["successor"] = successor
    print(json.dumps({"planned": planned, "moved": moved, "fired": fired, "new": new_run}, default=str))
    _check(problems)


def _sign(page: Any, number: str) -> None:
    """Fill the letter's number and signatory and submit the report."""
    form = page.get_by_test_id("submit-form")
    form.get_by_label("Nomor surat").fill(number)
    form.get_by_label("Penanda tangan", exact=True).fill("Contoh Pejabat")
    form.get_by_label("Jabatan penanda tangan").fill("Sekretaris Daerah")
    form.get_by_label("NIP penanda tangan").fill("197001011990031001")
    form.get_by_role("button", name="Ajukan laporan").click()


def _draft(page: Any) -> None:
    """Draft the Semester I 2026 report from the data (the list page's form)."""
    page.goto("/laporan/")
    form = page.get_by_test_id("generate-form")
    form.get_by_label("Periode pelaporan").select_option(label="Semester I 2026")
    form.get_by_role("button", name="Susun dari data").click()


def test_the_semester_report_goes_up_from_yogyakarta_through_diy_to_the_ministry(
    sessions: Any, instance: Instance, agreement: int
) -> None:
    """Issue 11 item 7: Kota Yogyakarta's Semester I 2026 report is generated from the story's data (the fee
    paid and confirmed, the monev of period 1; nothing typed twice), submitted to DIY's governor's office,
    accepted, consolidated into DIY's report with the kab/kota that have not reported, and submitted to the
    Minister; the ministry sees DIY reported and Jawa Tengah not (PP 28/2018 Pasal 44(5); PP 12/2017 Pasal 24)."""
    from playwright.sync_api import expect

    page = sessions(viewport=PHONE).page
    log_in(page, "operator.yogya", instance.demo_password)
    page.goto("/laporan/")
    problems = clean(page, "/laporan/ (kab/kota)", PHONE)
    _draft(page)
    row = page.get_by_test_id(f"agreement-{agreement}")
    expect(row).to_contain_text(TITLE)
    # The story's occurrence paid and confirmed counts as fulfilled; the monev self-assessment of period 1.
    expect(row).to_contain_text("1 terpenuhi")
    expect(row).to_contain_text("1 dari 1 evaluasi mandiri diajukan")
    problems += clean(page, page.url + " (draft)", PHONE)
    _sign(page, "000.7/1/KSD-E2E")
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    expect(page.get_by_test_id("number")).to_have_text("000.7/1/KSD-E2E")
    _shot(page, "report-kabkota-390")

    governor = sessions(viewport=PHONE).page
    log_in(governor, "gubernur.diy", instance.demo_password)
    governor.goto("/laporan/")
    governor.get_by_test_id("reports").get_by_role("link", name="Kota Yogyakarta").click()
    problems += clean(governor, governor.url + " (governor review)", PHONE)
    governor.get_by_test_id("accept").click()
    expect(governor.get_by_test_id("status")).to_have_text("Diterima")
    _draft(governor)
    expect(governor.get_by_test_id("consolidated-34.71")).to_contain_text("000.7/1/KSD-E2E")
    expect(governor.get_by_test_id("not-reported")).to_contain_text("Sleman")
    problems += clean(governor, governor.url + " (province draft)", PHONE)
    _sign(governor, "000.7/2/BTP-E2E")
    expect(governor.get_by_test_id("status")).to_have_text("Diajukan")
    _shot(governor, "report-province-390")

    ministry = sessions(viewport=PHONE).page
    log_in(ministry, "kemendagri", instance.demo_password)
    ministry.goto("/laporan/?periode=2026-01-01")
    expect(ministry.get_by_test_id("province-34")).to_have_attribute("data-reported", "1")
    expect(ministry.get_by_test_id("province-33")).to_have_attribute("data-reported", "0")
    problems += clean(ministry, "/laporan/ (national)", PHONE)
    ministry.get_by_test_id("province-34").get_by_role("link").click()
    expect(ministry.get_by_test_id("kabkota-34.71")).to_have_attribute("data-status", "accepted")
    expect(ministry.get_by_test_id("kabkota-34.04")).to_have_attribute("data-status", "none")
    problems += clean(ministry, ministry.url + " (province drill-down)", PHONE)
    _shot(ministry, "report-national-390")

    wide = sessions(viewport=LAPTOP).page
    log_in(wide, "gubernur.diy", instance.demo_password)
    wide.goto("/laporan/")
    problems += clean(wide, "/laporan/ (governor)", LAPTOP)
    wide.get_by_test_id("reports").get_by_role("link", name="Daerah Istimewa Yogyakarta").click()
    problems += clean(wide, wide.url + " (province report)", LAPTOP)
    _check(problems)
