"""A party's budget lines for an agreement (issue 15 item 7): what it budgets per year under which activity
or sub-activity of the planning nomenclature. Recorded and removed by the party's own cooperation unit
(``agreements.act_for_party``), audited and kept in history; read by whoever sees the agreement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.agreements.models import Agreement, AgreementBudgetLine, AgreementParty
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.core.numbers import parse_decimal
from kerjasama.planning.domain.nomenclature import level_of
from kerjasama.planning.models import NomenclatureEntry

#: Budget years accepted (a record of the past decade, or the plan of the coming years).
YEAR_RANGE = (2000, 2100)
MAX_AMOUNT = Decimal("9999999999999999.99")


def _checked(code: str, fiscal_year: int, amount_text: str) -> tuple[str, Decimal]:
    code = code.strip()
    if level_of(code) not in ("kegiatan", "sub_kegiatan"):
        raise KerjasamaError(
            "agreements.bad_budget_code",
            f"Kode {code!r} bukan kode kegiatan (4.01.02.2.04) atau sub kegiatan nomenklatur perencanaan.",
            f"Code {code!r} is not an activity (4.01.02.2.04) or sub-activity code of the planning nomenclature.",
        )
    if not YEAR_RANGE[0] <= fiscal_year <= YEAR_RANGE[1]:
        raise KerjasamaError(
            "agreements.bad_budget_year",
            f"Tahun anggaran {fiscal_year} di luar {YEAR_RANGE[0]}–{YEAR_RANGE[1]}.",
            f"Budget year {fiscal_year} is outside {YEAR_RANGE[0]}–{YEAR_RANGE[1]}.",
        )
    amount = parse_decimal(amount_text)  # "1.250.000,50"; a malformed or ambiguous number: its own coded error
    if amount <= 0 or amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise KerjasamaError(
            "agreements.bad_budget_amount",
            "Jumlah harus lebih dari 0 rupiah, paling banyak dua angka desimal.",
            "The amount must be more than 0 rupiah, with at most two decimals.",
        )
    return code, amount


@transaction.atomic
def add_budget_line(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    fiscal_year: int,
    code: str,
    amount: str,
    note: str = "",
) -> AgreementBudgetLine:
    """Record what ``party`` budgets in ``fiscal_year`` under ``code``; ``amount`` as typed ("1.250.000,50")."""
    if party.agreement_id != agreement.pk or party.region_id is None:
        raise NotFound("agreements.party_not_found", "Pihak tidak ditemukan.", "Party not found.")
    require(actor, "agreements.act_for_party", party)
    code, value = _checked(code, fiscal_year, amount)
    line = AgreementBudgetLine(
        agreement=agreement,
        party=party,
        fiscal_year=fiscal_year,
        code=code,
        amount=value,
        note=" ".join(note.split())[:300],
        created_by=user_or_none(actor),
    )
    line._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    line.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_BUDGET_LINE_ADDED,
        obj=line,
        new={"agreement": agreement.pk, "party": party.pk, "year": fiscal_year, "code": code, "amount": str(value)},
    )
    return line


@transaction.atomic
def remove_budget_line(*, actor: Actor, line: AgreementBudgetLine) -> None:
    """Remove a line recorded by mistake (the history and the audit trail keep it)."""
    require(actor, "agreements.act_for_party", line.party)
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_BUDGET_LINE_REMOVED,
        obj=line,
        old={"year": line.fiscal_year, "code": line.code, "amount": str(line.amount)},
    )
    line._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    line.delete()


@dataclass(frozen=True)
class BudgetLineRow:
    line: AgreementBudgetLine
    name: str  # the nomenclature's name in force in the line's year, or ""


def budget_rows(user: Any, agreement: Agreement) -> list[BudgetLineRow]:
    """The agreement's budget lines the user may see, each with its nomenclature name (two queries)."""
    lines = list(
        AgreementBudgetLine.objects.restrict(user, "view")
        .filter(agreement=agreement)
        .select_related("party__region")
        .distinct()
    )
    return [BudgetLineRow(line, _name(line, names)) for line, names in _with_names(lines)]


def _with_names(
    lines: list[AgreementBudgetLine],
) -> Iterable[tuple[AgreementBudgetLine, list[tuple[int, int | None, str]]]]:
    entries: dict[str, list[tuple[int, int | None, str]]] = {}
    codes = {line.code for line in lines}
    if codes:
        for code, start, end, name in NomenclatureEntry.objects.filter(code__in=codes).values_list(
            "code", "valid_from", "valid_to", "name"
        ):
            entries.setdefault(code, []).append((start, end, name))
    for line in lines:
        yield line, entries.get(line.code, [])


def _name(line: AgreementBudgetLine, names: list[tuple[int, int | None, str]]) -> str:
    year = line.fiscal_year
    valid = [(start, name) for start, end, name in names if start <= year and (end is None or end >= year)]
    return max(valid)[1] if valid else ""
