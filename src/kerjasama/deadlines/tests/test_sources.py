"""The agreement sources: the rulebook's stage clocks in working days (none while the parameter is None), the
DPRD clock per requesting region, and the pages that show deadlines (home) and the reminder log (agreement)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import override_settings

from kerjasama.agreements import services as agreement_services
from kerjasama.agreements.models import Agreement, AgreementParty, DprdApproval
from kerjasama.deadlines import services
from kerjasama.deadlines.registry import DeadlineWindow, collect
from kerjasama.deadlines.sources import STAGES
from kerjasama.regions.models import Region
from kerjasama.rulebook.workdays import WorkingCalendar

pytestmark = pytest.mark.django_db

KB_SIGNED = date(2027, 5, 3)
WINDOW = DeadlineWindow(start=date(2027, 1, 1), end=date(2028, 12, 31), today=date(2027, 5, 10))


def _kb_signed(persona: Any) -> Agreement:
    agreement = agreement_services.propose_agreement(
        actor=persona("kabkota"),
        lead_region=Region.objects.get(code="34.71"),
        partner_regions=[Region.objects.get(code="34.04")],
        type="KSDD",
        category="wajib",
        title="Pengelolaan sampah regional",
        affairs=["2.11"],
        justification_externality="Sampah kota diangkut ke TPA di wilayah Sleman.",
    )
    # The workflow's stamps without replaying the stages (the agreements tests walk them): both parties
    # signed the KB on KB_SIGNED and the record waits for the DPRD of each region.
    Agreement.objects.filter(pk=agreement.pk).update(stage="menunggu_dprd", dprd_approval_required=True)
    AgreementParty.objects.filter(agreement=agreement).update(
        kb_signed_at=datetime.combine(KB_SIGNED, datetime.min.time(), tzinfo=UTC)
    )
    for code in ("34.71", "34.04"):
        DprdApproval.objects.create(
            agreement=agreement,
            region_id=code,
            requested_on=date(2027, 5, 5),
            request_letter_number=f"1/{code}",
        )
    return agreement


def test_no_stage_clock_exists_while_its_parameter_is_none(persona: Any) -> None:
    _kb_signed(persona)
    assert [i for i in collect(WINDOW) if i.source == STAGES] == []


@override_settings(KERJASAMA_RULEBOOK={"kb_to_pks_days": "20", "dprd_decision_days": "30"})
def test_stage_clocks_count_working_days_from_their_start(persona: Any) -> None:
    agreement = _kb_signed(persona)
    items = {i.key: i for i in collect(WINDOW) if i.source == STAGES}
    calendar = WorkingCalendar()
    kb = items[f"agreement:{agreement.pk}:clock:kb_ke_pks"]
    assert kb.due == calendar.add_working_days(KB_SIGNED, 20) and kb.working_days
    assert set(kb.owner_regions) == {"34.71", "34.04"}
    for code in ("34.71", "34.04"):
        dprd = items[f"agreement:{agreement.pk}:clock:keputusan_dprd:{code}"]
        assert dprd.due == calendar.add_working_days(date(2027, 5, 5), 30)
        assert dprd.owner_regions == (code,)  # each region's own DPRD request
    # Reminders of a working-day clock are sent working days ahead, never on a weekend or holiday.
    services.plan(today=date(2027, 5, 10))
    from kerjasama.deadlines.models import Reminder

    for reminder in Reminder.objects.filter(working_days=True):
        assert calendar.is_working_day(reminder.send_on)


def test_the_home_page_shows_my_deadlines_with_their_class(
    client_as: Any, in_force: Callable[..., Agreement]
) -> None:
    import time_machine

    with time_machine.travel("2027-06-01 09:00 +0700", tick=False):
        agreement = in_force(term_end=date(2027, 6, 20))
        page = client_as("kabkota").get("/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'data-testid="my-deadlines"' in html
        assert f'data-key="agreement:{agreement.pk}:expiry" data-class="jatuh_tempo"' in html
        assert 'data-testid="my-deadlines"' not in client_as("province").get("/").content.decode()


def test_the_agreement_page_shows_its_reminder_log(
    client_as: Any, in_force: Callable[..., Agreement]
) -> None:
    agreement = in_force(term_end=date(2027, 6, 20))
    services.remind(today=date(2027, 6, 1))
    html = client_as("province").get(f"/kerja-sama/{agreement.pk}/").content.decode()
    assert 'data-testid="reminder-log"' in html
    assert (
        html.count('data-testid="reminder" data-status="sent"')
        == agreement.deadline_reminders.filter(status="sent").count()
        > 0
    )
