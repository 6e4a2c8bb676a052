"""The example obligation (DATA CONTOH): on the example agreement in force, some occurrences fulfilled and
confirmed, the latest past one late and escalated; a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kerjasama.agreements.demo import load_agreements_demo
from kerjasama.core.actors import SYSTEM
from kerjasama.obligations.choices import DueStatus
from kerjasama.obligations.demo import demo_agreement, load_obligations_demo
from kerjasama.obligations.models import DueEscalation, FulfilmentConfirmation, Obligation

pytestmark = pytest.mark.django_db


#: The agreements demo holds its example TKKSD meetings up to September 2026: the demo is loaded after them.
DAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _after_the_agreements_demo() -> Any:
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def test_it_loads_the_example_once(db: Any) -> None:
    assert load_obligations_demo(actor=SYSTEM) == 0  # no agreement in force yet: nothing to attach it to
    load_agreements_demo(actor=SYSTEM)
    agreement = demo_agreement()
    assert agreement is not None and agreement.is_example
    assert load_obligations_demo(actor=SYSTEM, today=DAY) == 1
    obligation = Obligation.objects.get()
    assert (
        obligation.is_example
        and obligation.title.endswith("(data contoh)")
        and obligation.recurrence == "monthly"
    )
    statuses = list(obligation.dues.filter(due_date__lt=DAY).values_list("status", flat=True))
    assert statuses == [DueStatus.FULFILLED] * 3 + [DueStatus.LATE]
    assert FulfilmentConfirmation.objects.filter(due__obligation=obligation, outcome="confirmed").count() == 3
    assert DueEscalation.objects.filter(due__obligation=obligation).exists()
    assert load_obligations_demo(actor=SYSTEM, today=DAY) == 0
    assert Obligation.objects.count() == 1
