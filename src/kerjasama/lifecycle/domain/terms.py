"""The terms of a cooperation in force on a date: the terms as signed, overlaid by its amendments (*adendum*).

An adendum changes the PKS's terms from its effective date on; what was in force on a date X is the signed
terms with every adendum effective on or before X applied in order of (effective date, sequence number).
The term end is never a term an adendum changes: an extension is a new agreement through the full procedure
(REGULATIONS.md §1.6 and R19: "An extension follows the full current KSD procedure again" [S: S-yogya]).

Pure Python (house rule 1). Money is kept as a decimal string (``"1500000000.00"``) so the JSON of an
adendum and the database's decimal agree; shares are per party code (``"34.71"`` or ``"org:<id>"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

#: The terms an adendum may change: object (*objek*), scope (*ruang lingkup*), financing (APBD budgeting, burden
#: on the public; PP 28/2018 Pasal 6(2)), value, and the parties' financing shares. NOT ``term_end`` (R19).
TERM_FIELDS: tuple[str, ...] = ("object", "scope", "value", "apbd_budgeted", "burdens_public", "shares")
TEXT_FIELDS = ("object", "scope")
BOOL_FIELDS = ("apbd_budgeted", "burdens_public")
#: Fields that are never a term of an adendum, with the reason given to the user.
FORBIDDEN_FIELDS: tuple[str, ...] = ("term_end", "term_start")


class TermsError(ValueError):
    """A change that is not a valid term change; ``field`` names the term."""

    def __init__(self, field: str, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.field = field
        self.message_id = message_id
        self.message_en = message_en


@dataclass(frozen=True)
class Change:
    """One adendum as the overlay reads it."""

    sequence: int
    effective_from: date
    changes: Mapping[str, Any] = field(default_factory=dict)


def _money(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise TermsError(name, f"Nilai '{value}' bukan angka.", f"'{value}' is not a number.") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 16:
        raise TermsError(name, "Nilai harus 0 atau lebih (rupiah).", "The value must be 0 or more (rupiah).")
    return f"{amount.quantize(Decimal('0.01'))}"


def _share(code: str, value: Any) -> str | None:
    amount = _money("shares", value)
    if amount is not None and Decimal(amount) > 100:
        raise TermsError(
            "shares",
            f"Porsi pembiayaan {code} lebih dari 100%.",
            f"The financing share of {code} is above 100%.",
        )
    return amount


def clean_changes(
    changes: Mapping[str, Any], *, party_codes: Iterable[str], text_limit: int
) -> dict[str, Any]:
    """The changed terms of an adendum in their stored form; refuses unknown terms, the term end, empty
    changes, shares of a non-party and texts over ``text_limit``."""
    parties = set(party_codes)
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name in FORBIDDEN_FIELDS:
            raise TermsError(
                name,
                "Jangka waktu tidak diubah dengan adendum: perpanjangan adalah kerja sama baru melalui prosedur "
                "lengkap (R19).",
                "The term is not changed by an amendment: an extension is a new agreement through the full "
                "procedure (R19).",
            )
        if name not in TERM_FIELDS:
            raise TermsError(name, f"'{name}' bukan ketentuan yang dapat diubah.", f"'{name}' is not a term.")
        if name in TEXT_FIELDS:
            text = str(value or "").strip()
            if len(text) > text_limit:
                raise TermsError(
                    name,
                    f"Isian '{name}' paling banyak {text_limit} karakter.",
                    f"'{name}' has at most {text_limit} characters.",
                )
            clean[name] = text
        elif name in BOOL_FIELDS:
            if value is not None and not isinstance(value, bool):
                raise TermsError(name, f"'{name}' harus ya/tidak.", f"'{name}' must be true or false.")
            clean[name] = value
        elif name == "value":
            clean[name] = _money(name, value)
        else:
            if not isinstance(value, Mapping) or not value:
                raise TermsError(
                    name, "Porsi pembiayaan: kode pihak → persen.", "Shares: a party code → percent map."
                )
            unknown = sorted(set(map(str, value)) - parties)
            if unknown:
                raise TermsError(
                    name,
                    f"Bukan pihak kerja sama ini: {', '.join(unknown)}.",
                    f"Not a party of this agreement: {', '.join(unknown)}.",
                )
            clean[name] = {str(code): _share(str(code), share) for code, share in sorted(value.items())}
    if not clean:
        raise TermsError(
            "changes",
            "Adendum harus mengubah paling sedikit satu ketentuan.",
            "An amendment must change at least one term.",
        )
    return clean


def check_shares(shares: Mapping[str, str | None]) -> None:
    """When every party has a share, the shares add up to 100%."""
    values = list(shares.values())
    if values and all(v is not None for v in values):
        total = sum((Decimal(str(v)) for v in values), Decimal(0))
        if total != Decimal(100):
            raise TermsError(
                "shares",
                f"Jumlah porsi pembiayaan para pihak {total}%, harus 100%.",
                f"The parties' financing shares add up to {total}%, not 100%.",
            )


def ordered(changes: Iterable[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (c.effective_from, c.sequence))


def applied_on(changes: Iterable[Change], on: date) -> list[Change]:
    """The amendments in force on ``on``, in the order they apply."""
    return [c for c in ordered(changes) if c.effective_from <= on]


def overlay(base: Mapping[str, Any], changes: Iterable[Change], on: date) -> dict[str, Any]:
    """The terms in force on ``on``: ``base`` (the signed terms) with every change effective by then, in order
    of (effective date, sequence). Shares are merged per party; every other term is replaced."""
    terms: dict[str, Any] = {name: base.get(name) for name in TERM_FIELDS}
    shares: dict[str, Any] = dict(base.get("shares") or {})
    for change in applied_on(changes, on):
        for name, value in change.changes.items():
            if name == "shares":
                shares = {**shares, **dict(value)}
            elif name in TERM_FIELDS:
                terms[name] = value
    terms["shares"] = shares
    return terms
