"""A monev period as a subject of TKKSD decisions (``tkksd.subjects``): a party region's TKKSD evaluates the
period in one of its held meetings, and ``TkksdEvaluation.decision`` links to that decision."""

from __future__ import annotations

from typing import Any

from kerjasama.tkksd.subjects import SubjectKind, register_subject

PERIOD_SUBJECT = "monev.monevperiod"


def _lookup(subject_id: str) -> tuple[frozenset[str], str] | None:
    from kerjasama.monev.models import MonevPeriod

    if not subject_id.isdigit():
        return None
    period = MonevPeriod.objects.select_related("agreement").filter(pk=int(subject_id)).first()
    if period is None:
        return None
    regions = frozenset(
        str(code)
        for code in period.agreement.parties.filter(region__isnull=False).values_list("region_id", flat=True)
    )
    return regions, f"Monev {period} · {period.agreement}"[:300]


def _choices(region: Any) -> list[tuple[str, str]]:
    from django.utils import timezone

    from kerjasama.agreements.choices import AgreementStage
    from kerjasama.monev.models import MonevPeriod

    rows = (
        MonevPeriod.objects.filter(
            agreement__parties__region=region,
            agreement__stage=AgreementStage.PELAKSANAAN,
            start__lte=timezone.localdate(),
        )
        .select_related("agreement")
        .order_by("-start", "pk")[:100]
    )
    return [(str(p.pk), f"Monev {p} · {p.agreement}"[:300]) for p in rows]


def register_monev_subjects() -> None:
    register_subject(
        SubjectKind(
            type=PERIOD_SUBJECT,
            label_id="Monev kerja sama (periode)",
            label_en="Agreement monev (period)",
            lookup=_lookup,
            choices=_choices,
        )
    )
