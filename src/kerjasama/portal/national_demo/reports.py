"""The semester reports upward (*laporan pelaksanaan kerja sama daerah*; PP 28/2018 Pasal 44(5) via PP 12/2017
Pasal 24): one per region and past semester of the run, mostly accepted, some submitted or still drafts, the
latest semester in draft. Content: the report's snapshot structure (``reports.domain.content``) marked as
example data; its totals count the region's example agreements in force in the period."""

from __future__ import annotations

from datetime import date, timedelta

from kerjasama.portal.national_demo.agreements import NationalDemoAgreement
from kerjasama.portal.national_demo.common import NationalDemoRun, bulk, own_timestamps, stamp
from kerjasama.reports.choices import ReportLevel, ReportPeriod, ReportStatus
from kerjasama.reports.domain.content import build_region_content
from kerjasama.reports.models import PeriodicReport


def _semesters(run: NationalDemoRun) -> list[tuple[date, date, str]]:
    out = []
    for year in range(run.start.year, run.base.year + 1):
        for start, end, label in (
            (date(year, 1, 1), date(year, 6, 30), "I"),
            (date(year, 7, 1), date(year, 12, 31), "II"),
        ):
            if start >= run.start and end < run.base:
                out.append((start, end, f"Semester {label} {year}"))
    return out


def load_reports(run: NationalDemoRun, made: list[NationalDemoAgreement]) -> None:
    rng = run.rng
    in_force: dict[str, list[tuple[date, date]]] = {}
    for m in made:
        a = m.agreement
        if m.signed_on is None or a.term_start is None or a.term_end is None:
            continue
        for p in m.parties:
            if p.region_id:
                in_force.setdefault(p.region_id, []).append((a.term_start, a.ended_on or a.term_end))
    semesters = _semesters(run)
    reports: list[PeriodicReport] = []
    for region in run.regions:
        spans = in_force.get(region.code, [])
        for n, (start, end, label) in enumerate(semesters):
            latest = n == len(semesters) - 1
            roll = rng.random()
            status = (
                ReportStatus.DRAFT
                if latest or roll < 0.05
                else (ReportStatus.SUBMITTED if roll < 0.15 else ReportStatus.ACCEPTED)
            )
            content = build_region_content(
                region={"code": region.code, "name": region.name},
                kind=ReportPeriod.SEMESTER,
                start=start,
                end=end,
                label=label,
                agreements=[],
                is_example=True,
            )
            living = sum(1 for s, e in spans if s <= end and e >= start)
            content["totals"]["agreements"] = content["totals"]["in_force"] = living
            sent = end + timedelta(days=rng.randint(5, 40))
            reports.append(
                PeriodicReport(
                    region_id=region.code,
                    level=ReportLevel.PROVINSI if region.level == "provinsi" else ReportLevel.KABKOTA,
                    period_kind=ReportPeriod.SEMESTER,
                    period_start=start,
                    period_end=end,
                    period_label=label,
                    status=status,
                    number=f"000.1.5/{region.code}/{start:%Y%m}/CONTOH"
                    if status != ReportStatus.DRAFT
                    else "",
                    report_date=sent if status != ReportStatus.DRAFT else None,
                    signatory_name=f"Kepala Daerah {region.name} (contoh)"
                    if status != ReportStatus.DRAFT
                    else "",
                    content=content,
                    generated_at=stamp(sent),
                    submitted_at=stamp(sent) if status != ReportStatus.DRAFT else None,
                    reviewed_at=stamp(sent + timedelta(days=14)) if status == ReportStatus.ACCEPTED else None,
                    is_example=True,
                    created_at=stamp(sent),
                    updated_at=stamp(sent),
                )
            )
    with own_timestamps(PeriodicReport):
        bulk(PeriodicReport, reports, with_history=True)
    run.add("reports", len(reports))
