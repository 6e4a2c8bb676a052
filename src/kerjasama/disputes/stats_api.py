"""API v1 of the dispute statistics and the lessons (issue 12 item 7), mounted by ``api.api`` at
``/api/v1/disputes/statistics`` and ``/api/v1/disputes/lessons``.

The statistics are aggregate counts over all cases (docs/disputes.md, "Statistics"): any authenticated user
reads the national figures; a province's figures (``?province=``) only its governor's office and the ministry,
with counts 1-2 suppressed (``null``) for the governor's office. The lessons are as confidential as their case.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.agreements.api_support import READ_ERRORS, RecordId, write_route, writes_note
from kerjasama.agreements.schemas import ErrorOut
from kerjasama.core.errors import NotFound, PermissionDenied, describe_action
from kerjasama.disputes import lessons as lesson_services
from kerjasama.disputes.models import DisputeLesson
from kerjasama.disputes.selectors import visible_dispute
from kerjasama.disputes.statistics import filter_cases, summarise, suppress
from kerjasama.disputes.stats_data import case_facts, row_label
from kerjasama.disputes.stats_views import sees_province
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

stats_router = Router(tags=["disputes"])
lessons_router = Router(tags=["disputes"])

describe_action(
    "disputes.view_province_statistics",
    "melihat statistik perselisihan provinsi ini (kantor gubernur provinsi itu atau kementerian)",
    "see this province's dispute statistics (its governor's office or the ministry)",
)


class LessonIn(Schema):
    text: str


class LessonOut(Schema):
    id: int
    dispute: int
    text: str
    recorded_at: Any


@stats_router.get(
    "",
    response={200: dict[str, Any], 403: ErrorOut, **READ_ERRORS},
    summary="Dispute statistics: counts by sector, cause, pairing, resolver, stage, outcome, year; durations",
    description=(
        "Aggregate figures over all cases (no title, number or party): `total`, `tables` (each with `columns` "
        "and `rows` of `code`, `label`, `values`), `suppressed` (true when counts 1-2 are `null`), `as_of`. "
        "`year` filters by year of registration; `province` (a province code) gives that province's figures, "
        "for its governor's office (small counts suppressed) and the ministry; 403 for anyone else, 404 for an "
        "unknown province."
    ),
)
def statistics(request: HttpRequest, year: int | None = None, province: str | None = None) -> Any:
    hide = False
    if province:
        region = Region.objects.filter(code=province, level=Level.PROVINSI).first()
        if region is None:
            raise NotFound("disputes.unknown_region", "Provinsi tidak dikenal.", "Unknown province.")
        if not sees_province(request.user, region):
            raise PermissionDenied("disputes.view_province_statistics")
        hide = not jurisdiction_of(request.user).national
    summary = summarise(
        filter_cases(case_facts(), year=year, province=province or None), today=timezone.localdate()
    )
    if hide:
        summary = suppress(summary)
    return {
        "total": summary.total,
        "suppressed": summary.suppressed,
        "as_of": timezone.localtime().isoformat(),
        "year": year,
        "province": province or None,
        "tables": {
            key: {
                "columns": list(table.columns),
                "multi": table.multi,
                "rows": [
                    {"code": row.code, "label": row_label(key, row.code), "values": list(row.values)}
                    for row in table.rows
                ],
            }
            for key, table in summary.tables.items()
        },
    }


def _lesson_out(lesson: DisputeLesson) -> dict[str, Any]:
    return {
        "id": lesson.pk,
        "dispute": lesson.dispute_id,
        "text": lesson.text,
        "recorded_at": lesson.recorded_at,
    }


@lessons_router.get(
    "/cases/{dispute_id}",
    response={200: list[LessonOut], **READ_ERRORS},
    summary="The lessons recorded on a case (as confidential as the case: 404 outside the caller's sight)",
)
def lessons(request: HttpRequest, dispute_id: RecordId) -> Any:
    case = visible_dispute(request.user, dispute_id)
    return [_lesson_out(lesson) for lesson in case.lessons.order_by("recorded_at", "id")]


@write_route(
    lessons_router,
    "/cases/{dispute_id}",
    LessonOut,
    status=201,
    summary="Record a lesson learned on a closed case (the parties, the resolver, the ministry)",
    note=writes_note(changed="the case is not closed (disputes.not_closed)"),
)
def record_lesson(request: HttpRequest, dispute_id: RecordId, payload: LessonIn) -> Any:
    case = visible_dispute(request.user, dispute_id)
    lesson = lesson_services.record_lesson(actor=request.user, dispute=case, text=payload.text)
    return 201, _lesson_out(lesson)
