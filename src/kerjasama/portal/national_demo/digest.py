"""A digest of the national example data that does not depend on primary keys or on the day it ran: two
runs with the same seed and scale into two installations give the same digest (the determinism check)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kerjasama.portal.national_demo.common import NUMBER_PREFIX, USER_PREFIX


def _rows() -> dict[str, list[Any]]:
    from kerjasama.accounts.models import User
    from kerjasama.agreements.models import Agreement, AgreementParty, DprdApproval
    from kerjasama.disputes.models import Dispute, DisputeParty, RiskEvent
    from kerjasama.documents.models import Document
    from kerjasama.mapping.models import Identification, IndicatorValue
    from kerjasama.monev.models import MonevPeriod, SelfAssessment
    from kerjasama.obligations.models import ObligationDue
    from kerjasama.reports.models import PeriodicReport

    ours = Agreement.objects.filter(is_example=True, origin_ref__startswith=NUMBER_PREFIX + "/")
    ref = "agreement__origin_ref"
    return {
        "agreements": list(
            ours.values_list(
                "origin_ref",
                "number",
                "type",
                "category",
                "stage",
                "title",
                "lead_region_id",
                "term_start",
                "term_end",
                "dprd_approval_required",
                "value",
                "ended_on",
                "created_at",
                "affairs__code",
            )
        ),
        "parties": list(
            AgreementParty.objects.filter(agreement__in=ours).values_list(
                ref,
                "position",
                "region_id",
                "organisation__name",
                "status",
                "tkksd_review",
                "kb_signed_at",
                "pks_signed_at",
                "nk_signed_at",
            )
        ),
        "dprd": list(
            DprdApproval.objects.filter(agreement__in=ours).values_list(ref, "region_id", "outcome")
        ),
        "users": list(
            User.objects.filter(username__startswith=USER_PREFIX).values_list(
                "username", "role", "organisation__name", "is_unit_head"
            )
        ),
        "documents": list(
            Document.objects.filter(title__contains=NUMBER_PREFIX).values_list(
                "title", "kind", "region_id", "versions__blob__sha256"
            )
        ),
        "dues": list(
            ObligationDue.objects.filter(obligation__agreement__in=ours).values_list(
                "obligation__agreement__origin_ref", "obligation__title", "due_date", "status"
            )
        ),
        "risk_events": list(RiskEvent.objects.filter(agreement__in=ours).values_list(ref, "kind", "date")),
        "monev": list(
            MonevPeriod.objects.filter(agreement__in=ours).values_list(ref, "sequence", "start", "end")
        ),
        "assessments": list(
            SelfAssessment.objects.filter(period__agreement__in=ours).values_list(
                "period__agreement__origin_ref",
                "period__sequence",
                "party__position",
                "status",
                "progress_percent",
            )
        ),
        "reports": list(
            PeriodicReport.objects.filter(number__endswith="/CONTOH").values_list(
                "region_id", "period_start", "status"
            )
        ),
        "disputes": list(
            Dispute.objects.filter(agreement__in=ours).values_list(
                "number", "stage", "resolver", "resolver_region_id", "sector", "agreement__origin_ref"
            )
        ),
        "dispute_parties": list(
            DisputeParty.objects.filter(dispute__agreement__in=ours).values_list(
                "dispute__number", "position", "region_id", "role"
            )
        ),
        "indicator_values": list(
            IndicatorValue.objects.filter(is_example=True, source__contains="nasional").values_list(
                "region_id", "indicator_id", "year", "value"
            )
        ),
        "identifications": list(
            Identification.objects.filter(is_example=True, needs__contains="contoh").values_list(
                "region_id", "affair_id", "status"
            )
        ),
    }


def digest() -> str:
    """SHA-256 over every part's rows, sorted (order-independent, primary-key-independent)."""
    h = hashlib.sha256()
    for name, rows in sorted(_rows().items()):
        h.update(name.encode())
        for row in sorted(json.dumps(r, default=str, ensure_ascii=False) for r in rows):
            h.update(row.encode())
    return h.hexdigest()
