"""The input of the early warning (issue 12 item 6): one agreement and its event stream, checked strictly.

The contract is the one ``kerjasama risk`` reads and ``POST /api/v1/disputes/risk`` accepts::

    {"as_of": "YYYY-MM-DD",
     "agreement": {"type": "KSDD"|"KSDPK"|"SINERGI", "parties": [codes], "third_party": {"kind", "name"}?,
                   "affairs": [codes], "sector": SECTORS?, "start": date, "end": date|null,
                   "budgeted_in_apbd": bool?, "review_every_years": int?},
     "events": [{"date": date, "kind": EVENT_KINDS, "party": code?, "amount_idr": number?, "days_late": int?,
                 "rating": 1-5?, "note": text?}]}

A ``?`` marks an optional field (a JSON ``null`` counts as omitted). Bad input raises :class:`RiskInputError`
(a ``KerjasamaError``: exit 2 in the CLI, 422 in the API) with a stable code from ``RISK_INPUT_ERROR_CODES``
and a sentence in Indonesian and English: malformed JSON, an unknown field (a misspelt field never passes
silently), an unknown event kind, a party in an event that is not a party of the agreement (nor its third
party's name), a date that is not ``YYYY-MM-DD``, an end before the start. Events after ``as_of`` are checked
like the others, then ignored by the engine.

Pure Python (house rule 1): the third-party kinds and plan types come from the rulebook
(``rulebook.subjects``: PP 28/2018 Pasal 14 and its Penjelasan for the kinds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn

from kerjasama.core.errors import KerjasamaError
from kerjasama.rulebook.facts import code_level
from kerjasama.rulebook.plan import PlanInputError
from kerjasama.rulebook.plan import _decode as decode_json_object
from kerjasama.rulebook.subjects import PLAN_TYPES, THIRD_PARTY_KINDS, ThirdParty

#: The sectors of the ministry's draft dispute guideline (issue 12: public services, investment, procurement of
#: goods/services, infrastructure, assets) plus "lainnya".
SECTORS = ("pelayanan_publik", "investasi", "pengadaan", "infrastruktur", "aset", "lainnya")

#: Every event kind the engine reads; anything else is bad input.
EVENT_KINDS = (
    "obligation_due",
    "obligation_fulfilled",
    "payment_late",
    "payment_received",
    "monev_submitted",
    "monev_missed",
    "tariff_review_done",
    "leadership_change",
    "community_protest",
    "service_interruption",
    "warning_letter",
    "audit_finding",
    "addendum_signed",
    "addendum_unapproved",
    "extension_signed",
    "transition_plan",
    "complaint",
    "dispute_registered",
    "dispute_closed",
    "regulation_change",
)
_KIND_SET = frozenset(EVENT_KINDS)
#: Bounds that keep the arithmetic on dates and rupiah finite; far beyond any real agreement (an APBD is below
#: Rp 10^15, a late payment below a century, a cooperation inside 1900-2199).
MAX_AMOUNT_IDR = 10**15
MAX_DAYS_LATE = 36_500
FIRST_YEAR, LAST_YEAR = 1900, 2199

RISK_INPUT_ERROR_CODES: dict[str, str] = {
    "input.malformed_json": "The text is not valid JSON (NaN/Infinity included) or not UTF-8.",
    "input.not_an_object": "The document, the agreement, an event or third_party is not a JSON object.",
    "input.unknown_field": "A field the contract does not define.",
    "input.missing_field": "A required field is missing (as_of, agreement, type, parties, start, an event's "
    "date or kind, third_party.kind/name).",
    "input.wrong_type": "A field has the wrong JSON type.",
    "input.invalid_value": "A value outside its allowed set or range (type, sector, third_party.kind, rating, "
    "an amount outside 0..10^15, days_late outside 0..36500, review_every_years outside 1..100, a year outside "
    "1900-2199).",
    "input.malformed_date": "A date that is not a valid YYYY-MM-DD.",
    "input.end_before_start": "agreement.end is before agreement.start.",
    "input.malformed_region_code": "A party is not of the form dd or dd.dd.",
    "input.duplicate_party": "A party is listed twice.",
    "input.unknown_event_kind": "An event kind the engine does not know.",
    "input.unknown_party": "An event names a party that is not a party of the agreement.",
    "input.unreadable": "The input file cannot be read (kerjasama risk FILE).",
}

_DOCUMENT_FIELDS = frozenset({"as_of", "agreement", "events"})
_AGREEMENT_FIELDS = frozenset(
    {
        "type",
        "parties",
        "third_party",
        "affairs",
        "sector",
        "start",
        "end",
        "budgeted_in_apbd",
        "review_every_years",
    }
)
_EVENT_FIELDS = frozenset({"date", "kind", "party", "amount_idr", "days_late", "rating", "note"})


class RiskInputError(KerjasamaError):
    """Bad input to the early warning: a stable ``code`` (``RISK_INPUT_ERROR_CODES``), both messages and the
    offending ``field`` (``events[3].kind``), answered with exit 2 / HTTP 422."""

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None) -> None:
        super().__init__(code, message_id, message_en)
        self.field = field

    def as_dict(self) -> dict[str, object]:
        payload = super().as_dict()
        if self.field:
            payload["field"] = self.field
        return payload


@dataclass(frozen=True, slots=True)
class AgreementFact:
    """The agreement as the engine sees it (no record in the database is needed)."""

    type: str
    parties: tuple[str, ...]
    start: date
    end: date | None = None
    third_party: ThirdParty | None = None
    affairs: tuple[str, ...] = ()
    sector: str | None = None
    budgeted_in_apbd: bool | None = None
    review_every_years: int | None = None


@dataclass(slots=True)
class EventFact:
    """One recorded event; ``index`` is its position in the input (what ``evidence`` cites). Not frozen:
    building millions of frozen instances costs twice as much; nothing changes an event after parsing."""

    index: int
    date: date
    kind: str
    party: str | None = None
    amount_idr: float | None = None
    days_late: int | None = None
    rating: int | None = None
    note: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        """A total order on the content (not the input position), so the result does not depend on it."""
        return (
            self.date,
            self.kind,
            self.party or "",
            -1.0 if self.amount_idr is None else self.amount_idr,
            -1 if self.days_late is None else self.days_late,
            -1 if self.rating is None else self.rating,
            self.note or "",
            self.index,
        )


@dataclass(frozen=True, slots=True)
class RiskInput:
    as_of: date
    agreement: AgreementFact
    events: tuple[EventFact, ...]


def _fail(code: str, message_id: str, message_en: str, field: str | None = None) -> NoReturn:
    raise RiskInputError(code, message_id, message_en, field)


def _wrong_type(field: str, expected_id: str, expected_en: str) -> NoReturn:
    _fail(
        "input.wrong_type", f"{field} harus berupa {expected_id}.", f"{field} must be {expected_en}.", field
    )


def load_document(raw: str | bytes | bytearray | Mapping[str, Any]) -> Mapping[str, Any]:
    """The JSON object in ``raw`` (text, bytes or an already parsed mapping), decoded by the rulebook's strict
    reader (UTF-8, no NaN/Infinity, bounded nesting) so both contracts read JSON alike."""
    try:
        value = decode_json_object(raw)
    except PlanInputError as exc:
        if exc.code != "input.malformed_json":
            _object(None, "dokumen", "document")
        raise RiskInputError(exc.code, exc.message_id, exc.message_en, exc.field) from None
    return value


def _object(value: Any, field: str, field_en: str | None = None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        _fail(
            "input.not_an_object",
            f"{field} harus berupa objek JSON.",
            f"{field_en or field} must be a JSON object.",
            None if field == "dokumen" else field,
        )
    return value


def _known_fields(obj: Mapping[str, Any], allowed: frozenset[str], prefix: str) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        name = f"{prefix}{unknown[0]}"
        _fail(
            "input.unknown_field",
            f"Kolom tidak dikenal: {name}.",
            f"Unknown field: {name}.",
            name,
        )


def _required(obj: Mapping[str, Any], key: str, field: str) -> Any:
    value = obj.get(key)
    if value is None:
        _fail("input.missing_field", f"Kolom {field} wajib diisi.", f"The field {field} is required.", field)
    return value


def parse_date(value: Any, field: str) -> date:
    """A strict ``YYYY-MM-DD`` date (``date.fromisoformat`` alone would also take ``20260301``)."""
    if not isinstance(value, str):
        _wrong_type(field, "tanggal YYYY-MM-DD", "a YYYY-MM-DD date")
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if FIRST_YEAR <= day.year <= LAST_YEAR:
                return day
            _invalid(field, value, f"tahun {FIRST_YEAR}-{LAST_YEAR}", f"a year in {FIRST_YEAR}-{LAST_YEAR}")
    _fail(
        "input.malformed_date",
        f"{field}: {value!r} bukan tanggal YYYY-MM-DD yang sah.",
        f"{field}: {value!r} is not a valid YYYY-MM-DD date.",
        field,
    )


def _invalid(field: str, value: Any, allowed_id: str, allowed_en: str) -> NoReturn:
    _fail(
        "input.invalid_value",
        f"{field}: nilai {value!r} tidak diperbolehkan ({allowed_id}).",
        f"{field}: the value {value!r} is not allowed ({allowed_en}).",
        field,
    )


def _choice(value: Any, allowed: tuple[str, ...], field: str) -> str:
    if not isinstance(value, str):
        _wrong_type(field, "teks", "a string")
    if value not in allowed:
        words = ", ".join(allowed)
        _invalid(field, value, f"salah satu dari {words}", f"one of {words}")
    return value


def _strings(value: Any, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _wrong_type(field, "daftar teks", "a list of strings")
    return tuple(value)


def _integer(value: Any, field: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not (
        isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    ):
        _wrong_type(field, "bilangan bulat", "an integer")
    number = int(value)
    if number < low or (high is not None and number > high):
        bounds = f"{low}..{high}" if high is not None else f">= {low}"
        _invalid(field, value, bounds, bounds)
    return number


def _amount(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _wrong_type(field, "angka", "a number")
    if isinstance(value, float) and not math.isfinite(value):
        _wrong_type(field, "angka", "a number")
    if not 0 <= value <= MAX_AMOUNT_IDR:
        _invalid(field, value, f"0..{MAX_AMOUNT_IDR}", f"0..{MAX_AMOUNT_IDR}")
    return float(value)


def _parties(value: Any) -> tuple[str, ...]:
    parties = _strings(value, "agreement.parties")
    if not parties:
        _fail(
            "input.missing_field",
            "agreement.parties memerlukan sekurang-kurangnya satu daerah.",
            "agreement.parties needs at least one region.",
            "agreement.parties",
        )
    for code in parties:
        if code_level(code) is None:
            _fail(
                "input.malformed_region_code",
                f"Kode wilayah {code!r} tidak berbentuk dd atau dd.dd.",
                f"Region code {code!r} is not of the form dd or dd.dd.",
                "agreement.parties",
            )
    if len(set(parties)) != len(parties):
        twice = next(c for c in parties if parties.count(c) > 1)
        _fail(
            "input.duplicate_party",
            f"Daerah {twice} tercantum lebih dari sekali.",
            f"Region {twice} is listed more than once.",
            "agreement.parties",
        )
    return parties


def _third_party(value: Any) -> ThirdParty | None:
    if value is None:
        return None
    obj = _object(value, "agreement.third_party")
    _known_fields(obj, frozenset({"kind", "name"}), "agreement.third_party.")
    kind = _choice(
        _required(obj, "kind", "agreement.third_party.kind"), THIRD_PARTY_KINDS, "agreement.third_party.kind"
    )
    name = _required(obj, "name", "agreement.third_party.name")
    if not isinstance(name, str) or not name.strip():
        _wrong_type("agreement.third_party.name", "teks", "a non-empty string")
    return ThirdParty(kind, name.strip())  # type: ignore[arg-type]  # kind checked against THIRD_PARTY_KINDS


def _optional_bool(value: Any, field: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        _wrong_type(field, "boolean (true/false)", "a boolean (true/false)")
    return value


def parse_agreement(value: Any) -> AgreementFact:
    obj = _object(value, "agreement")
    _known_fields(obj, _AGREEMENT_FIELDS, "agreement.")
    kind = _choice(_required(obj, "type", "agreement.type"), PLAN_TYPES, "agreement.type")
    parties = _parties(_required(obj, "parties", "agreement.parties"))
    start = parse_date(_required(obj, "start", "agreement.start"), "agreement.start")
    end = None if obj.get("end") is None else parse_date(obj["end"], "agreement.end")
    if end is not None and end < start:
        _fail(
            "input.end_before_start",
            f"agreement.end ({end}) sebelum agreement.start ({start}).",
            f"agreement.end ({end}) is before agreement.start ({start}).",
            "agreement.end",
        )
    sector = None if obj.get("sector") is None else _choice(obj["sector"], SECTORS, "agreement.sector")
    review = obj.get("review_every_years")
    return AgreementFact(
        type=kind,
        parties=parties,
        start=start,
        end=end,
        third_party=_third_party(obj.get("third_party")),
        affairs=() if obj.get("affairs") is None else _strings(obj["affairs"], "agreement.affairs"),
        sector=sector,
        budgeted_in_apbd=_optional_bool(obj.get("budgeted_in_apbd"), "agreement.budgeted_in_apbd"),
        review_every_years=None
        if review is None
        else _integer(review, "agreement.review_every_years", 1, 100),
    )


#: Dates already parsed (the same days recur across events and documents); cleared when it grows large.
_DATES: dict[str, date] = {}


def _event_date(value: Any, field: str) -> date:
    day = _DATES.get(value) if type(value) is str else None
    if day is None:
        day = parse_date(value, field)
        if len(_DATES) > 100_000:
            _DATES.clear()
        _DATES[value] = day
    return day


def _bad_event(index: int, key: str, value: Any, parties: frozenset[str]) -> NoReturn:
    """The error for an event's ``kind`` or ``party`` that the fast path refused."""
    field = f"events[{index}].{key}"
    if value is None:
        _required({}, key, field)
    if not isinstance(value, str):
        _wrong_type(field, "teks", "a string")
    if key == "kind":
        _fail(
            "input.unknown_event_kind",
            f"{field}: jenis peristiwa {value!r} tidak dikenal.",
            f"{field}: unknown event kind {value!r}.",
            field,
        )
    _fail(
        "input.unknown_party",
        f"{field}: {value} bukan pihak dalam kerja sama ini ({', '.join(sorted(parties))}).",
        f"{field}: {value} is not a party of this agreement ({', '.join(sorted(parties))}).",
        field,
    )


def _event(value: Any, index: int, parties: frozenset[str]) -> EventFact:
    """One event, checked; written for speed (the bench scores millions of events): plain ``get`` calls,
    exact type checks on the common path, the slow explanations only when something is wrong."""
    if type(value) is not dict and not isinstance(value, Mapping):
        _object(value, f"events[{index}]")
    if not _EVENT_FIELDS.issuperset(value):
        _known_fields(value, _EVENT_FIELDS, f"events[{index}].")
    get = value.get
    kind = get("kind")
    if type(kind) is not str or kind not in _KIND_SET:
        _bad_event(index, "kind", kind, parties)
    party = get("party")
    if party is not None and (type(party) is not str or party not in parties):
        _bad_event(index, "party", party, parties)
    text = get("date")
    day = _DATES.get(text) if type(text) is str else None
    if day is None:
        day = _event_date(_required(value, "date", f"events[{index}].date"), f"events[{index}].date")
    if len(value) == 3:  # date, kind and one more: the common case is a party alone
        amount = days = rating = note = None
        if party is None:
            amount, days, rating, note = get("amount_idr"), get("days_late"), get("rating"), get("note")
    elif len(value) > 3:
        amount, days, rating, note = get("amount_idr"), get("days_late"), get("rating"), get("note")
    else:
        amount = days = rating = note = None
    if amount is not None:
        if type(amount) is int and 0 <= amount <= MAX_AMOUNT_IDR:
            amount = float(amount)
        else:
            amount = _amount(amount, f"events[{index}].amount_idr")
    if days is not None and not (type(days) is int and 0 <= days <= MAX_DAYS_LATE):
        days = _integer(days, f"events[{index}].days_late", 0, MAX_DAYS_LATE)
    if rating is not None and not (type(rating) is int and 1 <= rating <= 5):
        rating = _integer(rating, f"events[{index}].rating", 1, 5)
    if note is not None and type(note) is not str:
        _wrong_type(f"events[{index}].note", "teks", "a string")
    return EventFact(index, day, kind, party, amount, days, rating, note)


def parse_input(raw: str | bytes | bytearray | Mapping[str, Any]) -> RiskInput:
    """The checked input; raises :class:`RiskInputError` on the first problem found."""
    document = load_document(raw)
    _known_fields(document, _DOCUMENT_FIELDS, "")
    as_of = parse_date(_required(document, "as_of", "as_of"), "as_of")
    agreement = parse_agreement(_required(document, "agreement", "agreement"))
    events = document.get("events")
    if events is None:
        events = []
    if not isinstance(events, list):
        _wrong_type("events", "daftar objek", "a list of objects")
    parties = frozenset(agreement.parties) | (
        {agreement.third_party.name} if agreement.third_party is not None else frozenset()
    )
    return RiskInput(as_of, agreement, tuple(_event(e, i, parties) for i, e in enumerate(events)))
