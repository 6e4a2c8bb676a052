"""Every read of the oversight app: publication states and the public register (house rule 5).

The public register (``/daftar-kerja-sama/``) is read without a login: it holds only agreements every party
consented to publish (UU 14/2008 Pasal 11 [U]), and of those only what no party withheld under Pasal 17; and
only once they are signed and in force or ended (``KERJASAMA_PUBLIC_REGISTER_STAGES``): a draft under
negotiation is the parties' deliberation, not yet a commitment of public money (a consent may be recorded
ahead; the agreement appears when it comes into force).
Every list reads a constant number of queries whatever the data size; the publication state is read from its
stored row (``publication_store``), never recounted per request.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kerjasama.affairs.models import Affair
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.state import OBJECT_TYPE
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Document, DocumentVersion
from kerjasama.oversight.choices import ConsentDecision, PublicationState, WithheldItem
from kerjasama.oversight.models import AgreementPublication, PublicationConsent
from kerjasama.regions.models import Region


def _count(qs: QuerySet[Any]) -> Coalesce:
    return Coalesce(
        Subquery(qs.order_by().values("agreement").annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def _with_counts(qs: QuerySet[Agreement]) -> QuerySet[Any]:
    """Annotate each agreement with its number of parties and of parties consenting (two subqueries)."""
    return qs.annotate(
        n_parties=_count(AgreementParty.objects.filter(agreement=OuterRef("pk"))),
        n_consents=_count(
            PublicationConsent.objects.filter(agreement=OuterRef("pk"), decision=ConsentDecision.CONSENT)
        ),
    )


def public_stages() -> tuple[str, ...]:
    """The stages in which a consented agreement is shown (``KERJASAMA_PUBLIC_REGISTER_STAGES``, default in force
    and ended; no regulation names them [U])."""
    value = getattr(settings, "KERJASAMA_PUBLIC_REGISTER_STAGES", None) or ("pelaksanaan", "berakhir")
    stages = [value] if isinstance(value, str) else list(value)
    return tuple(part.strip() for item in stages for part in str(item).split(",") if part.strip())


def state_of(n_parties: int, n_consents: int, stage: str = "pelaksanaan") -> str:
    """Published when every party consents and the agreement is in a public stage (consented, waiting, when it
    is not yet); partially consented when some do; otherwise not published."""
    if n_parties and n_consents >= n_parties:
        return PublicationState.PUBLISHED if stage in public_stages() else PublicationState.CONSENTED
    if n_consents:
        return PublicationState.PARTIAL
    return PublicationState.NOT_PUBLISHED


def publication_states(agreement_ids: Collection[int]) -> dict[int, str]:
    """The publication state of each agreement id (one query over the stored states,
    ``models.AgreementPublication``: an agreement without a row is not published); the agreements' hook
    provider, read by ``kerjasama agreements --json`` and the agreements API."""
    ids = list(agreement_ids)
    stored = dict(
        AgreementPublication.objects.filter(agreement_id__in=ids).values_list("agreement_id", "state")
    )
    return {pk: stored.get(pk, PublicationState.NOT_PUBLISHED) for pk in ids}


@dataclass
class PartyDecision:
    party: AgreementParty
    consent: PublicationConsent | None


@dataclass
class PublicationOverview:
    """An agreement's publication: its state and each party's decision."""

    agreement: Agreement
    state: str
    decisions: list[PartyDecision] = field(default_factory=list)


def publication_overview(agreement: Agreement) -> PublicationOverview:
    """The state and each party's current decision (the caller has checked the agreement may be seen)."""
    parties = list(agreement.parties.select_related("region", "organisation").order_by("position", "id"))
    consents = {c.party_id: c for c in PublicationConsent.objects.filter(agreement=agreement)}
    n_consents = sum(1 for c in consents.values() if c.decision == ConsentDecision.CONSENT)
    return PublicationOverview(
        agreement,
        state_of(len(parties), n_consents, agreement.stage),
        [PartyDecision(p, consents.get(p.pk)) for p in parties],
    )


# --- the public register (no login) ---


def published_agreements() -> QuerySet[Any]:
    """Every agreement in a public stage whose every party consented to publication (the only rows the public
    register reads): the stored state (``publication_store``), one indexed join. The stage is checked again so
    that narrowing ``KERJASAMA_PUBLIC_REGISTER_STAGES`` hides at once what left them, before
    ``kerjasama publication-recompute`` has run."""
    return Agreement.objects.filter(publication__state=PublicationState.PUBLISHED, stage__in=public_stages())


def withheld_of(agreement: Agreement) -> set[str]:
    """What at least one party withholds (read from the prefetched ``public_consents``)."""
    items: set[str] = set()
    for consent in agreement.public_consents:  # type: ignore[attr-defined]
        items |= consent.withheld_items()
    return items


@dataclass(frozen=True)
class PublicFilters:
    query: str = ""
    region: str = ""
    affair: str = ""


def public_register(filters: PublicFilters) -> QuerySet[Any]:
    """The published agreements matching the search (title, party region name or code, affair code or name),
    newest first, with what a page shows prefetched (a page reads 5 queries whatever its size)."""
    qs = published_agreements()
    if filters.query:
        words = filters.query
        # The region and affair names are matched in their own small tables first, then the agreements are
        # found through the indexed party and affair links: one join of agreements × parties × regions ×
        # affairs with an OR of four LIKEs took 0.2 s per query (twice a page: rows and count) over the
        # national data (bench/load).
        regions = Region.objects.filter(name__icontains=words).values("code")
        affairs = Affair.objects.filter(Q(name_id__icontains=words) | Q(name_en__icontains=words)).values(
            "code"
        )
        qs = qs.filter(
            Q(title__icontains=words)
            | Q(pk__in=AgreementParty.objects.filter(region_id__in=regions).values("agreement_id"))
            | Q(
                pk__in=Agreement.affairs.through.objects.filter(affair_id__in=affairs).values(
                    "agreement_id"
                )
            )
        )
    if filters.region:
        qs = qs.filter(pk__in=AgreementParty.objects.filter(region_id=filters.region).values("agreement"))
    if filters.affair:
        qs = qs.filter(
            pk__in=Agreement.affairs.through.objects.filter(affair_id=filters.affair).values("agreement")
        )
    return _prefetched(qs).order_by("-created_at", "-id")


def _prefetched(qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.prefetch_related(
        Prefetch(
            "parties",
            queryset=AgreementParty.objects.select_related("region", "organisation").order_by(
                "position", "id"
            ),
        ),
        "affairs",
        Prefetch(
            # no ordering: the model's own joins agreement and party twice for a set read as a whole
            "publication_consents",
            queryset=PublicationConsent.objects.order_by(),
            to_attr="public_consents",
        ),
    )


def public_agreement(pk: int) -> Agreement | None:
    """One published agreement, or None (unpublished and missing are the same answer to the public)."""
    return _prefetched(published_agreements().filter(pk=pk)).first()


def public_pks(agreement: Agreement) -> DocumentVersion | None:
    """The latest version of the agreement's PKS file, only where no party withholds it (``agreement`` comes
    from :func:`public_agreement`)."""
    if WithheldItem.PKS in withheld_of(agreement):
        return None
    document = (
        Document.objects.filter(object_type=OBJECT_TYPE, object_id=str(agreement.pk), kind=DocumentKind.PKS)
        .order_by("-created_at", "-id")
        .first()
    )
    if document is None:
        return None
    return document.versions.select_related("blob", "document").order_by("-number").first()
