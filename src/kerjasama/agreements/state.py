"""The rulebook's view of a recorded agreement: ``AgreementState`` built from the record, its parties, its
DPRD approvals and its documents (house rule 1: the law lives in ``rulebook/``; this module only translates).

Documents the rulebook reads (``rulebook.subjects.DocumentFact``) come from three places:

- the parties' own signatures: a KB, PKS or NK counts as signed once *every* party has signed its side
  (each party signs its own side, issue 10); one fact per region party, with its signatory role: the head of
  region, or an official holding a recorded *surat kuasa* (PP 28/2018 Pasal 2, 13, 23(1); R15);
- the TKKSD reviews: an approving review of a region party is a ``kajian_tkksd`` (R16, R21), and the DPRD
  decisions: the ``persetujuan_dprd`` is recorded once every party region has an approving decision (R13);
- ``AgreementDocument`` rows (offer letter, feasibility study, work plan …), and ``documents.Document`` files
  attached to the agreement whose kind maps onto the rulebook's (offer letter, KB, PKS) and that no recorded
  document already stands for, counted unsigned.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from kerjasama.agreements.choices import DprdOutcome, PartyStatus, TkksdReview
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.compliance.selectors import reference_data, rulebook_settings
from kerjasama.rulebook.rules.base import RuleContext
from kerjasama.rulebook.subjects import AgreementState, DocumentFact, DocumentKind, SignatoryRole, ThirdParty
from kerjasama.tkksd.selectors import has_active_decree

#: ``documents.DocumentKind`` values that stand for a rulebook document kind.
DOCUMENT_KIND_MAP: dict[str, DocumentKind] = {
    "surat_penawaran": "penawaran",
    "kesepakatan_bersama": "kb",
    "perjanjian_kerja_sama": "pks",
}

#: The object type of documents attached to an agreement (``documents.Document.object_type``).
OBJECT_TYPE = "agreements.agreement"

_SIGNATURE_FIELDS: dict[DocumentKind, str] = {
    "kb": "kb_signed_at",
    "pks": "pks_signed_at",
    "nk": "nk_signed_at",
}


def rule_context() -> RuleContext:
    """The national reference data and the legal parameters (cached by ``compliance.selectors``)."""
    return RuleContext(reference_data(), rulebook_settings())


def signatory_role(party: AgreementParty) -> tuple[SignatoryRole | None, bool]:
    """(role, surat kuasa recorded) of a region party's signatory (R15): a recorded power of attorney makes
    the holder a *pejabat yang dikuasakan*; otherwise a named signatory is the head of region."""
    if party.power_of_attorney_holder and party.power_of_attorney_number:
        return "pejabat_dikuasakan", True
    if party.signatory_name:
        return "kepala_daerah", False
    return None, False


def _day(value: Any) -> date | None:
    if value is None:
        return None
    # A signature's timestamp is stored in UTC: its day is the day in the installation's time zone (WIB), the
    # same day ``timezone.localdate()`` gives the TKKSD meeting recorded that evening (R21's order of events).
    if hasattr(value, "date"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def signature_facts(
    kind: DocumentKind,
    parties: Iterable[AgreementParty],
    *,
    assume_signed: bool = False,
    clauses: frozenset[str] = frozenset(),
) -> tuple[DocumentFact, ...]:
    """The ``kind`` document's facts: signed by every region party (or ``assume_signed``: as if every party
    had signed now, to ask the rulebook whether signing would be lawful before anyone signs)."""
    parties = [p for p in parties if p.status != PartyStatus.DECLINED]
    field = _SIGNATURE_FIELDS[kind]
    if not parties or not (assume_signed or all(getattr(p, field) for p in parties)):
        return ()
    today = timezone.localdate()  # the installation's day (WIB), never the server's UTC date
    facts = []
    for party in parties:
        if party.region_id is None:
            continue
        role, kuasa = signatory_role(party)
        facts.append(
            DocumentFact(
                kind,
                signed=True,
                signatory_role=role,
                surat_kuasa=kuasa,
                on=_day(getattr(party, field)) or today,
                clauses=clauses if kind == "pks" else frozenset(),
            )
        )
    return tuple(facts)


def build_state(
    agreement: Agreement,
    *,
    parties: list[AgreementParty] | None = None,
    attached_kinds: Iterable[tuple[str, date | None]] = (),
    assume_signed: DocumentKind | None = None,
    tkksd_formed: bool | None = None,
) -> AgreementState:
    """The ``AgreementState`` of ``agreement`` (prefetch ``parties``, ``dprd_approvals``,
    ``recorded_documents`` to keep it to the queries already made). ``attached_kinds`` are the (kind, date)
    of ``documents.Document`` rows attached to it; ``assume_signed`` asks "what if every party signed
    ``assume_signed`` now"; ``tkksd_formed`` as already read by :func:`proposer_tkksd_formed` (one query
    per request, not one per question asked of the rulebook)."""
    parties = list(agreement.parties.all()) if parties is None else parties
    regions = tuple(str(p.region_id) for p in parties if p.region_id)
    third = next((p for p in parties if p.organisation_id is not None), None)
    third_party = None
    if agreement.type == "KSDPK" and third is not None:
        third_party = ThirdParty(third.organisation.kind, third.organisation.name)  # type: ignore[union-attr,arg-type]
    documents: list[DocumentFact] = []
    recorded_kinds: set[str] = set()
    for doc in agreement.recorded_documents.all():
        recorded_kinds.add(doc.kind)
        documents.append(
            DocumentFact(
                doc.kind,
                signed=doc.signed,
                signatory_role=doc.signatory_role or None,
                on=doc.dated,
                issuer=str(doc.issuer_id) if doc.issuer_id else None,
                copies_to=frozenset(doc.copies_to or ()),
            )
        )
    for kind, on in attached_kinds:
        mapped = DOCUMENT_KIND_MAP.get(kind)
        if mapped is not None and mapped not in recorded_kinds:
            documents.append(DocumentFact(mapped, on=on))
    for party in parties:
        if party.region_id and party.tkksd_review == TkksdReview.APPROVED:
            documents.append(
                DocumentFact(
                    "kajian_tkksd", parties=frozenset({str(party.region_id)}), on=party.tkksd_reviewed_on
                )
            )
    approvals = {a.region_id: a for a in agreement.dprd_approvals.all()}
    if regions and all(
        (a := approvals.get(code)) is not None and a.outcome == DprdOutcome.APPROVED for code in regions
    ):
        last = max((a.decision_date for a in approvals.values() if a.decision_date), default=None)
        documents.append(DocumentFact("persetujuan_dprd", on=last))
    for kind in ("kb", "pks", "nk"):
        documents.extend(
            signature_facts(
                kind,  # type: ignore[arg-type]
                parties,
                assume_signed=assume_signed == kind,
                clauses=frozenset(agreement.pks_clauses or ()),
            )
        )
    term_years = None
    if agreement.term_start and agreement.term_end:
        term_years = round((agreement.term_end - agreement.term_start).days / 365.25, 2)
    return AgreementState(
        type=agreement.type,  # type: ignore[arg-type]
        parties=regions,
        stage=agreement.stage,
        third_party=third_party,
        category=agreement.category or None,  # type: ignore[arg-type]
        affairs=tuple(sorted(a.code for a in agreement.affairs.all())),
        documents=tuple(documents),
        dprd_approval_required=agreement.dprd_approval_required,
        # The proposing region's TKKSD is formed when a decree of its head of region is in force today
        # (Permendagri 22/2020, R21; the tkksd app's decrees). A third-party proposer has no TKKSD to form.
        tkksd_formed=proposer_tkksd_formed(parties) if tkksd_formed is None else tkksd_formed,
        third_party_initiated=agreement.third_party_initiated,
        initiative_criteria=frozenset(agreement.initiative_criteria or ()),
        partner_selection=agreement.partner_selection_method or None,
        term_years=term_years,
    )


def proposer_tkksd_formed(parties: Iterable[AgreementParty]) -> bool:
    """Whether the proposing region has a TKKSD decree in force today (a third-party proposer has no TKKSD to
    form; an agreement without a proposer has none formed)."""
    proposer = next((p for p in parties if p.role == "proposer"), None)
    if proposer is None:
        return False
    if proposer.region_id is None:
        return True
    return has_active_decree(str(proposer.region_id), on=timezone.localdate())
