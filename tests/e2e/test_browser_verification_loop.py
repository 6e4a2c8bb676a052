"""The verification loop in a real browser (issue 9, section 1): the cooperation unit submits an
identification, the TKKSD finds it in its inbox, opens the detail page and returns it with a reason; the author
sees "Dikembalikan" and the reason on the page, in the form and in the notifications; the unit withdraws a
submission; a published identification is revised while the neighbour still reads the published text until
the revision is published. Screenshots at 1366 and 390 px.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_notifications import no_horizontal_overflow
from tests.e2e.test_browser_regions import ARTIFACTS, PHONE

pytestmark = pytest.mark.browser

WIDE = {"width": 1366, "height": 900}
REASON = "Data timbulan sampah 2024 belum dilampirkan; mohon lengkapi dengan sumber DLH."
OLD_TEXT = "Kebutuhan awal: cadangan lahan pemrosesan akhir"
NEW_TEXT = "Revisi: kebutuhan TPST regional bersama Sleman dan Bantul"
NOTIFICATION_TIMEOUT_S = 90

#: The last affair that neither the demo nor another browser test identified for Kota Yogyakarta.
FREE_AFFAIR = """
from kerjasama.affairs.models import Affair
from kerjasama.mapping.models import Identification
taken = Identification.objects.filter(region_id="34.71").values("affair_id")
result = Affair.objects.exclude(code__in=taken).exclude(code="2.09").order_by("-code").first().code
"""


def detail(affair: str) -> str:
    return f"/pemetaan/34.71/identifikasi/{affair}/lihat/"


def save_new(page: Any, affair: str, needs: str) -> None:
    page.goto(f"/pemetaan/34.71/identifikasi/{affair}/")
    form = page.get_by_test_id("identification-form")
    form.locator("textarea[name=needs]").fill(needs)
    form.locator("textarea[name=externalities]").fill("Dampak lintas batas ke Sleman dan Bantul")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**{detail(affair)}")


def wait_for_text(page: Any, url: str, text: str) -> None:
    """Reload ``url`` until ``text`` appears (the worker delivers notifications a moment later)."""
    deadline = time.monotonic() + NOTIFICATION_TIMEOUT_S
    while True:
        page.goto(url)
        if text in page.locator("main").inner_text() or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert text in page.locator("main").inner_text(), f"{text!r} not on {url} within {NOTIFICATION_TIMEOUT_S} s"


def test_it_returns_with_a_reason_that_reaches_the_author_and_withdraws_and_revises(
    sessions: Any, instance: Instance
) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    affair = instance.python(FREE_AFFAIR)
    status = f"status-{affair}"

    # The cooperation unit drafts and submits; the outcome is announced at the top of the page.
    operator = sessions(viewport=WIDE).page
    log_in(operator, "operator.yogya", instance.demo_password)
    save_new(operator, affair, OLD_TEXT)
    expect(operator.get_by_role("status")).to_contain_text("disimpan sebagai draf")
    expect(operator.get_by_test_id(status)).to_have_text("Draf")
    operator.get_by_test_id(f"submit-{affair}").click()
    expect(operator.get_by_test_id(status)).to_have_text("Diajukan ke TKKSD")
    expect(operator.get_by_role("status")).to_be_in_viewport()
    expect(operator.get_by_test_id(f"withdraw-{affair}")).to_be_visible()
    expect(operator.get_by_test_id(f"edit-{affair}")).to_have_count(0)

    # The TKKSD finds it in its inbox, opens the detail page and returns it with a reason.
    tkksd = sessions(viewport=WIDE).page
    log_in(tkksd, "tkksd.yogya", instance.demo_password)
    tkksd.goto("/")
    inbox = tkksd.get_by_test_id("inbox-verify")
    expect(inbox).to_be_visible()
    inbox.locator(f'a[href="{detail(affair)}"]').click()
    tkksd.wait_for_url(f"**{detail(affair)}")
    expect(tkksd.get_by_test_id("identification-content")).to_contain_text(OLD_TEXT)
    expect(tkksd.get_by_test_id("externalities")).to_contain_text("Sleman")
    expect(tkksd.get_by_test_id("history")).to_contain_text("Diajukan ke TKKSD")
    tkksd.screenshot(path=str(ARTIFACTS / "verification-tkksd-detail-1366.png"), full_page=True)
    tkksd.get_by_label("Alasan pengembalian").fill(REASON)
    tkksd.get_by_test_id(f"return-{affair}").click()
    expect(tkksd.get_by_test_id(status)).to_have_text("Dikembalikan")
    expect(tkksd.get_by_role("status")).to_contain_text("Dikembalikan")

    # The author sees "Dikembalikan" and the reason: on the page, in the form, in the inbox, in notifications.
    operator.goto(detail(affair))
    expect(operator.get_by_test_id(status)).to_have_text("Dikembalikan")
    expect(operator.get_by_test_id("return-reason")).to_contain_text(REASON)
    operator.screenshot(path=str(ARTIFACTS / "verification-returned-1366.png"), full_page=True)
    operator.get_by_test_id(f"edit-{affair}").click()
    expect(operator.get_by_test_id("return-reason")).to_contain_text(REASON)
    operator.goto("/")
    expect(operator.get_by_test_id("inbox-returned")).to_contain_text(REASON[:60])
    operator.screenshot(path=str(ARTIFACTS / "verification-inbox-1366.png"), full_page=True)
    wait_for_text(operator, "/notifikasi/", REASON)

    phone = sessions(viewport=PHONE, storage_state=operator.context.storage_state()).page
    phone.goto(detail(affair))
    expect(phone.get_by_test_id("return-reason")).to_contain_text(REASON)
    no_horizontal_overflow(phone)
    phone.screenshot(path=str(ARTIFACTS / "verification-returned-390.png"), full_page=True)
    phone.goto("/")
    no_horizontal_overflow(phone)
    phone.screenshot(path=str(ARTIFACTS / "verification-inbox-390.png"), full_page=True)

    # Resubmit, then withdraw: back to draft, and the TKKSD's buttons are gone.
    operator.goto(detail(affair))
    operator.get_by_test_id(f"submit-{affair}").click()
    expect(operator.get_by_test_id(status)).to_have_text("Diajukan ke TKKSD")
    operator.get_by_test_id(f"withdraw-{affair}").click()
    expect(operator.get_by_test_id(status)).to_have_text("Draf")
    tkksd.goto(detail(affair))
    expect(tkksd.get_by_test_id(f"verify-{affair}")).to_have_count(0)

    # Submit, verify, publish.
    operator.get_by_test_id(f"submit-{affair}").click()
    expect(operator.get_by_test_id(status)).to_have_text("Diajukan ke TKKSD")
    tkksd.goto(detail(affair))
    tkksd.get_by_test_id(f"verify-{affair}").click()
    expect(tkksd.get_by_test_id(status)).to_have_text("Diverifikasi TKKSD")
    operator.goto(detail(affair))
    operator.get_by_test_id(f"publish-{affair}").click()
    expect(operator.get_by_test_id(status)).to_have_text("Diterbitkan")

    # Revise: the revision goes through the TKKSD while the neighbour still reads the published text.
    operator.get_by_test_id(f"revise-{affair}").click()
    form = operator.get_by_test_id("identification-form")
    form.locator("textarea[name=needs]").fill(NEW_TEXT)
    form.locator("button[type=submit]").click()
    operator.wait_for_url(f"**{detail(affair)}")
    expect(operator.get_by_test_id("revision")).to_contain_text(NEW_TEXT)
    operator.get_by_test_id(f"submit-{affair}").click()
    expect(operator.get_by_test_id("revision-status")).to_contain_text("Diajukan ke TKKSD")
    tkksd.goto(detail(affair))
    tkksd.get_by_test_id(f"verify-{affair}").click()
    expect(tkksd.get_by_test_id("revision-status")).to_contain_text("Diverifikasi TKKSD")

    neighbour = sessions(viewport=WIDE).page
    log_in(neighbour, "operator.sleman", instance.demo_password)
    neighbour.goto(detail(affair))
    content = neighbour.get_by_test_id("identification-content")
    expect(content).to_contain_text(OLD_TEXT)
    expect(neighbour.locator("main")).not_to_contain_text(NEW_TEXT)

    operator.goto(detail(affair))
    operator.screenshot(path=str(ARTIFACTS / "verification-revision-1366.png"), full_page=True)
    operator.get_by_test_id(f"publish-{affair}").click()
    expect(operator.get_by_test_id("revision")).to_have_count(0)
    expect(operator.get_by_test_id("identification-content")).to_contain_text(NEW_TEXT)
    neighbour.goto(detail(affair))
    expect(content).to_contain_text(NEW_TEXT)
    expect(neighbour.locator("main")).not_to_contain_text(OLD_TEXT)
