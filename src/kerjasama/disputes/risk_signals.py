"""The light hook of the early warning: a save or delete of a row the risk reads (an obligation's occurrence, a
monev report or evaluation, an addendum, a succession, a settlement, a dispute, an agreement's stage) enqueues,
after commit, the recomputation of that agreement (``early_warning.enqueue_recompute``). The other apps never
import disputes: ``DisputesConfig.ready`` connects these receivers. Bulk writes (``bulk_create``, ``update``)
send no signal: the daily recomputation (``tasks.recompute_all_risk``) covers them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from kerjasama.disputes.early_warning import enqueue_recompute

#: (model label, how to reach the agreement id from an instance).
SOURCES: tuple[tuple[str, Callable[[Any], int | None]], ...] = (
    ("obligations.ObligationDue", lambda o: o.obligation.agreement_id),
    ("obligations.Obligation", lambda o: o.agreement_id),
    ("monev.SelfAssessment", lambda o: o.period.agreement_id),
    ("monev.TkksdEvaluation", lambda o: o.period.agreement_id),
    ("lifecycle.Amendment", lambda o: o.agreement_id),
    ("lifecycle.Succession", lambda o: o.predecessor_id),
    ("lifecycle.Settlement", lambda o: o.agreement_id),
    ("disputes.Dispute", lambda o: o.agreement_id),
    ("agreements.Agreement", lambda o: o.pk),
)


def _receiver(reach: Callable[[Any], int | None]) -> Callable[..., None]:
    def receive(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw:
            return
        try:
            agreement_id = reach(instance)
        except Exception:
            return
        if agreement_id is not None:
            enqueue_recompute(int(agreement_id))

    return receive


_RECEIVERS: list[Callable[..., None]] = []


def connect() -> None:
    for label, reach in SOURCES:
        model = apps.get_model(label)
        receiver = _receiver(reach)
        _RECEIVERS.append(receiver)  # signals hold weak references
        post_save.connect(receiver, sender=model, dispatch_uid=f"disputes.risk.save.{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"disputes.risk.delete.{label}")
