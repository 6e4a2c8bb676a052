"""Monitoring and evaluation (*monev*) of the agreements signed: one period per semester of the term (the
default period, ``monev.conf``; PP 28/2018 Pasal 44(5) via PP 12/2017 Pasal 24), each due a month after it
ends, and each region party's self-assessment of the past periods (most submitted, some drafts, some missing).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from kerjasama.monev.choices import AssessmentStatus
from kerjasama.monev.models import MonevPeriod, SelfAssessment
from kerjasama.portal.national_demo.agreements import NationalDemoAgreement
from kerjasama.portal.national_demo.common import LABEL, NationalDemoRun, bulk, own_timestamps, stamp


def _half_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def load_monev(run: NationalDemoRun, made: list[NationalDemoAgreement]) -> None:
    rng = run.rng
    periods: list[MonevPeriod] = []
    assessments: list[SelfAssessment] = []
    for m in made:
        a = m.agreement
        if m.signed_on is None or a.term_start is None or a.term_end is None:
            continue
        start, seq = a.term_start, 1
        last = min(a.term_end, run.base)
        while start <= last:
            end = min(_half_end(start), a.term_end)
            due = end + timedelta(days=30)
            period = MonevPeriod(
                agreement=a,
                sequence=seq,
                start=start,
                end=end,
                due=due,
                is_example=True,
                created_at=stamp(start),
            )
            periods.append(period)
            if due < run.base:
                for party in m.parties:
                    if party.region_id is None or rng.random() < 0.1:
                        continue
                    submitted = rng.random() < 0.85
                    when = stamp(due - timedelta(days=rng.randint(0, 25)))
                    assessments.append(
                        SelfAssessment(
                            period=period,
                            party=party,
                            status=AssessmentStatus.SUBMITTED if submitted else AssessmentStatus.DRAFT,
                            progress_percent=Decimal(min(100, 10 * seq + rng.randint(0, 20))),
                            outputs="Keluaran sesuai rencana kerja" + LABEL,
                            problems="" if rng.random() < 0.7 else "Keterlambatan anggaran" + LABEL,
                            follow_up="Rapat koordinasi para pihak" + LABEL,
                            submitted_at=when if submitted else None,
                            submitted_by_id=a.created_by_id if submitted else None,
                            created_by_id=a.created_by_id,
                            is_example=True,
                            created_at=when,
                            updated_at=when,
                        )
                    )
            start, seq = end + timedelta(days=1), seq + 1
    with own_timestamps(MonevPeriod, SelfAssessment):
        bulk(MonevPeriod, periods)
        for s in assessments:
            s.period_id = s.period.pk
            s.party_id = s.party.pk
        bulk(SelfAssessment, assessments)
    run.add("monev_periods", len(periods))
    run.add("self_assessments", len(assessments))
