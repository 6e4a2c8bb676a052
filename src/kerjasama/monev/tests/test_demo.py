"""The example monev (DATA CONTOH): both parties' first-semester self-assessments and their TKKSDs'
evaluations, through the services, loaded once."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.demo import load_agreements_demo
from kerjasama.core.actors import SYSTEM
from kerjasama.monev.demo import load_monev_demo
from kerjasama.monev.models import MonevPeriod, SelfAssessment, TkksdEvaluation
from kerjasama.monev.tasks import open_monev_periods
from kerjasama.tkksd.demo import load_tkksd_demo

pytestmark = pytest.mark.django_db


def test_it_loads_the_first_semester_monev_once(db: Any) -> None:
    load_tkksd_demo(actor=SYSTEM)
    load_agreements_demo(actor=SYSTEM)
    made = load_monev_demo(actor=SYSTEM)
    assessments = list(SelfAssessment.objects.select_related("period__agreement"))
    assert made == 4 and len(assessments) == 2
    assert all(a.is_example and a.status == "submitted" for a in assessments)
    agreement = assessments[0].period.agreement
    assert agreement.is_example and agreement.stage == "pelaksanaan"
    first = MonevPeriod.objects.filter(agreement=agreement).order_by("start").first()
    assert {a.period_id for a in assessments} == {first.pk if first else None}
    assert TkksdEvaluation.objects.filter(period=first).count() == 2
    assert load_monev_demo(actor=SYSTEM) == 0
    assert SelfAssessment.objects.count() == 2


def test_the_daily_task_opens_missing_periods_idempotently(db: Any) -> None:
    load_agreements_demo(actor=SYSTEM)
    opened = open_monev_periods.call()
    assert opened > 0 and MonevPeriod.objects.count() == opened
    assert open_monev_periods.call() == 0
