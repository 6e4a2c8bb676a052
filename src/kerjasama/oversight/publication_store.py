"""The stored publication state (``models.AgreementPublication``): derived once when something it depends on
changes, read by every public page (issue 13 items 3-4).

An agreement is published when every party consented (UU 14/2008 Pasal 11 [U]; ``services``) and it is in a
stage of ``KERJASAMA_PUBLIC_REGISTER_STAGES`` (``selectors.public_stages``). The state therefore depends on the
agreement's stage, its parties and their consents; a save or delete of any of the three refreshes the state of
that agreement in the same transaction (the light-hook pattern of ``disputes.risk_signals``: the agreements app
never imports oversight; ``OversightConfig.ready`` connects the receivers). When the published set or a
published agreement's consent changes, the open-data package is rebuilt after the commit
(``tasks.build_open_data``).

Bulk writes (``bulk_create``, ``update``) send no signal, and a change of ``KERJASAMA_PUBLIC_REGISTER_STAGES``
changes every state at once: ``kerjasama publication-recompute`` (also a daily task) rebuilds every row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.oversight.choices import PublicationState
from kerjasama.oversight.models import AgreementPublication, PublicationConsent

#: Agreements refreshed per batch by :func:`recompute_all`.
BATCH = 2000


def recomputed_states(agreement_ids: Collection[int]) -> dict[int, str]:
    """Each existing agreement's state counted afresh from its parties, consents and stage (one query)."""
    from kerjasama.oversight.selectors import _with_counts, state_of

    rows = _with_counts(Agreement.objects.filter(pk__in=list(agreement_ids))).values_list(
        "pk", "n_parties", "n_consents", "stage"
    )
    return {pk: state_of(parties, consents, stage) for pk, parties, consents, stage in rows}


@dataclass
class RefreshOutcome:
    """What a refresh changed: rows written, rows removed, and whether the public package must be rebuilt."""

    written: int = 0
    removed: int = 0
    public_changed: bool = False


def refresh(agreement_ids: Iterable[int], *, consent_changed: bool = False) -> RefreshOutcome:
    """Bring the stored state of ``agreement_ids`` in line with their parties, consents and stage (three
    queries at most, whatever the number). A state other than "not published" has a row; "not published" has
    none. ``consent_changed``: a consent of these agreements changed (what it withholds may have), so a
    published one's public rows changed even when its state did not."""
    ids = sorted({int(pk) for pk in agreement_ids})
    outcome = RefreshOutcome()
    if not ids:
        return outcome
    fresh = recomputed_states(ids)
    stored = {row.pk: row for row in AgreementPublication.objects.filter(agreement_id__in=ids)}
    now = timezone.now()
    changed: list[AgreementPublication] = []
    created: list[AgreementPublication] = []
    gone: list[int] = []
    for pk in ids:
        state = fresh.get(pk, PublicationState.NOT_PUBLISHED)
        row = stored.get(pk)
        published = state == PublicationState.PUBLISHED
        if consent_changed and (published or (row is not None and row.state == PublicationState.PUBLISHED)):
            outcome.public_changed = True
        if state == PublicationState.NOT_PUBLISHED:
            if row is not None:
                gone.append(pk)
                outcome.public_changed |= row.state == PublicationState.PUBLISHED
            continue
        if row is None:
            created.append(
                AgreementPublication(
                    agreement_id=pk, state=state, published_at=now if published else None, updated_at=now
                )
            )
            outcome.public_changed |= published
        elif row.state != state:
            outcome.public_changed |= published or row.state == PublicationState.PUBLISHED
            row.published_at = now if published else None
            row.state, row.updated_at = state, now
            changed.append(row)
    if gone:
        AgreementPublication.objects.filter(agreement_id__in=gone).delete()
    if created:
        AgreementPublication.objects.bulk_create(created)
    if changed:
        AgreementPublication.objects.bulk_update(changed, ["state", "published_at", "updated_at"])
    outcome.written, outcome.removed = len(created) + len(changed), len(gone)
    return outcome


def _send_rebuild() -> None:
    from kerjasama.oversight.tasks import build_open_data

    build_open_data.enqueue()


def rebuild_package_after_commit() -> None:
    """Enqueue the rebuild of the stored open-data package once the current transaction commits (once per
    transaction, however many changes it holds)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _send_rebuild for entry in connection.run_on_commit):
        return
    transaction.on_commit(_send_rebuild)


def refresh_and_schedule(agreement_ids: Iterable[int], *, consent_changed: bool = False) -> RefreshOutcome:
    """:func:`refresh`, then the package's rebuild after the commit when the public rows changed."""
    outcome = refresh(agreement_ids, consent_changed=consent_changed)
    if outcome.public_changed:
        rebuild_package_after_commit()
    return outcome


def recompute_all() -> dict[str, int]:
    """Rebuild every stored state (``kerjasama publication-recompute``): after a change of
    ``KERJASAMA_PUBLIC_REGISTER_STAGES`` or bulk writes. Rows of agreements that no longer exist go."""
    written = removed = 0
    with transaction.atomic():
        orphans = AgreementPublication.objects.exclude(agreement_id__in=Agreement.objects.values("pk"))
        removed += orphans.delete()[0]
        ids = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            outcome = refresh(ids[start : start + BATCH])
            written += outcome.written
            removed += outcome.removed
    published = AgreementPublication.objects.filter(state=PublicationState.PUBLISHED).count()
    return {"agreements": len(ids), "written": written, "removed": removed, "published": published}


# --- the light hook ---


def _on_agreement_saved(
    sender: Any, instance: Agreement, created: bool, raw: bool = False, **kw: Any
) -> None:
    # A new agreement has no consent yet: nothing to store.
    if not raw and not created:
        refresh_and_schedule([instance.pk])


def _on_agreement_deleted(sender: Any, instance: Agreement, **kw: Any) -> None:
    if AgreementPublication.objects.filter(agreement_id=instance.pk).delete()[0]:
        rebuild_package_after_commit()


def _on_party_changed(sender: Any, instance: AgreementParty, raw: bool = False, **kw: Any) -> None:
    # Only an added or removed party changes the count of parties a full consent needs.
    if raw or kw.get("created") is False:
        return
    refresh_and_schedule([instance.agreement_id])


def _on_consent_changed(sender: Any, instance: PublicationConsent, raw: bool = False, **kw: Any) -> None:
    if not raw:
        refresh_and_schedule([instance.agreement_id], consent_changed=True)


def connect() -> None:
    """Connect the receivers (``OversightConfig.ready``)."""
    uid = "oversight.publication_store"
    post_save.connect(_on_agreement_saved, sender=Agreement, dispatch_uid=f"{uid}.agreement.save")
    post_delete.connect(_on_agreement_deleted, sender=Agreement, dispatch_uid=f"{uid}.agreement.delete")
    post_save.connect(_on_party_changed, sender=AgreementParty, dispatch_uid=f"{uid}.party.save")
    post_delete.connect(_on_party_changed, sender=AgreementParty, dispatch_uid=f"{uid}.party.delete")
    post_save.connect(_on_consent_changed, sender=PublicationConsent, dispatch_uid=f"{uid}.consent.save")
    post_delete.connect(_on_consent_changed, sender=PublicationConsent, dispatch_uid=f"{uid}.consent.delete")
