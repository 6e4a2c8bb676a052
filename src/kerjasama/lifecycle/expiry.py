"""The automatic end of an expired term (issue 11, item 4): an agreement in force whose term has ended and
that no successor in force continues becomes *berakhir* on the ground of PP 28/2018 Pasal 9(1)(a)
(*berakhirnya jangka waktu*; Pasal 22(1) for a KSDPK), by the system, with a notice to every party's people.

Run daily by the periodic task ``lifecycle.end_expired`` and by ``kerjasama end-expired``. Idempotent: an
ended agreement is no longer in force, so a second run for the same day finds nothing; two runs at once end
each agreement once (the ``akhiri`` transition is a compare-and-swap on the stage). Each agreement ends in its
own transaction: one that fails is reported and the others still end.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from kerjasama.agreements import services as agreement_services
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.workflow import load
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.lifecycle.selectors import superseded_agreement_ids
from kerjasama.lifecycle.services import EXPIRY_GROUND, ensure_settlement

logger = logging.getLogger(__name__)


def expired(today: date) -> QuerySet[Agreement]:
    """Agreements in force whose term ended before ``today`` (their last day was ``term_end``)."""
    return Agreement.objects.filter(stage=AgreementStage.PELAKSANAAN, term_end__lt=today)


def _end_one(pk: int, today: date) -> bool:
    with transaction.atomic():
        agreement = load(pk)
        if (
            agreement.stage != AgreementStage.PELAKSANAAN
            or agreement.term_end is None
            or agreement.term_end >= today
        ):
            return False
        agreement_services.end_agreement(
            actor=SYSTEM,
            agreement=agreement,
            ground=EXPIRY_GROUND,
            ended_on=agreement.term_end,
            reason=(
                f"Jangka waktu berakhir {agreement.term_end.isoformat()} tanpa perpanjangan yang berlaku "
                "(PP 28/2018 Pasal 9(1) huruf a)"
            ),
        )
        ensure_settlement(actor=SYSTEM, agreement=agreement, ground=EXPIRY_GROUND)
    return True


def end_expired(today: date) -> dict[str, Any]:
    """End every expired agreement in force that has no successor in force; what it did, as a dict:
    ``due`` (expired and in force), ``superseded`` (left to their successor in force), ``ended`` and
    ``ended_ids``, ``skipped`` (ended by someone else meanwhile), ``failed`` (id, code, message)."""
    candidates = expired(today)
    superseded = superseded_agreement_ids(candidates)
    ids = [
        pk
        for pk in candidates.order_by("term_end", "pk").values_list("pk", flat=True)
        if pk not in superseded
    ]
    ended: list[int] = []
    skipped: list[int] = []
    failed: list[dict[str, Any]] = []
    for pk in ids:
        try:
            if _end_one(pk, today):
                ended.append(pk)
            else:
                skipped.append(pk)
        except Conflict:
            skipped.append(pk)
        except KerjasamaError as exc:
            failed.append({"id": pk, "code": exc.code, "message": exc.message_en})
        except Exception as exc:
            logger.exception("end_expired: agreement %s could not be ended", pk)
            failed.append({"id": pk, "code": "lifecycle.end_failed", "message": str(exc)[:300]})
    if ended or failed:
        audit.record(
            actor=SYSTEM,
            action=AuditAction.EXPIRED_AGREEMENTS_ENDED,
            object_type="lifecycle.end_expired",
            object_id=today.isoformat(),
            object_label=f"end-expired {today.isoformat()}",
            new={"ended": ended, "failed": [f["id"] for f in failed]},
        )
    return {
        "today": today.isoformat(),
        "due": len(ids) + len(superseded),
        "superseded": len(superseded),
        "ended": len(ended),
        "ended_ids": ended,
        "skipped": len(skipped),
        "failed": failed,
    }
