"""Every read of agreements that leaves the system (house rule 4: scoped by ``restrict(user, "view")``).

``agreement_list`` (the list page, the API list, the CLI) with its filters and counts in a constant number of
queries; ``agreement_detail`` (the detail page and API) with parties, documents, DPRD records and the stage
timeline; ``available_actions`` (what THIS user may do now: policy ∩ the rulebook); ``agreements_in_force``
(the register the mapping engine reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from kerjasama.accounts.policy import can
from kerjasama.accounts.predicates import is_cooperation_operator, is_tkksd_member
from kerjasama.agreements.choices import (
    CLOSED_STAGES,
    AgreementStage,
    DprdOutcome,
    PartyRole,
    PartyStatus,
    TkksdReview,
)
from kerjasama.agreements.clocks import StageClock, stage_clocks
from kerjasama.agreements.models import Agreement, AgreementDocument, AgreementParty, DprdApproval
from kerjasama.agreements.services import STAGE_ACTIONS, agreement_not_found, attached_documents
from kerjasama.agreements.state import OBJECT_TYPE, build_state, proposer_tkksd_formed, rule_context
from kerjasama.mapping.domain.inputs import ExistingAgreement
from kerjasama.rulebook.stages import evaluate, table_for
from kerjasama.rulebook.subjects import DocumentFact


@dataclass(frozen=True)
class AgreementFilters:
    """What a list may be narrowed to (all optional). ``partner``: a region code or ``org:<id>``;
    ``province``: a province code (a party region in it); ``expiring_within_days``: in force and ending within
    N days from today; ``my_turn``: the user's side has something to do now."""

    type: str | None = None
    category: str | None = None
    stage: str | None = None
    affair: str | None = None
    partner: str | None = None
    province: str | None = None
    expiring_within_days: int | None = None
    my_turn: bool = False
    region: str | None = None


@dataclass
class AgreementList:
    agreements: list[Agreement]
    total: int
    by_stage: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)


def _mine(user: Any) -> Q:
    """The parties the user speaks for (cooperation unit of its region, or its own organisation)."""
    org = getattr(user, "organisation", None)
    if org is None:
        return Q(pk__in=[])
    q = Q(organisation_id=org.pk)
    if org.region_id and (is_cooperation_operator(user) or is_tkksd_member(user)):
        q |= Q(region_id=org.region_id)
    return q


def my_turn_q(user: Any) -> Q:
    """Agreements where one of the user's parties has a step to take now (an offer to answer, a signature,
    a DPRD request or decision, a TKKSD review, the proposer's next step)."""
    mine = AgreementParty.objects.filter(_mine(user), agreement=OuterRef("pk"))
    approved_dprd = DprdApproval.objects.filter(
        agreement=OuterRef("agreement"), region=OuterRef("region"), outcome=DprdOutcome.APPROVED
    )
    unreviewed = [TkksdReview.PENDING, TkksdReview.RETURNED]
    if is_tkksd_member(user):
        # The TKKSD reviews the proposer's proposal before the offer, a partner's before accepting (R16, R21).
        turn = Q(
            agreement__stage=AgreementStage.PERSIAPAN, role=PartyRole.PROPOSER, tkksd_review__in=unreviewed
        ) | Q(agreement__stage=AgreementStage.PENAWARAN, role=PartyRole.PARTNER, tkksd_review__in=unreviewed)
    else:
        turn = (
            Q(agreement__stage=AgreementStage.PERSIAPAN, role=PartyRole.PROPOSER)
            | Q(
                agreement__stage=AgreementStage.PENAWARAN,
                role=PartyRole.PARTNER,
                status__in=[PartyStatus.AWARE, PartyStatus.REVIEWING],
            )
            | Q(agreement__stage=AgreementStage.PENYUSUNAN_KB, kb_signed_at__isnull=True)
            | Q(agreement__stage=AgreementStage.KB_DITANDATANGANI, role=PartyRole.PROPOSER)
            | Q(
                agreement__stage=AgreementStage.KB_DITANDATANGANI,
                region__isnull=False,
                agreement__dprd_approval_required=True,
            )
            | (
                Q(agreement__stage=AgreementStage.MENUNGGU_DPRD, region__isnull=False)
                & ~Exists(approved_dprd)
            )
            | Q(agreement__stage=AgreementStage.PENYUSUNAN_PKS, pks_signed_at__isnull=True)
            | Q(agreement__stage=AgreementStage.PENYUSUNAN_NK, nk_signed_at__isnull=True)
        )
    return Q(Exists(mine.filter(turn).exclude(status=PartyStatus.DECLINED)))


def _filtered(user: Any, filters: AgreementFilters) -> QuerySet[Agreement]:
    visible = Agreement.objects.restrict(user, "view")
    # The whole country (Kemendagri) has no restriction: no semi-join over every agreement, so the page can
    # walk the ``created_at`` index and stop at its 50th row (bench/agreements.py, 30,000 agreements).
    qs = Agreement.objects.filter(pk__in=visible.values("pk")) if visible.query.has_filters() else visible
    f = filters
    if f.type:
        qs = qs.filter(type=f.type)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.affair:
        qs = qs.filter(
            Exists(Agreement.affairs.through.objects.filter(agreement_id=OuterRef("pk"), affair_id=f.affair))
        )
    if f.partner:
        party = (
            Q(organisation_id=int(f.partner[4:]))
            if f.partner.startswith("org:") and f.partner[4:].isdigit()
            else Q(region_id=f.partner)
        )
        qs = qs.filter(Exists(AgreementParty.objects.filter(party, agreement_id=OuterRef("pk"))))
    if f.region:
        qs = qs.filter(Exists(AgreementParty.objects.filter(agreement_id=OuterRef("pk"), region_id=f.region)))
    if f.province:
        qs = qs.filter(
            Exists(
                # The province and every region whose code starts with its code (34 -> 34.71), on the
                # party's own indexed column, as ``core.scoping.region_q``.
                AgreementParty.objects.filter(
                    Q(region_id=f.province) | Q(region__pk__startswith=f"{f.province}."),
                    agreement_id=OuterRef("pk"),
                )
            )
        )
    if f.expiring_within_days is not None:
        today = timezone.localdate()
        qs = qs.filter(
            stage=AgreementStage.PELAKSANAAN,
            term_end__gte=today,
            term_end__lte=today + timedelta(days=max(0, f.expiring_within_days)),
        )
    if f.my_turn:
        qs = qs.filter(my_turn_q(user))
    return qs


def _parties() -> Prefetch:
    """The parties of agreements with their region or organisation in one query, in each agreement's own order
    (not the model's ordering, which joins every agreement again to sort by the agreement's ordering)."""
    return Prefetch(
        "parties",
        queryset=AgreementParty.objects.select_related("region", "organisation").order_by(
            "agreement_id", "position", "id"
        ),
    )


def agreement_list(
    user: Any, filters: AgreementFilters | None = None, *, limit: int = 50, offset: int = 0
) -> AgreementList:
    """The agreements ``user`` may see, narrowed by ``filters``, newest first, with counts by stage and type
    (5 queries whatever the data size: counts, page, parties, their regions/organisations, affairs)."""
    qs = _filtered(user, filters or AgreementFilters())
    by_stage: dict[str, int] = {}
    by_type: dict[str, int] = {}
    for stage, kind, n in qs.order_by().values_list("stage", "type").annotate(n=Count("pk")):
        by_stage[stage] = by_stage.get(stage, 0) + n
        by_type[kind] = by_type.get(kind, 0) + n
    page = list(
        qs.select_related("lead_region")
        .prefetch_related(
            # one query for the parties with their region or organisation, in each agreement's own order (the
            # model's ordering would join every agreement again to sort by it)
            _parties(),
            "affairs",
        )
        .order_by("-created_at", "-id")[offset : offset + limit]
    )
    return AgreementList(page, sum(by_stage.values()), by_stage, by_type)


@dataclass(frozen=True)
class TimelineEntry:
    stage: str
    at: datetime
    by: str
    reason: str


@dataclass
class AgreementDetail:
    agreement: Agreement
    parties: list[AgreementParty]
    recorded_documents: list[AgreementDocument]
    files: list[Any]
    dprd_approvals: list[DprdApproval]
    timeline: list[TimelineEntry]
    actions: list[dict[str, Any]]
    clocks: list[StageClock] = field(default_factory=list)


def visible_agreement(user: Any, pk: int) -> Agreement:
    """The agreement if ``user`` may see it (404 ``agreements.not_found`` otherwise; the two are not told apart)."""
    found = (
        Agreement.objects.restrict(user, "view")
        .filter(pk=pk)
        .select_related("lead_region")
        .prefetch_related(
            _parties(),
            # the models' orderings start with "agreement", which joins the agreement again to sort by its own
            # ordering: for one agreement the rest of the ordering is the same order
            Prefetch("dprd_approvals", queryset=DprdApproval.objects.order_by("region_id", "requested_on")),
            Prefetch("recorded_documents", queryset=AgreementDocument.objects.order_by("recorded_at", "id")),
            "affairs",
        )
        .first()
    )
    if found is None:
        raise agreement_not_found()
    return found


def stage_timeline(agreement: Agreement) -> list[TimelineEntry]:
    """The stages the agreement passed, from its row history (who moved it, when, with which reason)."""
    entries: list[TimelineEntry] = []
    rows = (
        Agreement.history.filter(id=agreement.pk)
        .order_by("history_date", "history_id")
        .values_list("stage", "history_date", "history_user__username", "history_change_reason")
    )
    for stage, at, username, reason in rows:
        if entries and entries[-1].stage == stage:
            continue
        entries.append(TimelineEntry(stage, at, username or "sistem", reason or ""))
    return entries


def agreement_detail(user: Any, pk: int) -> AgreementDetail:
    """Everything the detail page shows, seen identically by every party."""
    from kerjasama.documents.models import Document

    agreement = visible_agreement(user, pk)
    files = list(
        Document.objects.filter(object_type=OBJECT_TYPE, object_id=str(agreement.pk)).order_by(
            "created_at", "pk"
        )
    )
    return AgreementDetail(
        agreement=agreement,
        parties=list(agreement.parties.all()),
        recorded_documents=list(agreement.recorded_documents.all()),
        files=files,
        dprd_approvals=list(agreement.dprd_approvals.all()),
        timeline=stage_timeline(agreement),
        actions=available_actions(
            user,
            agreement,
            attached=[(f.kind, f.created_at.date() if f.created_at else None) for f in files],
        ),
        clocks=stage_clocks(agreement),
    )


def available_actions(
    user: Any, agreement: Agreement, *, attached: list[tuple[str, date | None]] | None = None
) -> list[dict[str, Any]]:
    """What ``user`` may do on ``agreement`` now: ``{"action": <service name>, "party": <party id or None>}``.

    Policy (``rules.py``) ∩ the rulebook (the stage table's transitions whose guards pass; a signature is
    offered when signing by every party as recorded would be lawful). ``agreement`` as loaded by
    ``visible_agreement`` / ``services.load``; ``attached``: the (kind, date) of its attached files when the
    caller has them already. The documents attached and the proposer's TKKSD decree are read once here, however
    many actions the rulebook is asked about."""
    if not can(user, "agreements.view_agreement", agreement):
        return []
    out: list[dict[str, Any]] = []
    stage = agreement.stage
    parties = list(agreement.parties.all())
    mine = [p for p in parties if can(user, "agreements.act_for_party", p)]
    manages = can(user, "agreements.manage", agreement)
    table = table_for(agreement.type)
    attached = attached_documents(agreement) if attached is None else attached
    formed = proposer_tkksd_formed(parties)
    state = build_state(agreement, parties=parties, attached_kinds=attached, tkksd_formed=formed)
    context = rule_context()

    def _allowed(
        action: str, *, assume_signed: Any = None, extra: tuple[DocumentFact, ...] = ()
    ) -> bool:
        asked = state
        if assume_signed is not None:
            asked = build_state(
                agreement,
                parties=parties,
                attached_kinds=attached,
                assume_signed=assume_signed,
                tkksd_formed=formed,
            )
        if extra:
            asked = replace(asked, documents=(*asked.documents, *extra))
        return evaluate(table, asked, action, context).allowed

    offered = {t.action for t in table.outgoing(stage) if t.applies is None or t.applies(state)}
    if manages:
        if "kirim_penawaran" in offered:
            offer = DocumentFact(
                "penawaran",
                signed=True,
                signatory_role="kepala_daerah",
                on=timezone.localdate(),
                issuer=agreement.lead_region_id,
            )
            if _allowed("kirim_penawaran", extra=(offer,)):
                out.append({"action": "send_offer", "party": None})
        if agreement.type == "KSDPK" and stage == AgreementStage.PERSIAPAN:
            out.append({"action": "record_partner_selection", "party": None})
        if "akhiri" in offered:
            # Ending goes through the lifecycle's settlement checklist and termination document (issue 11 item 4):
            # ``POST /api/v1/agreements/{id}/termination``, the page's lifecycle panel; never a shortcut here.
            out.append({"action": "terminate_agreement", "party": None})
        for action in ("susun_pks", "susun_nk", "batalkan"):
            if action in offered and _allowed(action):
                out.append({"action": STAGE_ACTIONS[action], "party": None})
    approved_dprd = {a.region_id for a in agreement.dprd_approvals.all()}
    pending_dprd = {
        a.region_id: a for a in agreement.dprd_approvals.all() if a.outcome == DprdOutcome.PENDING
    }
    for party in mine:
        if party.status == PartyStatus.DECLINED:
            continue
        if (
            stage == AgreementStage.PENAWARAN
            and party.role == PartyRole.PARTNER
            and party.status != PartyStatus.APPROVED
        ):
            if (
                party.region_id is None
                or party.tkksd_review == TkksdReview.APPROVED
                or not context.settings.require_tkksd_review
            ):
                out.append({"action": "accept_offer", "party": party.pk})
            out.append({"action": "decline_offer", "party": party.pk})
        for kind, action, fieldname, service in (
            ("kb", "tandatangani_kb", "kb_signed_at", "sign_kb"),
            ("pks", "tandatangani_pks", "pks_signed_at", "sign_pks"),
            ("nk", "tandatangani_nk", "nk_signed_at", "sign_nota_kesepakatan"),
        ):
            if (
                action in offered
                and getattr(party, fieldname) is None
                and _allowed(action, assume_signed=kind)
            ):
                out.append({"action": service, "party": party.pk})
        if (
            party.region_id
            and party.region_id not in approved_dprd
            and ("ajukan_dprd" in offered or stage == AgreementStage.MENUNGGU_DPRD)
        ):
            out.append({"action": "request_dprd_approval", "party": party.pk})
        if party.region_id in pending_dprd and stage == AgreementStage.MENUNGGU_DPRD:
            out.append({"action": "record_dprd_decision", "party": party.pk})
        if stage not in CLOSED_STAGES:
            if party.acknowledged_at is None:
                out.append({"action": "acknowledge", "party": party.pk})
            if party.status == PartyStatus.AWARE:
                out.append({"action": "start_review", "party": party.pk})
            if party.status in (PartyStatus.AWARE, PartyStatus.REVIEWING) and (
                party.region_id is None
                or agreement.type == "SINERGI"
                or party.tkksd_review == TkksdReview.APPROVED
            ):
                out.append({"action": "approve_side", "party": party.pk})
            if party.status != PartyStatus.SIGNED:
                out.append({"action": "decline_side", "party": party.pk})
                out.append({"action": "record_signatory", "party": party.pk})
    if stage not in CLOSED_STAGES:
        for party in parties:
            if party.status != PartyStatus.DECLINED and can(user, "agreements.review_for_party", party):
                out.append({"action": "record_tkksd_review", "party": party.pk})
    if stage not in CLOSED_STAGES and can(user, "agreements.record_document", agreement):
        out.append({"action": "record_document", "party": None})
    return out


@dataclass(frozen=True)
class InForce:
    """An agreement in force as the mapping engine reads it (``mapping.domain.ExistingAgreement``)."""

    parties: frozenset[str]
    affair_code: str
    ends_year: int | None
    label: str


def agreements_in_force(regions: set[str] | None = None) -> list[InForce]:
    """Every agreement in force (*pelaksanaan*, its term not ended), one entry per affair, with its party
    regions, in ONE query; ``regions``: only those with a party region among them. Not scoped by user: the
    mapping engine is the system itself, and its results are scoped when they are read."""
    today = timezone.localdate()
    rows = Agreement.affairs.through.objects.filter(agreement__stage=AgreementStage.PELAKSANAAN).filter(
        Q(agreement__term_end__isnull=True) | Q(agreement__term_end__gte=today)
    )
    if regions is not None:
        rows = rows.filter(
            Exists(
                AgreementParty.objects.filter(
                    agreement_id=OuterRef("agreement_id"), region_id__in=sorted(regions)
                )
            )
        )
    grouped: dict[tuple[int, str], tuple[set[str], date | None, str]] = {}
    for agreement_id, affair_id, number, title, term_end, region_id in rows.values_list(
        "agreement_id",
        "affair_id",
        "agreement__number",
        "agreement__title",
        "agreement__term_end",
        "agreement__parties__region_id",
    ).order_by("agreement_id", "affair_id"):
        codes, _end, _label = grouped.setdefault(
            (agreement_id, affair_id), (set(), term_end, number or title)
        )
        if region_id:
            codes.add(region_id)
    return [
        InForce(frozenset(codes), affair, end.year if end else None, label)
        for (_pk, affair), (codes, end, label) in grouped.items()
        if len(codes) >= 2
    ]


def engine_agreements(regions: set[str] | None = None) -> list[ExistingAgreement]:
    """``agreements_in_force`` as the mapping engine's ``ExistingAgreement`` (parties, affair, end year, label:
    the registration number or else the title); registered with ``mapping.runner`` at start-up."""
    return [
        ExistingAgreement(parties=a.parties, affair_code=a.affair_code, ends_year=a.ends_year, label=a.label)
        for a in agreements_in_force(regions)
    ]


def agreement_facets(user: Any, filters: AgreementFilters | None = None) -> dict[str, dict[str, int]]:
    """Counts per value of the list's other filters (category, affair) for the agreements ``user`` may see
    under ``filters``: two queries whatever the data size (the list's own counts give stage and type)."""
    qs = _filtered(user, filters or AgreementFilters())
    by_category = {
        category: n
        for category, n in qs.order_by().values_list("category").annotate(n=Count("pk"))
        if category
    }
    by_affair = dict(
        Agreement.affairs.through.objects.filter(agreement__in=qs.order_by().values("pk"))
        .values_list("affair_id")
        .annotate(n=Count("agreement_id"))
        .order_by()
    )
    return {"category": by_category, "affair": by_affair}
