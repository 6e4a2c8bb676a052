"""Input checks of the agreements services: texts and their limits, affairs and sub-affairs, the term, the
value, the category, the parties by type, and the rulebook's checks of a proposal (R1-R11)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from kerjasama.accounts.choices import THIRD_PARTY_KINDS, OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.agreements.choices import (
    AgreementCategory,
    AgreementType,
)
from kerjasama.agreements.models import (
    MAX_SUB_AFFAIRS,
    Agreement,
)
from kerjasama.agreements.state import rule_context
from kerjasama.agreements.workflow import bad_input, refusal
from kerjasama.regions.models import Region
from kerjasama.rulebook.rules import run_rule
from kerjasama.rulebook.rules.closing import KSDPK_REQUIRED_CLAUSES
from kerjasama.rulebook.rules.procedure import requires_dprd_approval
from kerjasama.rulebook.settings import DEFAULT_KSDD_PKS_CLAUSES
from kerjasama.rulebook.subjects import Plan, ThirdParty

PROPOSAL_RULES = ("R1", "R3", "R4", "R6", "R7", "R8", "R9", "R10", "R11")


def affairs_of(codes: Iterable[str]) -> list[Affair]:
    wanted = sorted({str(c).strip() for c in codes if str(c).strip()})
    found = {a.code: a for a in Affair.objects.filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise bad_input(
            "unknown_affair",
            f"Kode urusan tidak dikenal: {', '.join(unknown)}.",
            f"Unknown affair code: {', '.join(unknown)}.",
            "affairs",
        )
    return [found[c] for c in wanted]


def sub_affairs_of(codes: Iterable[str], affairs: list[Affair]) -> list[str]:
    wanted = sorted({str(c).strip() for c in codes if str(c).strip()})
    if len(wanted) > MAX_SUB_AFFAIRS:
        raise bad_input(
            "too_many_sub_affairs",
            f"Paling banyak {MAX_SUB_AFFAIRS} sub-urusan.",
            f"At most {MAX_SUB_AFFAIRS} sub-affairs.",
            "sub_affairs",
        )
    owners = dict(AuthorityEntry.objects.filter(code__in=wanted).values_list("code", "affair_id"))
    affair_codes = {a.code for a in affairs}
    wrong = [c for c in wanted if owners.get(c) not in affair_codes]
    if wrong:
        raise bad_input(
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


def clean_pks_clauses(values: Iterable[str]) -> list[str]:
    wanted = sorted({str(v).strip() for v in values if str(v).strip()})
    unknown = sorted(set(wanted) - pks_clause_keys())
    if unknown:
        raise bad_input(
            "unknown_clause",
            f"Klausul PKS tidak dikenal: {', '.join(unknown)}; yang dikenal: {', '.join(sorted(pks_clause_keys()))}.",
            f"Unknown PKS clause: {', '.join(unknown)}; known: {', '.join(sorted(pks_clause_keys()))}.",
            "pks_clauses",
        )
    return wanted


def check_term(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise bad_input(
            "term_order",
            "Akhir jangka waktu tidak boleh sebelum awalnya.",
            "The end of the term cannot be before its start.",
            "term_end",
        )


def check_value(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except ArithmeticError as exc:
        raise bad_input(
            "value_invalid", "Nilai kerja sama tidak sah.", "The value is not a number.", "value"
        ) from exc
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 16:
        raise bad_input(
            "value_invalid",
            "Nilai kerja sama harus angka rupiah tidak negatif.",
            "The value must be a non-negative amount in rupiah.",
            "value",
        )
    return amount.quantize(Decimal("0.01"))


def check_category(kind: str, category: str) -> str:
    if kind == AgreementType.KSDD:
        if category not in AgreementCategory.values:
            raise bad_input(
                "category_required",
                "KSDD harus berkategori wajib atau sukarela (UU 23/2014 Pasal 363(3)).",
                "A KSDD must be mandatory or voluntary (UU 23/2014 Pasal 363(3)).",
                "category",
            )
        return category
    if category:
        raise bad_input(
            "category_not_applicable",
            "Kategori wajib/sukarela hanya untuk KSDD (UU 23/2014 Pasal 363(3)).",
            "The mandatory/voluntary category applies to a KSDD only (UU 23/2014 Pasal 363(3)).",
            "category",
        )
    return ""


def plan_of(
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


def check_plan(plan: Plan) -> None:
    ctx = rule_context()
    findings = [f for rule in PROPOSAL_RULES for f in run_rule(rule, plan, ctx)]
    if any(f.severity == "error" for f in findings):
        raise refusal("propose", findings)


def dprd_required(agreement: Agreement, regions: list[str]) -> bool:
    """PP 28/2018 Pasal 6(2), 19(1): burdens the public and region, or not budgeted in the APBD."""
    plan = Plan(
        type=agreement.type,  # type: ignore[arg-type]
        parties=tuple(regions),
        burdens_public=agreement.burdens_public,
        budgeted_in_apbd=agreement.apbd_budgeted,
    )
    return requires_dprd_approval(plan)


def check_parties(
    kind: str, lead: Region, partner_regions: list[Region], organisations: list[Organisation]
) -> ThirdParty | None:
    codes = [lead.code, *(r.code for r in partner_regions)]
    if len(set(codes)) != len(codes):
        raise bad_input(
            "duplicate_party",
            "Satu daerah tercatat dua kali sebagai pihak.",
            "A region is listed twice.",
            "parties",
        )
    if len({o.pk for o in organisations}) != len(organisations):
        raise bad_input(
            "duplicate_party",
            "Satu organisasi tercatat dua kali sebagai pihak.",
            "An organisation is listed twice.",
            "parties",
        )
    if kind == AgreementType.KSDD:
        if organisations or not partner_regions:
            raise bad_input(
                "parties_invalid",
                "KSDD adalah kerja sama daerah dengan daerah lain: sebutkan daerah mitra, tanpa organisasi.",
                "A KSDD is between regions: name the partner regions and no organisation.",
                "parties",
            )
        return None
    if len(organisations) != 1:
        raise bad_input(
            "parties_invalid",
            "KSDPK dan sinergi memiliki tepat satu mitra organisasi (pihak ketiga atau kementerian/lembaga).",
            "A KSDPK or synergy has exactly one partner organisation (third party or ministry/agency).",
            "parties",
        )
    org = organisations[0]
    if kind == AgreementType.KSDPK:
        if org.kind not in THIRD_PARTY_KINDS:
            raise bad_input(
                "parties_invalid",
                "Mitra KSDPK harus pihak ketiga (PP 28/2018 Pasal 14).",
                "A KSDPK partner must be a third party (PP 28/2018 Pasal 14).",
                "parties",
            )
        return ThirdParty(org.kind, org.name)  # type: ignore[arg-type]
    if org.kind != OrganisationKind.KEMENDAGRI:
        raise bad_input(
            "parties_invalid",
            "Mitra sinergi adalah kementerian/lembaga pemerintah pusat (PP 28/2018 Pasal 46).",
            "A synergy partner is a central ministry/agency (PP 28/2018 Pasal 46).",
            "parties",
        )
    return None
