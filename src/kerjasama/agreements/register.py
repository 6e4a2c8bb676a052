"""The register of existing agreements (issue 10, item 7): a cooperation made before the system, recorded
directly in force (*pelaksanaan*).

Kota Malang alone reports 16 KSDD, 90 KSDPK and 5 synergies for 2020-25; the mapping engine must know them
(``selectors.agreements_in_force``) so it does not recommend what is already in force. A registered
agreement passes the same checks as a proposal (the rulebook's R1, R3, R4, R6-R11 on its parties, category,
pairing and object; UU 23/2014 Pasal 363(3) for the category; the texts' lengths; the term's order), is
created in *persiapan* and moved to *pelaksanaan* through the one transition helper (row history, audit
event, compare-and-swap), with every party ``signed``: the stages of PP 28/2018 Pasal 6(1) / 19(1) / 46 were
taken outside the system and are not replayed. Documents (the signed KB/PKS/NK) are attached afterwards
through the documents services.

A third party (PP 28/2018 Pasal 14) is named by organisation name, kind and registration number (NIB); its
``accounts.Organisation`` is found by registration number (or by name and kind when it has none) and created
through ``accounts.services.create_organisation`` when missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import require
from kerjasama.agreements.choices import (
    AgreementStage,
    AgreementType,
    OriginKind,
    PartyRole,
    PartyStatus,
)
from kerjasama.agreements.models import REF_MAX_LENGTH, Agreement, AgreementParty
from kerjasama.agreements.validation import (
    affairs_of,
    check_category,
    check_parties,
    check_plan,
    check_term,
    check_value,
    plan_of,
    sub_affairs_of,
)
from kerjasama.agreements.workflow import bad_input, clean_text, load, notify_parties, register_changed
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.transitions import transition
from kerjasama.regions.models import Region
from kerjasama.rulebook.rules.procedure import requires_dprd_approval

#: Organisation kinds a registered agreement's partner organisation may have: the third parties of a KSDPK
#: (PP 28/2018 Pasal 14) and the ministry/agency of a synergy (Pasal 46; recorded as ``kemendagri``).
PARTNER_KINDS = frozenset({*THIRD_PARTY_KINDS, OrganisationKind.KEMENDAGRI})
ORG_NAME_MAX_LENGTH = 200
REGISTRATION_MAX_LENGTH = 100


@dataclass(frozen=True)
class PartnerOrganisation:
    """A partner organisation named in the register: found, or created when missing."""

    name: str
    kind: str
    registration_number: str = ""


def _unknown_regions(codes: Sequence[str]) -> KerjasamaError:
    return bad_input(
        "unknown_region",
        f"Kode daerah tidak dikenal atau bukan daerah otonom: {', '.join(codes)}.",
        f"Unknown region code or not an autonomous region: {', '.join(codes)}.",
        "parties",
    )


def regions_of(codes: Iterable[str]) -> list[Region]:
    """The autonomous regions of ``codes`` (Kemendagri codes), in the order given; unknown codes refused."""
    wanted = [str(c).strip() for c in codes if str(c).strip()]
    found = {r.code: r for r in Region.objects.filter(code__in=wanted, is_autonomous=True)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise _unknown_regions(unknown)
    return [found[c] for c in wanted]


def check_partner(partner: PartnerOrganisation) -> PartnerOrganisation:
    name = " ".join(partner.name.split())
    if not name:
        raise bad_input(
            "partner_name_required",
            "Nama pihak ketiga / mitra wajib diisi.",
            "The partner organisation's name is required.",
            "partner",
        )
    if len(name) > ORG_NAME_MAX_LENGTH or len(partner.registration_number.strip()) > REGISTRATION_MAX_LENGTH:
        raise bad_input(
            "text_too_long",
            f"Nama mitra paling banyak {ORG_NAME_MAX_LENGTH} karakter, nomor registrasi {REGISTRATION_MAX_LENGTH}.",
            f"The partner's name is at most {ORG_NAME_MAX_LENGTH} characters, its registration number "
            f"{REGISTRATION_MAX_LENGTH}.",
            "partner",
        )
    if partner.kind not in PARTNER_KINDS:
        known = ", ".join(sorted(PARTNER_KINDS))
        raise bad_input(
            "partner_kind_invalid",
            f"Jenis mitra tidak dikenal: {partner.kind}; yang dikenal: {known}.",
            f"Unknown partner kind: {partner.kind}; known: {known}.",
            "partner",
        )
    return PartnerOrganisation(name, partner.kind, partner.registration_number.strip())


def find_partner(partner: PartnerOrganisation) -> Organisation | None:
    """The organisation the register names: by registration number (NIB) when given, else by name and kind."""
    if partner.registration_number:
        found = Organisation.objects.filter(registration_number=partner.registration_number).first()
        if found is not None:
            return found
    return Organisation.objects.filter(name__iexact=partner.name, kind=partner.kind).first()


def partner_organisation(partner: PartnerOrganisation, *, is_example: bool = False) -> Organisation:
    """Find or create (``accounts.services.create_organisation``) the partner organisation.

    The organisation record is master data that only a system administrator manages
    (``accounts.manage_organisation``); the registering official has been authorised for the agreement
    already, so the record is created by the system on the register's behalf (audited as ``sistem``; the
    agreement's own audit event names the official and the organisation)."""
    from kerjasama.accounts.services import create_organisation

    found = find_partner(partner)
    if found is not None:
        return found
    if partner.kind == OrganisationKind.KEMENDAGRI:
        # A ministry/agency is master data of the system, never created from a register row.
        raise unknown_ministry(partner.name)
    return create_organisation(
        actor=SYSTEM,
        name=partner.name,
        kind=partner.kind,
        registration_number=partner.registration_number,
        is_demo=is_example,
    )


def unknown_ministry(name: str) -> KerjasamaError:
    return bad_input(
        "unknown_ministry",
        f"Kementerian/lembaga “{name}” belum tercatat; minta administrator sistem mencatatnya lebih dulu.",
        f"The ministry/agency “{name}” is not recorded; ask a system administrator to record it first.",
        "partner",
    )


def duplicate_of(
    *,
    number: str,
    region_codes: Sequence[str],
    organisation_id: int | None,
    affair_codes: Sequence[str],
    term_start: date | None,
) -> Agreement | None:
    """An agreement of the register that this one would duplicate: the same number, or the same parties,
    an affair in common and the same start of term (cancelled records do not count)."""
    live = Agreement.objects.exclude(stage=AgreementStage.DIBATALKAN)
    if number:
        found = live.filter(number__iexact=number).first()
        if found is not None:
            return found
    if term_start is None or not affair_codes:
        return None
    wanted = {*region_codes, *([f"org:{organisation_id}"] if organisation_id else [])}
    candidates = live.filter(term_start=term_start, affairs__code__in=list(affair_codes)).distinct()
    for agreement in candidates.prefetch_related("parties"):
        keys = {
            str(p.region_id) if p.region_id else f"org:{p.organisation_id}" for p in agreement.parties.all()
        }
        if keys == wanted:
            return agreement
    return None


def duplicate_error(found: Agreement) -> KerjasamaError:
    label = found.number or found.title
    return bad_input(
        "duplicate_agreement",
        f"Kerja sama ini sudah ada di register (#{found.pk}: {label}).",
        f"This agreement is already in the register (#{found.pk}: {label}).",
        "number",
    )


@dataclass(frozen=True)
class Registration:
    """A register entry that passed every check (:func:`check_registration`), ready to be written."""

    type: str
    category: str
    title: str
    texts: dict[str, str]
    regions: list[Region]
    affairs: list[Any]
    sub_affairs: list[str]
    partner: PartnerOrganisation | None
    term_start: date
    term_end: date | None
    apbd_budgeted: bool | None
    burdens_public: bool | None
    value: Any
    dprd_approval_required: bool
    origin_kind: str
    origin_ref: str
    is_example: bool


@transaction.atomic
def register_existing_agreement(*, actor: Actor, **values: Any) -> Agreement:
    """Record an agreement made before the system, in force (*pelaksanaan*), with its parties signed.

    ``values`` as :func:`check_registration`: every check first (policy, inputs, the rulebook, duplicates),
    then :func:`write_registration`. Refused (nothing written) on a bad input, an error finding of the
    rulebook, or a duplicate of the register."""
    return write_registration(check_registration(actor=actor, **values), actor=actor)


def check_registration(
    *,
    actor: Actor,
    type: str,
    title: str,
    region_codes: Sequence[str],
    partner: PartnerOrganisation | None = None,
    category: str = "",
    affairs: Iterable[str] = (),
    sub_affairs: Iterable[str] = (),
    number: str = "",
    term_start: date | None = None,
    term_end: date | None = None,
    apbd_budgeted: bool | None = None,
    burdens_public: bool | None = None,
    value: Any = None,
    object: str = "",
    scope: str = "",
    legal_basis: str = "",
    justification_externality: str = "",
    justification_efficiency: str = "",
    origin_kind: str = OriginKind.MANUAL,
    origin_ref: str = "",
    is_example: bool = False,
) -> Registration:
    """Check a register entry without writing anything (the XLSX import checks every row this way outside
    any transaction).

    ``region_codes``: the party regions by Kemendagri code, the first being the proposer (lead region);
    ``partner``: the third party of a KSDD (PP 28/2018 Pasal 14) or the ministry/agency of a synergy (Pasal
    46). Policy ``agreements.register_existing``: a party region's cooperation unit, or Kemendagri. Refused
    on a bad input, an error finding of the rulebook, or a duplicate of the register.
    """
    if type not in AgreementType.values:
        raise bad_input(
            "type_invalid", f"Jenis kerja sama tidak dikenal: {type}.", f"Unknown type: {type}.", "type"
        )
    if origin_kind not in (OriginKind.MANUAL, OriginKind.IMPORT):
        raise bad_input("origin_invalid", "Asal catatan tidak dikenal.", "Unknown origin.", "origin_kind")
    regions = regions_of(region_codes)
    if not regions:
        raise bad_input(
            "parties_invalid",
            "Sebutkan paling sedikit satu daerah pihak (kode Kemendagri).",
            "Name at least one party region (Kemendagri code).",
            "parties",
        )
    require(actor, "agreements.register_existing", regions)
    title = clean_text("title", title)
    if not title:
        raise bad_input("title_required", "Judul kerja sama wajib diisi.", "The title is required.", "title")
    texts = {
        name: clean_text(name, text)
        for name, text in (
            ("object", object),
            ("scope", scope),
            ("legal_basis", legal_basis),
            ("number", number),
            ("justification_externality", justification_externality),
            ("justification_efficiency", justification_efficiency),
        )
    }
    category = check_category(type, category)
    if term_start is None:
        raise bad_input(
            "term_start_required",
            "Tanggal mulai kerja sama yang sudah berjalan wajib diisi.",
            "The start date of an existing agreement is required.",
            "term_start",
        )
    if type == AgreementType.KSDPK and term_end is None:
        raise bad_input(
            "term_end_required",
            "Kontrak KSDPK wajib memuat jangka waktu (UU 23/2014 Pasal 366(2)(b); PP 28/2018 Pasal 19(2)(b)): "
            "isi tanggal berakhir.",
            "A KSDPK contract must state its term (UU 23/2014 Pasal 366(2)(b); PP 28/2018 Pasal 19(2)(b)): "
            "give the end date.",
            "term_end",
        )
    check_term(term_start, term_end)
    amount = check_value(value)
    affair_rows = affairs_of(affairs)
    if not affair_rows:
        raise bad_input(
            "affairs_required",
            "Sebutkan paling sedikit satu kode urusan.",
            "Name at least one affair code.",
            "affairs",
        )
    subs = sub_affairs_of(sub_affairs, affair_rows)
    checked_partner = check_partner(partner) if partner is not None else None
    existing_org = find_partner(checked_partner) if checked_partner is not None else None
    if (
        checked_partner is not None
        and existing_org is None
        and checked_partner.kind == OrganisationKind.KEMENDAGRI
    ):
        raise unknown_ministry(checked_partner.name)
    # Checked against the rulebook before anything is created: a stand-in for a new organisation.
    org_for_check = existing_org or (
        Organisation(name=checked_partner.name, kind=checked_partner.kind) if checked_partner else None
    )
    lead, partners = regions[0], regions[1:]
    third_party = check_parties(type, lead, partners, [org_for_check] if org_for_check else [])
    codes = [r.code for r in regions]
    plan = plan_of(
        type,
        codes,
        category,
        third_party,
        affair_rows,
        subs,
        texts["justification_externality"],
        texts["justification_efficiency"],
        burdens_public,
        apbd_budgeted,
    )
    check_plan(plan)
    found = duplicate_of(
        number=texts["number"],
        region_codes=codes,
        organisation_id=existing_org.pk if existing_org else None,
        affair_codes=[a.code for a in affair_rows],
        term_start=term_start,
    )
    if found is not None:
        raise duplicate_error(found)
    return Registration(
        type=type,
        category=category,
        title=title,
        texts=texts,
        regions=regions,
        affairs=affair_rows,
        sub_affairs=subs,
        partner=checked_partner,
        term_start=term_start,
        term_end=term_end,
        apbd_budgeted=apbd_budgeted,
        burdens_public=burdens_public,
        value=amount,
        dprd_approval_required=requires_dprd_approval(plan),
        origin_kind=origin_kind,
        origin_ref=clean_text("origin_ref", origin_ref)[:REF_MAX_LENGTH],
        is_example=is_example,
    )


def write_registration(entry: Registration, *, actor: Actor) -> Agreement:
    """Write a checked entry: the record in *persiapan*, its parties signed, then *pelaksanaan* through the
    transition helper (history, audit), the parties told on commit. Called inside the caller's transaction;
    the duplicate check runs again, so an entry written meanwhile by someone else is still refused."""
    codes = [r.code for r in entry.regions]
    existing_org = find_partner(entry.partner) if entry.partner is not None else None
    found = duplicate_of(
        number=entry.texts["number"],
        region_codes=codes,
        organisation_id=existing_org.pk if existing_org else None,
        affair_codes=[a.code for a in entry.affairs],
        term_start=entry.term_start,
    )
    if found is not None:
        raise duplicate_error(found)
    organisation = (
        partner_organisation(entry.partner, is_example=entry.is_example)
        if entry.partner is not None
        else None
    )
    regions, affair_rows, origin_kind = entry.regions, entry.affairs, entry.origin_kind
    agreement = Agreement(
        type=entry.type,
        category=entry.category,
        title=entry.title,
        sub_affairs=entry.sub_affairs,
        term_start=entry.term_start,
        term_end=entry.term_end,
        apbd_budgeted=entry.apbd_budgeted,
        burdens_public=entry.burdens_public,
        value=entry.value,
        dprd_approval_required=entry.dprd_approval_required,
        origin_kind=origin_kind,
        origin_ref=entry.origin_ref,
        lead_region=regions[0],
        is_example=entry.is_example,
        created_by=user_or_none(actor),
        **entry.texts,
    )
    agreement._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    agreement.save()
    agreement.affairs.set(affair_rows)
    parties = [
        AgreementParty(
            agreement=agreement,
            region=region,
            role=PartyRole.PROPOSER if i == 0 else PartyRole.PARTNER,
            position=i,
            status=PartyStatus.SIGNED,
        )
        for i, region in enumerate(regions)
    ]
    if organisation is not None:
        parties.append(
            AgreementParty(
                agreement=agreement,
                organisation=organisation,
                role=PartyRole.PARTNER,
                position=len(regions),
                status=PartyStatus.SIGNED,
            )
        )
    for row in parties:
        row.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_REGISTERED,
        obj=agreement,
        new=registered_summary(agreement, codes, organisation, affair_rows),
    )
    transition(
        agreement,
        actor=actor,
        action=AuditAction.AGREEMENT_STAGE_CHANGED,
        expected=AgreementStage.PERSIAPAN,
        target=AgreementStage.PELAKSANAAN,
        conflict_code="agreements.stage_conflict",
        field="stage",
        reason=f"register:{origin_kind}",
    )
    fresh = load(agreement.pk)
    register_changed(fresh)  # the party regions' mapping is recomputed after the commit
    # Every party learns that the shared record of its agreement now exists (sent once the import commits).
    notify_parties(fresh, "registered", actor)
    return fresh


def registered_summary(
    agreement: Agreement, codes: Sequence[str], organisation: Organisation | None, affairs: Sequence[Any]
) -> dict[str, Any]:
    return {
        "type": agreement.type,
        "category": agreement.category,
        "number": agreement.number,
        "parties": [*codes, *([f"org:{organisation.pk} {organisation.name}"] if organisation else [])],
        "affairs": [a.code for a in affairs],
        "term": [str(agreement.term_start or ""), str(agreement.term_end or "")],
        "origin": agreement.origin_kind,
    }
