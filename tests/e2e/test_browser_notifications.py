"""Notifications in a real browser: the cooperation unit submits an identification, the task worker beside
``kerjasama serve`` delivers the notification (database task backend), and the TKKSD member sees the unread
count in the header and the message on /notifikasi/, at desktop and at phone width, and opens it by keyboard.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.conftest import Instance, log_in
from tests.e2e.test_browser_regions import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.browser
WORKER_TIMEOUT_S = 90

FREE_AFFAIR = """
from kerjasama.affairs.models import Affair
from kerjasama.mapping.models import Identification
taken = Identification.objects.filter(region_id="34.71").values("affair_id")
free = Affair.objects.exclude(code__in=taken).exclude(code="2.09").order_by("code").first()
result = free.code
"""

DELIVERED = """
from django_tasks_db.models import DBTaskResult
from kerjasama.notifications.models import Notification
rows = Notification.objects.filter(recipient__username="tkksd.yogya", kind="mapping.identification_submitted",
                                   object_label__startswith={affair!r} + " ")
result = [
    {{
        "id": n.pk,
        "deliveries": sorted(n.deliveries.values_list("channel", "status")),
        "tasks": list(DBTaskResult.objects.filter(
            task_path="kerjasama.notifications.tasks.deliver_notification",
            args_kwargs__kwargs__recipient_id=n.recipient_id,
            args_kwargs__kwargs__object_id=n.object_id,
        ).values_list("status", "queue_name")),
    }}
    for n in rows
]
"""


UNREAD = """
from kerjasama.notifications.models import Notification
result = Notification.objects.filter(recipient__username="tkksd.yogya", read_at__isnull=True).count()
"""


def wait_for_delivery(instance: Instance, affair: str) -> list[dict[str, Any]]:
    """Poll the instance until the worker has delivered the TKKSD member's notification."""
    deadline = time.monotonic() + WORKER_TIMEOUT_S
    while True:
        state: list[dict[str, Any]] = instance.python(DELIVERED.format(affair=affair))
        if state or time.monotonic() > deadline:
            return state
        time.sleep(1)


def no_horizontal_overflow(page: Any) -> None:
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["inner"] == PHONE["width"], widths
    assert widths["scroll"] <= widths["inner"] + 1, f"horizontal overflow at phone width: {widths}"


def test_it_delivers_a_submitted_identification_to_the_tkksd_through_the_worker(
    sessions: Any, instance: Instance
) -> None:
    from playwright.sync_api import expect

    affair = instance.python(FREE_AFFAIR)

    operator = sessions(viewport=DESKTOP).page
    log_in(operator, "operator.yogya", instance.demo_password)
    operator.goto("/pemetaan/34.71/")
    operator.get_by_test_id("new-identification").select_option(affair)
    operator.get_by_role("button", name="Buka formulir").click()
    form = operator.get_by_test_id("identification-form")
    form.locator("textarea[name=needs]").fill("Uji notifikasi: kebutuhan kerja sama lintas daerah")
    form.locator("button[type=submit]").click()
    expect(operator.get_by_test_id(f"status-{affair}")).to_have_text("Draf")
    operator.get_by_test_id(f"submit-{affair}").click()
    expect(operator.get_by_test_id(f"status-{affair}")).to_contain_text("TKKSD")

    state = wait_for_delivery(instance, affair)
    assert len(state) == 1, f"no notification within {WORKER_TIMEOUT_S} s: is the worker running? {state}"
    (delivered,) = state
    # Delivered by the worker: the task was queued in the database and worked there, not in the request.
    assert delivered["tasks"] == [["SUCCESSFUL", "notifications"]], delivered
    assert delivered["deliveries"] == [["email", "skipped"], ["in_app", "sent"]], delivered
    notification_id = delivered["id"]
    # Other browser tests on the shared instance may have notified the TKKSD before: count what is unread.
    unread = instance.python(UNREAD)
    assert unread >= 1
    subject = f"Identifikasi urusan {affair} Kota Yogyakarta menunggu verifikasi"

    desktop = sessions(viewport=DESKTOP)
    tkksd = desktop.page
    log_in(tkksd, "tkksd.yogya", instance.demo_password)
    bell = tkksd.get_by_test_id("nav-notifications")
    expect(tkksd.get_by_test_id("nav-unread")).to_have_text(str(unread))
    expect(bell).to_have_attribute("aria-label", f"Notifikasi, {unread} belum dibaca")
    bell.click()
    tkksd.wait_for_url("**/notifikasi/")
    item = tkksd.get_by_test_id(f"notification-{notification_id}")
    expect(item).to_contain_text(subject)
    expect(item).to_contain_text("Operator KSD Kota Yogyakarta (contoh) mengajukan identifikasi urusan")
    expect(item).to_contain_text("belum dibaca")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tkksd.screenshot(path=str(ARTIFACTS / "notifications.png"), full_page=True)

    item.get_by_role("link", name="Log pengiriman").click()
    log = tkksd.get_by_test_id("sent-log")
    expect(log).to_contain_text("Anggota TKKSD Kota Yogyakarta (contoh)")
    expect(log).to_contain_text("Di aplikasi")
    expect(log).to_contain_text("Penerima tidak memiliki alamat surel")
    tkksd.screenshot(path=str(ARTIFACTS / "notifications-sent-log.png"), full_page=True)

    phone = sessions(viewport=PHONE, device_scale_factor=2, storage_state=desktop.context.storage_state())
    small = phone.page
    small.goto("/notifikasi/")
    expect(small.get_by_test_id("nav-unread-menu")).to_have_text(str(unread))  # beside the menu button
    expect(small.get_by_test_id(f"notification-{notification_id}")).to_contain_text(subject)
    no_horizontal_overflow(small)
    small.screenshot(path=str(ARTIFACTS / "notifications-phone.png"), full_page=True)

    # Keyboard only: focus the notification's "Open" button and press Enter.
    open_button = small.get_by_test_id(f"open-{notification_id}")
    open_button.focus()
    expect(open_button).to_be_focused()
    small.keyboard.press("Enter")
    small.wait_for_url(f"**/pemetaan/34.71/identifikasi/{affair}/lihat/")
    if unread == 1:
        expect(small.get_by_test_id("nav-unread-menu")).to_have_count(0)
    else:
        expect(small.get_by_test_id("nav-unread-menu")).to_have_text(str(unread - 1))
    expect(small.get_by_test_id("nav-notifications")).to_have_attribute(
        "aria-label", f"Notifikasi, {unread - 1} belum dibaca"
    )
