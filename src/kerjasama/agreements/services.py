"""Every change to an agreement (house rule 2): keyword-only, a typed ``actor``, ``transaction.atomic``, a
policy check, the rulebook's verdict, the one transition helper for every state, audit, notifications on
commit.

Stage actions follow the rulebook's table for the agreement's type (``rulebook.stages``; PP 28/2018 Pasal
6(1), 19(1), 46): each builds the ``AgreementState`` (``agreements.state``), asks ``stages.evaluate`` and,
when a guard fails, refuses with :class:`~kerjasama.core.errors.RuleRefusal` carrying the findings (rule id,
messages, legal basis); nothing is written. Party actions change one party's own side.

Concurrency (house rule 5): every service first claims the agreement row (its ``version``; an ``UPDATE`` that
PostgreSQL serialises by row lock and SQLite by its write lock), then compares the stage the caller saw with
the stored one: a caller who acted on a stale page gets a 409 ``Conflict`` and nothing is written. Stage
moves themselves go through ``core.transitions.transition`` (compare-and-swap on ``stage``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import require
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.agreements import notices
from kerjasama.agreements.choices import (
    EDITABLE_STAGES,
    AgreementCategory,
    AgreementType,
    DprdOutcome,
    OriginKind,
    PartyRole,
    PartyStatus,
    RecordedDocumentKind,
    Stage,
    TkksdReview,
)
from kerjasama.agreements.models import (
    MAX_SUB_AFFAIRS,
    NAME_MAX_LENGTH,
    NUMBER_MAX_LENGTH,
    REF_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Agreement,
    AgreementDocument,
    AgreementParty,
    DprdApproval,
)
from kerjasama.agreements.state import OBJECT_TYPE, build_state, rule_context
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import ErrorDetail, KerjasamaError, NotFound, RuleRefusal, reject_unknown_fields
from kerjasama.core.transitions import choice_labels, conflict_error, transition
from kerjasama.core.versioning import claim_version
from kerjasama.regions.models import Region
from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.rules import procedure, run_rule
from kerjasama.rulebook.rules.closing import KSDPK_REQUIRED_CLAUSES
from kerjasama.rulebook.rules.procedure import requires_dprd_approval
from kerjasama.rulebook.settings import DEFAULT_KSDD_PKS_CLAUSES
from kerjasama.rulebook.stages import TransitionResult, evaluate, table_for
from kerjasama.rulebook.subjects import DocumentFact, DocumentKind, Plan, ThirdParty

#: Rules whose error findings refuse a proposal outright: parties and codes (R1, R3, R4), category and
#: pairing (R6-R9), object and authority (R10, R11). The other rules speak to later stages and are guards
#: of the stage table.
PROPOSAL_RULES = ("R1", "R3", "R4", "R6", "R7", "R8", "R9", "R10", "R11")

#: The rulebook's action ids and the services that take them (for ``selectors.available_actions``).
STAGE_ACTIONS: dict[str, str] = {
    "kirim_penawaran": "send_offer",
    "terima_penawaran": "accept_offer",
    "tolak_penawaran": "decline_offer",
    "tandatangani_kb": "sign_kb",
    "ajukan_dprd": "request_dprd_approval",
    "setujui_dprd": "record_dprd_decision",
    "tolak_dprd": "record_dprd_decision",
    "susun_pks": "start_pks_drafting",
    "tandatangani_pks": "sign_pks",
    "batalkan": "cancel_agreement",
    "susun_nk": "draft_nota_kesepakatan",
    "tandatangani_nk": "sign_nota_kesepakatan",
}

#: Fields ``update_proposal`` may change.
EDITABLE_FIELDS = {
    "title",
    "object",
    "scope",
    "category",
    "affairs",
    "sub_affairs",
    "justification_externality",
    "justification_efficiency",
    "legal_basis",
    "term_start",
    "term_end",
    "notice_date",
    "apbd_budgeted",
    "burdens_public",
    "value",
    "number",
    "pks_clauses",
}
_FINANCING = {"apbd_budgeted", "burdens_public"}
_TEXTS = {
    "object": TEXT_MAX_LENGTH,
    "scope": TEXT_MAX_LENGTH,
    "justification_externality": TEXT_MAX_LENGTH,
    "justification_efficiency": TEXT_MAX_LENGTH,
    "legal_basis": TEXT_MAX_LENGTH,
    "number": NUMBER_MAX_LENGTH,
    "title": TITLE_MAX_LENGTH,
}


# -- errors -----------------------------------------------------------------------------------------------


def agreement_not_found() -> NotFound:
    return NotFound(
        "agreements.not_found",
        "Kerja sama tidak ditemukan atau di luar kewenangan Anda.",
        "The agreement does not exist or is outside what you may see.",
    )


def _bad(code: str, message_id: str, message_en: str, location: str | None = None) -> KerjasamaError:
    details = [ErrorDetail(location, message_id, message_en)] if location else []
    return KerjasamaError(f"agreements.{code}", message_id, message_en, details)


def refusal(action: str, findings: list[Finding]) -> RuleRefusal:
    """The rulebook refuses ``action``: its error findings, with their legal basis."""
    errors = [f.to_dict() for f in findings if f.severity == "error"]
    rules_text = ", ".join(sorted({f["rule"] for f in errors}))
    return RuleRefusal(
        "agreements.rule_refused",
        f"Langkah '{action}' belum dapat dilakukan menurut aturan ({rules_text}); lihat temuan dan dasar hukumnya.",
        f"Step '{action}' cannot be taken under the rules ({rules_text}); see the findings and their legal basis.",
        errors,
    )


# -- loading and the rulebook's verdict ----------------------------------------------------------------------


def load(pk: int) -> Agreement:
    """The agreement with everything ``build_state`` reads (parties with their region and organisation,
    DPRD approvals, recorded documents, affairs): a constant number of queries."""
    found = (
        Agreement.objects.select_related("lead_region")
        .prefetch_related(
            "parties__region", "parties__organisation", "dprd_approvals", "recorded_documents", "affairs"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise agreement_not_found()
    return found


def attached_documents(agreement: Agreement) -> list[tuple[str, date | None]]:
    """(kind, date) of the ``documents.Document`` files attached to ``agreement``."""
    from kerjasama.documents.models import Document

    return [
        (kind, created.date() if created else None)
        for kind, created in Document.objects.filter(
            object_type=OBJECT_TYPE, object_id=str(agreement.pk)
        ).values_list("kind", "created_at")
    ]


def evaluate_action(
    agreement: Agreement,
    action: str,
    *,
    assume_signed: DocumentKind | None = None,
    extra: Iterable[DocumentFact] = (),
) -> TransitionResult:
    """The rulebook's verdict on ``action`` for ``agreement`` as recorded (``agreement`` from :func:`load`).

    ``assume_signed`` asks whether signing that document by every party would be lawful; ``extra`` adds
    documents the service is about to record (the offer letter of ``send_offer``)."""
    state = build_state(agreement, attached_kinds=attached_documents(agreement), assume_signed=assume_signed)
    if extra:
        state = replace(state, documents=(*state.documents, *extra))
    ctx = rule_context()
    result = evaluate(table_for(agreement.type), state, action, ctx)
    if not result.allowed and action == "tandatangani_pks" and agreement.stage != Stage.PENYUSUNAN_PKS:
        # Refused by the stage order: say also why the PKS cannot be signed yet (the DPRD approval, R13).
        extra_findings = procedure.gate_dprd_approval(state, ctx)
        result = TransitionResult(False, None, [*result.findings, *extra_findings])
    return result


def _claim(agreement: Agreement, *, seen_stage: str | None = None) -> Agreement:
    """Lock the agreement row (bump its version), reload it, and check the stage the caller saw."""
    # A stand-in, so a refusal (rolled back) never leaves a bumped version on the caller's instance.
    claim_version(Agreement(pk=agreement.pk), expected=None, code="agreements.stale_version")
    fresh = load(agreement.pk)
    if seen_stage is not None and fresh.stage != seen_stage:
        raise conflict_error(
            Agreement,
            code="agreements.stage_conflict",
            field="stage",
            expected=seen_stage,
            current=fresh.stage,
            describe=choice_labels(Agreement, "stage"),
        )
    return fresh


def _party_of(fresh: Agreement, party: AgreementParty) -> AgreementParty:
    found = next((p for p in fresh.parties.all() if p.pk == party.pk), None)
    if found is None:
        raise agreement_not_found()
    return found


def _move(
    fresh: Agreement,
    *,
    actor: Actor,
    action: str,
    reason: str = "",
    stamps: dict[str, Any] | None = None,
    result: TransitionResult | None = None,
) -> Agreement:
    """Take the rulebook ``action`` on ``fresh`` (already claimed): evaluate, then the transition helper."""
    result = result or evaluate_action(fresh, action)
    if not result.allowed or result.target is None:
        raise refusal(action, result.findings)
    return transition(
        fresh,
        actor=actor,
        action=AuditAction.AGREEMENT_STAGE_CHANGED,
        expected=fresh.stage,
        target=result.target,
        conflict_code="agreements.stage_conflict",
        field="stage",
        stamps=stamps,
        reason=reason or action,
    )


def _on_commit_notify(agreement: Agreement, event: str, actor: Actor, **kwargs: Any) -> None:
    # ``notify`` itself schedules each delivery with ``transaction.on_commit``.
    notices.agreement_event(agreement=agreement, event=event, actor=actor, **kwargs)


# -- input checks ------------------------------------------------------------------------------------------


def _clean_text(name: str, value: Any) -> str:
    text = str(value or "").strip()
    limit = _TEXTS.get(name, TEXT_MAX_LENGTH)
    if len(text) > limit:
        raise _bad(
            "text_too_long",
            f"Isian '{name}' terlalu panjang: {len(text)} karakter, paling banyak {limit}.",
            f"Field '{name}' is too long: {len(text)} characters, at most {limit}.",
            name,
        )
    return text


def _clean_reason(reason: str, *, required: bool = True) -> str:
    text = _clean_text("reason", reason)
    if required and not text:
        raise _bad("reason_required", "Alasan wajib diisi.", "A reason is required.", "reason")
    return text


def _affairs(codes: Iterable[str]) -> list[Affair]:
    wanted = sorted({str(c).strip() for c in codes if str(c).strip()})
    found = {a.code: a for a in Affair.objects.filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise _bad(
            "unknown_affair",
            f"Kode urusan tidak dikenal: {', '.join(unknown)}.",
            f"Unknown affair code: {', '.join(unknown)}.",
            "affairs",
        )
    return [found[c] for c in wanted]


def _sub_affairs(codes: Iterable[str], affairs: list[Affair]) -> list[str]:
    wanted = sorted({str(c).strip() for c in codes if str(c).strip()})
    if len(wanted) > MAX_SUB_AFFAIRS:
        raise _bad(
            "too_many_sub_affairs",
            f"Paling banyak {MAX_SUB_AFFAIRS} sub-urusan.",
            f"At most {MAX_SUB_AFFAIRS} sub-affairs.",
            "sub_affairs",
        )
    owners = dict(AuthorityEntry.objects.filter(code__in=wanted).values_list("code", "affair_id"))
    affair_codes = {a.code for a in affairs}
    wrong = [c for c in wanted if owners.get(c) not in affair_codes]
    if wrong:
        raise _bad(
            "unknown_sub_affair",
            f"Sub-urusan tidak dikenal atau bukan bagian urusan yang dipilih: {', '.join(wrong)}.",
            f"Sub-affair unknown or not part of the chosen affairs: {', '.join(wrong)}.",
            "sub_affairs",
        )
    return wanted


def pks_clause_keys() -> frozenset[str]:
    """The clause keys a PKS may be recorded with: the KSDPK minimum (R27, UU 23/2014 Pasal 366(2)) and the
    configured KSDD list (``KERJASAMA_RULEBOOK_KSDD_PKS_REQUIRED_CLAUSES``; PP 28/2018 Pasal 6(4))."""
    settings = rule_context().settings
    return frozenset(
        (*KSDPK_REQUIRED_CLAUSES, *DEFAULT_KSDD_PKS_CLAUSES, *settings.ksdd_pks_required_clauses)
    )


def _pks_clauses(values: Iterable[str]) -> list[str]:
    wanted = sorted({str(v).strip() for v in values if str(v).strip()})
    unknown = sorted(set(wanted) - pks_clause_keys())
    if unknown:
        raise _bad(
            "unknown_clause",
            f"Klausul PKS tidak dikenal: {', '.join(unknown)}; yang dikenal: {', '.join(sorted(pks_clause_keys()))}.",
            f"Unknown PKS clause: {', '.join(unknown)}; known: {', '.join(sorted(pks_clause_keys()))}.",
            "pks_clauses",
        )
    return wanted


def _check_term(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise _bad(
            "term_order",
            "Akhir jangka waktu tidak boleh sebelum awalnya.",
            "The end of the term cannot be before its start.",
            "term_end",
        )


def _check_value(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except ArithmeticError as exc:
        raise _bad(
            "value_invalid", "Nilai kerja sama tidak sah.", "The value is not a number.", "value"
        ) from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 16:
        raise _bad(
            "value_invalid",
            "Nilai kerja sama harus angka rupiah tidak negatif.",
            "The value must be a non-negative amount in rupiah.",
            "value",
        )
    return amount.quantize(Decimal("0.01"))


def _check_category(kind: str, category: str) -> str:
    if kind == AgreementType.KSDD:
        if category not in AgreementCategory.values:
            raise _bad(
                "category_required",
                "KSDD harus berkategori wajib atau sukarela (UU 23/2014 Pasal 363(3)).",
                "A KSDD must be mandatory or voluntary (UU 23/2014 Pasal 363(3)).",
                "category",
            )
        return category
    if category:
        raise _bad(
            "category_not_applicable",
            "Kategori wajib/sukarela hanya untuk KSDD (UU 23/2014 Pasal 363(3)).",
            "The mandatory/voluntary category applies to a KSDD only (UU 23/2014 Pasal 363(3)).",
            "category",
        )
    return ""


def _plan_of(
    kind: str,
    regions: list[str],
    category: str,
    third_party: ThirdParty | None,
    affairs: list[Affair],
    sub_affairs: list[str],
    externality: str,
    efficiency: str,
    burdens_public: bool | None,
    apbd_budgeted: bool | None,
) -> Plan:
    return Plan(
        type=kind,  # type: ignore[arg-type]
        parties=tuple(regions),
        category=category or None,  # type: ignore[arg-type]
        third_party=third_party,
        affairs=tuple(a.code for a in affairs),
        sub_affairs=tuple(sub_affairs),
        externality=bool(externality),
        efficiency=bool(efficiency),
        burdens_public=None if kind == AgreementType.SINERGI else burdens_public,
        budgeted_in_apbd=None if kind == AgreementType.SINERGI else apbd_budgeted,
    )


def _check_plan(plan: Plan) -> None:
    ctx = rule_context()
    findings = [f for rule in PROPOSAL_RULES for f in run_rule(rule, plan, ctx)]
    if any(f.severity == "error" for f in findings):
        raise refusal("propose", findings)


def _dprd_required(agreement: Agreement, regions: list[str]) -> bool:
    """PP 28/2018 Pasal 6(2), 19(1): burdens the public and region, or not budgeted in the APBD."""
    plan = Plan(
        type=agreement.type,  # type: ignore[arg-type]
        parties=tuple(regions),
        burdens_public=agreement.burdens_public,
        budgeted_in_apbd=agreement.apbd_budgeted,
    )
    return requires_dprd_approval(plan)


# -- proposal -------------------------------------------------------------------------------------------------


def proposal_from_recommendation(region: Region, partner: Region, affair: Affair) -> dict[str, Any]:
    """Initial values of ``propose_agreement`` for "ajukan kerja sama" on a mapping recommendation: a KSDD of
    ``region`` with ``partner`` on ``affair``, its category and reasons when the recommendation is stored."""
    from kerjasama.mapping.models import Recommendation

    rec = Recommendation.objects.filter(region=region, partner=partner, affair=affair).first()
    reasons = [r.get("text", "") for r in (rec.reasons if rec is not None else []) if isinstance(r, dict)]
    externality = "; ".join(t for t in reasons if t)[:TEXT_MAX_LENGTH]
    return {
        "type": AgreementType.KSDD.value,
        "lead_region": region,
        "partner_regions": [partner],
        "category": rec.category if rec is not None else AgreementCategory.SUKARELA.value,
        "title": f"Kerja sama {affair.name_id} {region.name} dan {partner.name}"[:TITLE_MAX_LENGTH],
        "affairs": [affair.code],
        "justification_externality": externality,
        "origin_kind": OriginKind.RECOMMENDATION.value,
        "origin_ref": f"{region.code}/{partner.code}/{affair.code}",
    }


def proposal_from_plan(plan: Plan, *, lead_region: Region) -> dict[str, Any]:
    """Initial values of ``propose_agreement`` from a plan checked by ``kerjasama check`` / the plan checker
    (``rulebook.subjects.Plan``); ``lead_region`` is the proposing party among ``plan.parties``."""
    partners = [c for c in plan.parties if c != lead_region.code]
    return {
        "type": plan.type,
        "lead_region": lead_region,
        "partner_regions": list(Region.objects.filter(code__in=partners).order_by("code")),
        "category": plan.category or "",
        "affairs": list(plan.affairs),
        "sub_affairs": list(plan.sub_affairs),
        "apbd_budgeted": plan.budgeted_in_apbd,
        "burdens_public": plan.burdens_public,
        "origin_kind": OriginKind.PLAN_CHECK.value,
        "origin_ref": "+".join(plan.parties)[:REF_MAX_LENGTH],
    }


def _check_parties(
    kind: str, lead: Region, partner_regions: list[Region], organisations: list[Organisation]
) -> ThirdParty | None:
    codes = [lead.code, *(r.code for r in partner_regions)]
    if len(set(codes)) != len(codes):
        raise _bad(
            "duplicate_party",
            "Satu daerah tercatat dua kali sebagai pihak.",
            "A region is listed twice.",
            "parties",
        )
    if len({o.pk for o in organisations}) != len(organisations):
        raise _bad(
            "duplicate_party",
            "Satu organisasi tercatat dua kali sebagai pihak.",
            "An organisation is listed twice.",
            "parties",
        )
    if kind == AgreementType.KSDD:
        if organisations or not partner_regions:
            raise _bad(
                "parties_invalid",
                "KSDD adalah kerja sama daerah dengan daerah lain: sebutkan daerah mitra, tanpa organisasi.",
                "A KSDD is between regions: name the partner regions and no organisation.",
                "parties",
            )
        return None
    if len(organisations) != 1:
        raise _bad(
            "parties_invalid",
            "KSDPK dan sinergi memiliki tepat satu mitra organisasi (pihak ketiga atau kementerian/lembaga).",
            "A KSDPK or synergy has exactly one partner organisation (third party or ministry/agency).",
            "parties",
        )
    org = organisations[0]
    if kind == AgreementType.KSDPK:
        if org.kind not in THIRD_PARTY_KINDS:
            raise _bad(
                "parties_invalid",
                "Mitra KSDPK harus pihak ketiga (PP 28/2018 Pasal 14).",
                "A KSDPK partner must be a third party (PP 28/2018 Pasal 14).",
                "parties",
            )
        return ThirdParty(org.kind, org.name)  # type: ignore[arg-type]
    if org.kind != OrganisationKind.KEMENDAGRI:
        raise _bad(
            "parties_invalid",
            "Mitra sinergi adalah kementerian/lembaga pemerintah pusat (PP 28/2018 Pasal 46).",
            "A synergy partner is a central ministry/agency (PP 28/2018 Pasal 46).",
            "parties",
        )
    return None


@transaction.atomic
def propose_agreement(
    *,
    actor: Actor,
    lead_region: Region,
    type: str,
    title: str,
    partner_regions: Iterable[Region] = (),
    partner_organisations: Iterable[Organisation] = (),
    category: str = "",
    affairs: Iterable[str] = (),
    sub_affairs: Iterable[str] = (),
    object: str = "",
    scope: str = "",
    justification_externality: str = "",
    justification_efficiency: str = "",
    legal_basis: str = "",
    term_start: date | None = None,
    term_end: date | None = None,
    notice_date: date | None = None,
    apbd_budgeted: bool | None = None,
    burdens_public: bool | None = None,
    value: Any = None,
    origin_kind: str = OriginKind.MANUAL,
    origin_ref: str = "",
    number: str = "",
    is_example: bool = False,
) -> Agreement:
    """A new cooperation in *persiapan*, proposed by ``lead_region`` (its cooperation unit).

    The rulebook checks the parties, category, pairing and object first (R1, R3, R4, R6-R11; refused with
    ``agreements.rule_refused``) and says whether DPRD approval is required (R13, PP 28/2018 Pasal 6(2)).
    The proposing region's TKKSD is told that a proposal awaits its review.
    """
    require(actor, "agreements.propose", lead_region)
    if type not in AgreementType.values:
        raise _bad(
            "type_invalid", f"Jenis kerja sama tidak dikenal: {type}.", f"Unknown type: {type}.", "type"
        )
    if origin_kind not in OriginKind.values:
        raise _bad("origin_invalid", "Asal usulan tidak dikenal.", "Unknown origin.", "origin_kind")
    title = _clean_text("title", title)
    if not title:
        raise _bad("title_required", "Judul kerja sama wajib diisi.", "The title is required.", "title")
    texts = {
        name: _clean_text(name, value_)
        for name, value_ in (
            ("object", object),
            ("scope", scope),
            ("justification_externality", justification_externality),
            ("justification_efficiency", justification_efficiency),
            ("legal_basis", legal_basis),
            ("number", number),
        )
    }
    category = _check_category(type, category)
    partners = list(partner_regions)
    organisations = list(partner_organisations)
    third_party = _check_parties(type, lead_region, partners, organisations)
    affair_rows = _affairs(affairs)
    subs = _sub_affairs(sub_affairs, affair_rows)
    _check_term(term_start, term_end)
    amount = _check_value(value)
    regions = [lead_region.code, *(r.code for r in partners)]
    plan = _plan_of(
        type,
        regions,
        category,
        third_party,
        affair_rows,
        subs,
        texts["justification_externality"],
        texts["justification_efficiency"],
        burdens_public,
        apbd_budgeted,
    )
    _check_plan(plan)
    agreement = Agreement(
        type=type,
        category=category,
        title=title,
        sub_affairs=subs,
        term_start=term_start,
        term_end=term_end,
        notice_date=notice_date,
        apbd_budgeted=apbd_budgeted,
        burdens_public=burdens_public,
        value=amount,
        dprd_approval_required=requires_dprd_approval(plan),
        origin_kind=origin_kind,
        origin_ref=_clean_text("origin_ref", origin_ref)[:REF_MAX_LENGTH],
        lead_region=lead_region,
        is_example=is_example,
        created_by=user_or_none(actor),
        **texts,
    )
    agreement._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    agreement.save()
    agreement.affairs.set(affair_rows)
    AgreementParty.objects.create(
        agreement=agreement, region=lead_region, role=PartyRole.PROPOSER, position=0
    )
    for i, region in enumerate(partners, start=1):
        AgreementParty.objects.create(agreement=agreement, region=region, role=PartyRole.PARTNER, position=i)
    for j, org in enumerate(organisations, start=len(partners) + 1):
        AgreementParty.objects.create(
            agreement=agreement, organisation=org, role=PartyRole.PARTNER, position=j
        )
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_PROPOSED,
        obj=agreement,
        new={
            "type": type,
            "category": category,
            "parties": [*regions, *(f"org:{o.pk}" for o in organisations)],
            "affairs": [a.code for a in affair_rows],
            "dprd_approval_required": agreement.dprd_approval_required,
            "origin": f"{origin_kind}:{agreement.origin_ref}",
        },
    )
    fresh = load(agreement.pk)
    proposer = [p for p in fresh.parties.all() if p.role == PartyRole.PROPOSER]
    _on_commit_notify(fresh, "proposed", actor, parties=proposer)
    return fresh


@transaction.atomic
def update_proposal(
    *, actor: Actor, agreement: Agreement, expected_version: int | None, **changes: Any
) -> Agreement:
    """Change the proposal's content while it is still being drafted (persiapan, KB or NK drafting).

    ``expected_version`` is the version the form read (409 ``agreements.stale_version`` if someone saved in
    between). A change of financing recomputes the DPRD requirement (PP 28/2018 Pasal 6(2)); the rulebook
    re-checks parties, category and object (R1-R11) as at the proposal."""
    require(actor, "agreements.manage", agreement)
    reject_unknown_fields(changes, EDITABLE_FIELDS, app="agreements")
    claim_version(Agreement(pk=agreement.pk), expected=expected_version, code="agreements.stale_version")
    fresh = load(agreement.pk)
    if fresh.stage not in EDITABLE_STAGES:
        raise _bad(
            "not_editable",
            "Usulan hanya dapat diubah pada tahap persiapan atau penyusunan naskah.",
            "The proposal can be changed only while it is prepared or its text drafted.",
        )
    old = {k: str(getattr(fresh, k)) for k in changes if k != "affairs"}
    affair_rows = _affairs(changes.pop("affairs")) if "affairs" in changes else list(fresh.affairs.all())
    for name in list(changes):
        if name in _TEXTS or name in {"object", "scope"}:
            changes[name] = _clean_text(name, changes[name])
    if "title" in changes and not changes["title"]:
        raise _bad("title_required", "Judul kerja sama wajib diisi.", "The title is required.", "title")
    if "category" in changes:
        changes["category"] = _check_category(fresh.type, changes["category"] or "")
    if "value" in changes:
        changes["value"] = _check_value(changes["value"])
    if "sub_affairs" in changes:
        changes["sub_affairs"] = _sub_affairs(changes["sub_affairs"], affair_rows)
    if "pks_clauses" in changes:
        changes["pks_clauses"] = _pks_clauses(changes["pks_clauses"])
    for name, value in changes.items():
        setattr(fresh, name, value)
    _check_term(fresh.term_start, fresh.term_end)
    parties = list(fresh.parties.all())
    regions = [str(p.region_id) for p in parties if p.region_id]
    third = next((p.organisation for p in parties if p.organisation_id), None)
    third_party = (
        ThirdParty(third.kind, third.name)
        if fresh.type == AgreementType.KSDPK and third is not None
        else None
    )
    _check_plan(
        _plan_of(
            fresh.type,
            regions,
            fresh.category,
            third_party,
            affair_rows,
            list(fresh.sub_affairs),
            fresh.justification_externality,
            fresh.justification_efficiency,
            fresh.burdens_public,
            fresh.apbd_budgeted,
        )
    )
    if _FINANCING & set(changes):
        fresh.dprd_approval_required = _dprd_required(fresh, regions)
    fresh.full_clean(exclude=["lead_region", "created_by"])
    fresh._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    fresh.save()
    fresh.affairs.set(affair_rows)
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_UPDATED,
        obj=fresh,
        old=old,
        new={k: str(getattr(fresh, k)) for k in old},
    )
    return load(fresh.pk)


# -- documents -----------------------------------------------------------------------------------------------


def _record_document(
    fresh: Agreement,
    *,
    actor: Actor,
    kind: str,
    number: str = "",
    dated: date | None = None,
    signed: bool = False,
    signatory_role: str = "",
    issuer: Region | None = None,
    copies_to: Iterable[str] = (),
    document: Any = None,
) -> AgreementDocument:
    if kind not in RecordedDocumentKind.values:
        raise _bad(
            "document_kind_invalid",
            f"Jenis dokumen tidak dikenal: {kind}.",
            f"Unknown document kind: {kind}.",
        )
    if signatory_role and signatory_role not in (
        "kepala_daerah",
        "pejabat_dikuasakan",
        "kepala_opd",
        "lainnya",
    ):
        raise _bad("signatory_role_invalid", "Peran penandatangan tidak dikenal.", "Unknown signatory role.")
    if document is not None and (document.object_type != OBJECT_TYPE or document.object_id != str(fresh.pk)):
        raise _bad(
            "document_not_attached",
            "Berkas itu tidak dilampirkan pada kerja sama ini.",
            "That file is not attached to this agreement.",
        )
    row = AgreementDocument(
        agreement=fresh,
        kind=kind,
        number=_clean_text("number", number),
        dated=dated,
        signed=signed,
        signatory_role=signatory_role,
        issuer=issuer,
        copies_to=sorted({str(c).strip() for c in copies_to if str(c).strip()}),
        document=document,
        recorded_by=user_or_none(actor),
    )
    row._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    row.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_DOCUMENT_RECORDED,
        obj=fresh,
        new={
            "kind": kind,
            "number": row.number,
            "dated": dated.isoformat() if dated else None,
            "signed": signed,
        },
    )
    return row


@transaction.atomic
def record_document(
    *,
    actor: Actor,
    agreement: Agreement,
    kind: str,
    number: str = "",
    dated: date | None = None,
    signed: bool = False,
    signatory_role: str = "",
    document: Any = None,
) -> AgreementDocument:
    """Record a document the rulebook reads (feasibility study R17, work plan R18, TKKSD review record …),
    optionally with its file (a ``documents.Document`` attached to this agreement)."""
    require(actor, "agreements.record_document", agreement)
    fresh = _claim(agreement)
    if fresh.stage in (Stage.BERAKHIR, Stage.DIBATALKAN):
        raise _bad("closed", "Kerja sama ini sudah ditutup.", "This agreement is closed.")
    return _record_document(
        fresh,
        actor=actor,
        kind=kind,
        number=number,
        dated=dated,
        signed=signed,
        signatory_role=signatory_role,
        document=document,
    )


# -- stage actions ------------------------------------------------------------------------------------------


@transaction.atomic
def send_offer(
    *,
    actor: Actor,
    agreement: Agreement,
    letter_number: str,
    letter_date: date | None = None,
    copies_to: Iterable[str] = (),
    signatory_role: str = "kepala_daerah",
    document: Any = None,
) -> Agreement:
    """Stage (b) *penawaran*: the proposing region's head of region sends the offer letter, after its TKKSD's
    review, with copies as the rulebook's table says (R16; gates R17 feasibility study for a KSDPK, R21)."""
    require(actor, "agreements.manage", agreement)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    letter_number = _clean_text("number", letter_number)
    if not letter_number:
        raise _bad(
            "letter_number_required",
            "Nomor surat wajib diisi.",
            "The letter number is required.",
            "letter_number",
        )
    letter_date = letter_date or timezone.localdate()
    copies = sorted({str(c).strip() for c in copies_to if str(c).strip()})
    offer = DocumentFact(
        "penawaran",
        signed=True,
        signatory_role=signatory_role or None,  # type: ignore[arg-type]
        on=letter_date,
        issuer=fresh.lead_region_id,
        copies_to=frozenset(copies),
    )
    result = evaluate_action(fresh, "kirim_penawaran", extra=(offer,))
    if not result.allowed:
        raise refusal("kirim_penawaran", result.findings)
    _record_document(
        fresh,
        actor=actor,
        kind="penawaran",
        number=letter_number,
        dated=letter_date,
        signed=True,
        signatory_role=signatory_role,
        issuer=fresh.lead_region,
        copies_to=copies,
        document=document,
    )
    moved = _move(fresh, actor=actor, action="kirim_penawaran", result=result)
    _on_commit_notify(moved, "offer_sent", actor)
    return moved


def _require_party(actor: Actor, party: AgreementParty, action: str = "agreements.act_for_party") -> None:
    require(actor, action, party)


def _set_party_status(
    party: AgreementParty,
    *,
    actor: Actor,
    target: str,
    reason: str = "",
    stamps: dict[str, Any] | None = None,
) -> AgreementParty:
    return transition(
        party,
        actor=actor,
        action=AuditAction.AGREEMENT_PARTY_STATUS_CHANGED,
        expected=party.status,
        target=target,
        conflict_code="agreements.party_conflict",
        field="status",
        reason=reason,
        stamps=stamps,
    )


def _tkksd_gate(party: AgreementParty) -> None:
    """A region party approves only after its TKKSD approved (Permendagri 22/2020; R16, R21); as in the
    rulebook's R21 gates, not for a synergy with the central government."""
    if (
        party.region_id is None
        or party.agreement.type == AgreementType.SINERGI
        or not rule_context().settings.require_tkksd_review
    ):
        return
    if party.tkksd_review != TkksdReview.APPROVED:
        finding = procedure.R21.error(
            f"TKKSD {party.name} belum menyetujui usulan ini; pihak ini belum dapat menyetujui.",
            f"The TKKSD of {party.name} has not approved this proposal; this party cannot approve yet.",
        )
        raise refusal("approve_side", [finding])


def _approve(party: AgreementParty, *, actor: Actor) -> AgreementParty:
    if party.status == PartyStatus.APPROVED:
        return party
    if party.status not in (PartyStatus.AWARE, PartyStatus.REVIEWING):
        raise _bad(
            "party_status",
            "Pihak ini tidak dalam status yang dapat disetujui.",
            "This party is not in a state that can be approved.",
        )
    _tkksd_gate(party)
    return _set_party_status(party, actor=actor, target=PartyStatus.APPROVED)


@transaction.atomic
def accept_offer(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> Agreement:
    """A partner accepts the offer for its own side (after its TKKSD's review, R16/R21); the agreement moves
    to the KB drafting (c) when every partner has accepted."""
    _require_party(actor, party)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    own = _party_of(fresh, party)
    if own.role != PartyRole.PARTNER:
        raise _bad(
            "not_a_partner", "Hanya pihak mitra yang menerima penawaran.", "Only a partner accepts an offer."
        )
    if fresh.stage != Stage.PENAWARAN:
        raise refusal("terima_penawaran", evaluate_action(fresh, "terima_penawaran").findings)
    _approve(own, actor=actor)
    fresh = load(fresh.pk)
    partners = [p for p in fresh.parties.all() if p.role == PartyRole.PARTNER]
    if all(p.status == PartyStatus.APPROVED for p in partners):
        fresh = _move(fresh, actor=actor, action="terima_penawaran")
        _on_commit_notify(fresh, "offer_accepted", actor)
    else:
        _on_commit_notify(fresh, "party_status", actor)
    return fresh


@transaction.atomic
def decline_offer(*, actor: Actor, agreement: Agreement, party: AgreementParty, reason: str) -> Agreement:
    """A partner declines the offer with a reason: its side is declined and the proposal ends (cancelled)."""
    _require_party(actor, party)
    reason = _clean_reason(reason)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    own = _party_of(fresh, party)
    if own.role != PartyRole.PARTNER:
        raise _bad(
            "not_a_partner", "Hanya pihak mitra yang menolak penawaran.", "Only a partner declines an offer."
        )
    result = evaluate_action(fresh, "tolak_penawaran")
    if not result.allowed:
        raise refusal("tolak_penawaran", result.findings)
    _set_party_status(own, actor=actor, target=PartyStatus.DECLINED, reason=reason, stamps={"reason": reason})
    moved = _move(
        fresh, actor=actor, action="tolak_penawaran", reason=reason, stamps={"cancel_reason": reason}
    )
    _on_commit_notify(moved, "offer_declined", actor, reason=reason)
    return moved


_SIGNING = {
    "kb": ("tandatangani_kb", "kb_signed_at", "kb_signed"),
    "pks": ("tandatangani_pks", "pks_signed_at", "pks_signed"),
    "nk": ("tandatangani_nk", "nk_signed_at", "nk_signed"),
}


def _sign(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, kind: str, signed_at: datetime | None
) -> Agreement:
    """One party signs its own side of ``kind``; the stage moves when every party has signed.

    Before anyone signs, the rulebook is asked whether the document signed by every party as recorded
    (signatories, surat kuasa, DPRD approval, TKKSD review, term) would be lawful; if not, nothing is signed.
    """
    _require_party(actor, party)
    action, field, event = _SIGNING[kind]
    fresh = _claim(agreement, seen_stage=agreement.stage)
    own = _party_of(fresh, party)
    if getattr(own, field) is not None:
        raise _bad("already_signed", "Pihak ini sudah menandatangani.", "This party has already signed.")
    if own.status == PartyStatus.DECLINED:
        raise _bad("party_declined", "Pihak ini telah menolak.", "This party has declined.")
    result = evaluate_action(fresh, action, assume_signed=kind)  # type: ignore[arg-type]
    if not result.allowed:
        raise refusal(action, result.findings)
    when = signed_at or timezone.now()
    claim_version(own, expected=own.version, code="agreements.party_conflict")
    final = kind in ("pks", "nk")
    if final and own.status != PartyStatus.SIGNED:
        if own.status != PartyStatus.APPROVED:
            own = _approve(own, actor=actor)
        _set_party_status(own, actor=actor, target=PartyStatus.SIGNED, stamps={field: when})
    else:
        setattr(own, field, when)
        own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        own.save(update_fields=[field])
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_PARTY_SIGNED,
        obj=fresh,
        new={"party": own.code, "document": kind, "signed_at": when.isoformat()},
    )
    fresh = load(fresh.pk)
    if all(getattr(p, field) is not None for p in fresh.parties.all() if p.status != PartyStatus.DECLINED):
        fresh = _move(fresh, actor=actor, action=action)
        _on_commit_notify(fresh, event, actor)
    else:
        _on_commit_notify(fresh, "party_signed", actor)
    return fresh


@transaction.atomic
def sign_kb(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, signed_at: datetime | None = None
) -> Agreement:
    """Stage (d): ``party`` signs the Kesepakatan Bersama (by its head of region, R15; PP 28/2018 Pasal 6(1)(d))."""
    return _sign(actor=actor, agreement=agreement, party=party, kind="kb", signed_at=signed_at)


@transaction.atomic
def sign_pks(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, signed_at: datetime | None = None
) -> Agreement:
    """Stage (g): ``party`` signs the PKS; refused until the DPRD approval is recorded where required (R13),
    the KB precedes it (R14), the signatory holds the office or a surat kuasa (R15), the TKKSD reviewed it
    (R21) and the term is stated (R19). When every party has signed, the cooperation is in force."""
    return _sign(actor=actor, agreement=agreement, party=party, kind="pks", signed_at=signed_at)


@transaction.atomic
def sign_nota_kesepakatan(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, signed_at: datetime | None = None
) -> Agreement:
    """Synergy: ``party`` signs the Nota Kesepakatan; it comes into force with its work plan (R18, PP 28/2018
    Pasal 46) when every party has signed."""
    return _sign(actor=actor, agreement=agreement, party=party, kind="nk", signed_at=signed_at)


def _region_party(fresh: Agreement, party: AgreementParty) -> AgreementParty:
    own = _party_of(fresh, party)
    if own.region_id is None:
        raise _bad(
            "not_a_region",
            "Persetujuan DPRD hanya untuk pihak daerah.",
            "DPRD approval concerns region parties only.",
        )
    return own


@transaction.atomic
def request_dprd_approval(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    letter_number: str,
    requested_on: date | None = None,
) -> DprdApproval:
    """Stage (e): ``party``'s region asks its DPRD for approval (PP 28/2018 Pasal 6(1)(e), 6(2)); the first
    request moves the agreement to *menunggu DPRD*. Only where the rulebook requires the approval."""
    _require_party(actor, party)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    own = _region_party(fresh, party)
    letter_number = _clean_text("number", letter_number)
    if not letter_number:
        raise _bad(
            "letter_number_required",
            "Nomor surat wajib diisi.",
            "The letter number is required.",
            "letter_number",
        )
    if fresh.stage == Stage.KB_DITANDATANGANI:
        result = evaluate_action(fresh, "ajukan_dprd")
        if not result.allowed:
            raise refusal("ajukan_dprd", result.findings)
    elif fresh.stage != Stage.MENUNGGU_DPRD:
        raise refusal("ajukan_dprd", evaluate_action(fresh, "ajukan_dprd").findings)
    if any(a.region_id == own.region_id for a in fresh.dprd_approvals.all()):
        raise _bad(
            "dprd_already_requested",
            "Permohonan persetujuan DPRD daerah ini sudah dicatat.",
            "This region's DPRD request is already recorded.",
        )
    approval = DprdApproval(
        agreement=fresh,
        region=own.region,
        requested_on=requested_on or timezone.localdate(),
        request_letter_number=letter_number,
    )
    approval._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    approval.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_DPRD_REQUESTED,
        obj=fresh,
        new={
            "region": own.region_id,
            "letter": letter_number,
            "requested_on": approval.requested_on.isoformat(),
        },
    )
    if fresh.stage == Stage.KB_DITANDATANGANI:
        fresh = _move(fresh, actor=actor, action="ajukan_dprd")
    _on_commit_notify(fresh, "dprd_requested", actor)
    return approval


@transaction.atomic
def record_dprd_decision(
    *,
    actor: Actor,
    approval: DprdApproval,
    outcome: str,
    decision_number: str,
    decision_date: date,
    notes: str = "",
) -> Agreement:
    """The DPRD's decision for one party region (UU 23/2014 Pasal 154(1)(i)): approved by every party region
    moves the agreement to the PKS drafting (f); a rejection ends it (cancelled). No "deemed approved" (R31)."""
    agreement = approval.agreement
    party = (
        AgreementParty.objects.select_related("region")
        .filter(agreement=agreement, region_id=approval.region_id)
        .first()
    )
    if party is None:
        raise agreement_not_found()
    _require_party(actor, party)
    if outcome not in (DprdOutcome.APPROVED, DprdOutcome.REJECTED):
        raise _bad(
            "outcome_invalid",
            "Keputusan DPRD: disetujui atau ditolak.",
            "DPRD outcome: approved or rejected.",
            "outcome",
        )
    decision_number = _clean_text("number", decision_number)
    if not decision_number:
        raise _bad(
            "decision_number_required",
            "Nomor keputusan DPRD wajib diisi.",
            "The decision number is required.",
            "decision_number",
        )
    notes = _clean_text("notes", notes)
    fresh = _claim(agreement, seen_stage=Stage.MENUNGGU_DPRD)
    transition(
        approval,
        actor=actor,
        action=AuditAction.AGREEMENT_DPRD_DECIDED,
        expected=DprdOutcome.PENDING,
        target=outcome,
        conflict_code="agreements.dprd_conflict",
        field="outcome",
        stamps={"decision_number": decision_number, "decision_date": decision_date, "notes": notes},
        reason=notes,
    )
    fresh = load(fresh.pk)
    if outcome == DprdOutcome.REJECTED:
        reason = f"DPRD {party.name}: {decision_number}"
        fresh = _move(
            fresh, actor=actor, action="tolak_dprd", reason=reason, stamps={"cancel_reason": reason}
        )
    else:
        result = evaluate_action(fresh, "setujui_dprd")
        if result.allowed:
            fresh = _move(fresh, actor=actor, action="setujui_dprd", result=result)
    _on_commit_notify(fresh, "dprd_decided", actor)
    return fresh


@transaction.atomic
def start_pks_drafting(*, actor: Actor, agreement: Agreement) -> Agreement:
    """Stage (f) without a DPRD stage (not required, PP 28/2018 Pasal 6(2)): the KB is signed, the PKS is drafted."""
    require(actor, "agreements.manage", agreement)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    moved = _move(fresh, actor=actor, action="susun_pks")
    _on_commit_notify(moved, "pks_drafting", actor)
    return moved


@transaction.atomic
def draft_nota_kesepakatan(*, actor: Actor, agreement: Agreement) -> Agreement:
    """Synergy: the Nota Kesepakatan and its work plan are drafted (R18; PP 28/2018 Pasal 46)."""
    require(actor, "agreements.manage", agreement)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    moved = _move(fresh, actor=actor, action="susun_nk")
    _on_commit_notify(moved, "nk_drafting", actor)
    return moved


@transaction.atomic
def cancel_agreement(*, actor: Actor, agreement: Agreement, reason: str) -> Agreement:
    """The proposing side stops the cooperation before it is in force, with a reason."""
    require(actor, "agreements.manage", agreement)
    reason = _clean_reason(reason)
    fresh = _claim(agreement, seen_stage=agreement.stage)
    moved = _move(fresh, actor=actor, action="batalkan", reason=reason, stamps={"cancel_reason": reason})
    _on_commit_notify(moved, "cancelled", actor, reason=reason)
    return moved


# -- party-side actions -------------------------------------------------------------------------------------


def _open(fresh: Agreement) -> None:
    if fresh.stage in (Stage.BERAKHIR, Stage.DIBATALKAN):
        raise _bad("closed", "Kerja sama ini sudah ditutup.", "This agreement is closed.")


@transaction.atomic
def acknowledge(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> AgreementParty:
    """The party confirms it has seen the record (its status stays *aware*; the time is kept)."""
    _require_party(actor, party)
    fresh = _claim(agreement)
    own = _party_of(fresh, party)
    if own.acknowledged_at is None:
        claim_version(own, expected=own.version, code="agreements.party_conflict")
        own.acknowledged_at = timezone.now()
        own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        own.save(update_fields=["acknowledged_at"])
        audit.record(
            actor=actor, action=AuditAction.AGREEMENT_PARTY_ACKNOWLEDGED, obj=fresh, new={"party": own.code}
        )
    return own


@transaction.atomic
def start_review(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> AgreementParty:
    """aware → reviewing: the party studies the proposal (its TKKSD reviews it, R16/R21)."""
    _require_party(actor, party)
    fresh = _claim(agreement)
    _open(fresh)
    own = _party_of(fresh, party)
    if own.status != PartyStatus.AWARE:
        raise _bad(
            "party_status", "Pihak ini tidak berstatus mengetahui.", "This party is not in the aware state."
        )
    moved = _set_party_status(own, actor=actor, target=PartyStatus.REVIEWING)
    _on_commit_notify(fresh, "party_status", actor)
    return moved


@transaction.atomic
def approve_side(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> AgreementParty:
    """aware/reviewing → approved: the party approves the proposal for its side (a region after its TKKSD's
    approval, Permendagri 22/2020; R16, R21)."""
    _require_party(actor, party)
    fresh = _claim(agreement)
    _open(fresh)
    own = _party_of(fresh, party)
    moved = _approve(own, actor=actor)
    _on_commit_notify(fresh, "party_status", actor)
    return moved


@transaction.atomic
def decline_side(*, actor: Actor, agreement: Agreement, party: AgreementParty, reason: str) -> AgreementParty:
    """The party declines for its own side with a reason (at the offer stage use :func:`decline_offer`)."""
    _require_party(actor, party)
    reason = _clean_reason(reason)
    fresh = _claim(agreement)
    _open(fresh)
    own = _party_of(fresh, party)
    if own.status in (PartyStatus.SIGNED, PartyStatus.DECLINED):
        raise _bad(
            "party_status",
            "Pihak ini sudah menandatangani atau menolak.",
            "This party has signed or declined.",
        )
    moved = _set_party_status(
        own, actor=actor, target=PartyStatus.DECLINED, reason=reason, stamps={"reason": reason}
    )
    _on_commit_notify(fresh, "party_status", actor, reason=reason)
    return moved


@transaction.atomic
def record_tkksd_review(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    outcome: str,
    reasons: str = "",
    decision_ref: str = "",
    reviewed_on: date | None = None,
) -> AgreementParty:
    """The party region's TKKSD reviews the proposal (Permendagri 22/2020; R16, R21): approve, return with
    reasons, or reject with reasons. ``decision_ref`` names the TKKSD decision (the ``tkksd`` app's id, or a
    minutes reference). A later review replaces an earlier one; the row history keeps every review."""
    _require_party(actor, party, "agreements.review_for_party")
    if outcome not in (TkksdReview.APPROVED, TkksdReview.RETURNED, TkksdReview.REJECTED):
        raise _bad(
            "outcome_invalid", "Hasil kajian TKKSD tidak dikenal.", "Unknown TKKSD outcome.", "outcome"
        )
    reasons = _clean_reason(reasons, required=outcome != TkksdReview.APPROVED)
    decision_ref = _clean_text("decision_ref", decision_ref)[:REF_MAX_LENGTH]
    fresh = _claim(agreement)
    _open(fresh)
    own = _party_of(fresh, party)
    if own.region_id is None:
        raise _bad(
            "not_a_region",
            "Kajian TKKSD hanya untuk pihak daerah.",
            "A TKKSD review concerns region parties.",
        )
    stamps = {
        "tkksd_review_reasons": reasons,
        "tkksd_decision_ref": decision_ref,
        "tkksd_reviewed_on": reviewed_on or timezone.localdate(),
    }
    if own.tkksd_review == outcome:
        claim_version(own, expected=own.version, code="agreements.party_conflict")
        for name, value in stamps.items():
            setattr(own, name, value)
        own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        own.save()
        audit.record(
            actor=actor,
            action=AuditAction.AGREEMENT_TKKSD_REVIEWED,
            obj=own,
            new={"tkksd_review": outcome},
            reason=reasons,
        )
    else:
        own = transition(
            own,
            actor=actor,
            action=AuditAction.AGREEMENT_TKKSD_REVIEWED,
            expected=own.tkksd_review,
            target=outcome,
            conflict_code="agreements.party_conflict",
            field="tkksd_review",
            stamps=stamps,
            reason=reasons,
        )
    _on_commit_notify(fresh, "tkksd_reviewed", actor, reason=reasons)
    return own


@transaction.atomic
def record_signatory(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    signatory_name: str,
    signatory_title: str = "",
    power_of_attorney_holder: str = "",
    power_of_attorney_number: str = "",
    power_of_attorney_date: date | None = None,
    expected_version: int | None = None,
) -> AgreementParty:
    """Who signs for ``party``: its head of region, or an official holding the head of region's *surat kuasa*
    (holder, letter number, date; PP 28/2018 Pasal 2, 13, 23(1); R15). Not after the party signed the PKS/NK."""
    _require_party(actor, party)
    fresh = _claim(agreement)
    _open(fresh)
    own = _party_of(fresh, party)
    if own.status == PartyStatus.SIGNED:
        raise _bad("already_signed", "Pihak ini sudah menandatangani.", "This party has already signed.")
    values = {
        "signatory_name": _clean_text("signatory_name", signatory_name)[:NAME_MAX_LENGTH],
        "signatory_title": _clean_text("signatory_title", signatory_title)[:NAME_MAX_LENGTH],
        "power_of_attorney_holder": _clean_text("power_of_attorney_holder", power_of_attorney_holder)[
            :NAME_MAX_LENGTH
        ],
        "power_of_attorney_number": _clean_text("number", power_of_attorney_number),
        "power_of_attorney_date": power_of_attorney_date,
    }
    if not values["signatory_name"]:
        raise _bad(
            "signatory_required",
            "Nama penandatangan wajib diisi.",
            "The signatory's name is required.",
            "signatory_name",
        )
    if bool(values["power_of_attorney_holder"]) != bool(values["power_of_attorney_number"]):
        raise _bad(
            "power_of_attorney_incomplete",
            "Surat kuasa dicatat dengan nama pemegang dan nomor suratnya.",
            "A power of attorney is recorded with its holder and its letter number.",
            "power_of_attorney_number",
        )
    claim_version(
        own,
        expected=expected_version if expected_version is not None else own.version,
        code="agreements.party_conflict",
    )
    old = {k: str(getattr(own, k) or "") for k in values}
    for name, value in values.items():
        setattr(own, name, value)
    own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    own.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_SIGNATORY_RECORDED,
        obj=own,
        old=old,
        new={k: str(v or "") for k, v in values.items()},
    )
    return own
