"""The plan check contract behind ``kerjasama check`` and ``POST /api/v1/rulebook/check``.

``parse_plan`` turns JSON text (or an already-decoded mapping) into a ``Plan`` and raises
``PlanInputError`` for bad input; ``check_plan`` runs the rules and returns the output dict;
``evaluate_plan_request`` does both and maps the outcome to an exit code (0 valid, 1 not valid, 2 bad
input) so the CLI and the API stay thin wrappers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

from kerjasama.rulebook import rules
from kerjasama.rulebook.disputes import resolve_dispute
from kerjasama.rulebook.facts import AFFAIR_CODE_RE
from kerjasama.rulebook.findings import has_errors
from kerjasama.rulebook.inputs import RulebookInputError, check_party_codes
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.rules.base import RuleContext
from kerjasama.rulebook.rules.objects import unbordered_parties
from kerjasama.rulebook.rules.procedure import requires_dprd_approval
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.subjects import (
    CATEGORIES,
    PLAN_TYPES,
    THIRD_PARTY_KINDS,
    Category,
    Plan,
    PlanType,
    ThirdParty,
)


def _quoted(values: tuple[str, ...]) -> str:
    """``"a" | "b" | "c"``: the allowed values of a field, from the Literal that defines them."""
    return " | ".join(f'"{v}"' for v in values)


def _wrapped(values: tuple[str, ...], *, width: int, indent: str) -> str:
    """``a|b|c``, wrapped after a ``|`` before ``width`` characters, continued at ``indent``."""
    lines = [""]
    for value in values:
        if lines[-1] and len(lines[-1]) + len(value) + 1 > width:
            lines[-1] += "|"
            lines.append("")
        lines[-1] += ("|" if lines[-1] else "") + value
    return f"\n{indent}".join(lines)


_INDENT = " " * 31
PLAN_DEFAULTS = f"""\
Plan input: one JSON object.
  type               required  {_quoted(PLAN_TYPES)}
  parties            required  list of region codes ("34" province, "34.71" kab/kota), no repeats;
                               KSDD >= 2, KSDPK exactly 1, SINERGI >= 1
  category           KSDD only {_quoted(CATEGORIES)}; omitted -> \
not chosen: an R6 warning, wajib-only
                               rules (R7, R8, R9) are not applied, category_allowed shows both answers
  third_party        KSDPK     {{"kind": {_wrapped(THIRD_PARTY_KINDS, width=56, indent=_INDENT)}, \
"name": non-empty text}}; required for KSDPK
  affairs                      list of affair codes "d.dd"; omitted -> [] (an R10 warning: object unchecked);
                               a well-formed code that is not a concurrent affair (e.g. 4.01) is an R10 error
  sub_affairs                  list of sub-affair identifiers "d.dd.nn" of the authority matrix (e.g.
                               "3.28.02" Kehutanan > Pengelolaan Hutan; `kerjasama affairs --sub` lists
                               them); omitted -> [] (R11 judges whole affairs); their affairs count as
                               listed; an unknown identifier is bad input (exit 2)
  justification                {{"externality": bool, "efficiency": bool}}; omitted parts -> false; read for a
                               wajib KSDD only (R9)
  burdens_public               bool; omitted -> true (conservative: DPRD approval, R13); not for SINERGI
  budgeted_in_apbd             bool; omitted -> false (conservative: DPRD approval, R13); not for SINERGI
  feasibility_study  KSDPK     bool; omitted -> false (an R17 error)
  term_years                   number, 0 < term_years <= @TERM_MAX@ (KERJASAMA_RULEBOOK_TERM_YEARS_INPUT_MAX);
                               omitted -> not stated (an R19 warning); outside the range is bad input
A JSON null counts as omitted. Unknown fields are rejected so a misspelt field never passes silently.
Exit codes: 0 valid, 1 not valid (an error finding), 2 bad input.
"""

PLAN_INPUT_ERROR_CODES: dict[str, str] = {
    "input.malformed_json": "The text is not valid JSON (NaN/Infinity included).",
    "input.not_an_object": "The JSON value is not an object.",
    "input.unknown_field": "A field the contract does not define.",
    "input.missing_field": "A required field is missing (type, parties, third_party.kind/name).",
    "input.wrong_type": "A field has the wrong JSON type.",
    "input.unknown_plan_type": "type is not KSDD, KSDPK or SINERGI.",
    "input.invalid_value": "A value outside its allowed set or range.",
    "input.field_not_applicable": "A field that does not apply to this type (category, third_party, "
    "feasibility_study).",
    "input.malformed_region_code": "A party is not of the form dd or dd.dd.",
    "input.unknown_region": "A party code is not in the reference data.",
    "input.duplicate_party": "A party is listed twice.",
    "input.wrong_party_count": "Wrong number of parties for the type.",
    "input.missing_third_party": "A KSDPK without third_party.",
    "input.malformed_affair_code": "An affair code not of the form d.dd.",
    "input.duplicate_affair": "An affair is listed twice.",
    "input.unknown_sub_affair": "A sub-affair identifier that the authority matrix does not list.",
    "input.duplicate_sub_affair": "A sub-affair is listed twice.",
    "input.out_of_range": "A number outside its allowed range (term_years).",
}

_FIELDS = frozenset(
    {
        "type",
        "category",
        "parties",
        "third_party",
        "affairs",
        "justification",
        "burdens_public",
        "budgeted_in_apbd",
        "feasibility_study",
        "term_years",
        "sub_affairs",
    }
)
_DEFAULT_SETTINGS = RulebookSettings()
_T = TypeVar("_T", bound=str)


class PlanInputError(RulebookInputError):
    """Bad plan input: a stable ``code`` (see ``PLAN_INPUT_ERROR_CODES``), messages, the offending field."""


def _fail(code: str, message_id: str, message_en: str, field: str | None = None) -> NoReturn:
    raise PlanInputError(code, message_id, message_en, field)


def _wrong_type(field: str, expected_id: str, expected_en: str) -> NoReturn:
    _fail(
        "input.wrong_type", f"{field} harus berupa {expected_id}.", f"{field} must be {expected_en}.", field
    )


def _reject_constant(name: str) -> NoReturn:
    _fail("input.malformed_json", f"Nilai {name} tidak diperbolehkan.", f"{name} is not allowed.")


def _decode(data: str | bytes | bytearray | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            _fail("input.malformed_json", "Teks bukan UTF-8.", "The text is not UTF-8.")
    if isinstance(data, str):
        try:
            value = json.loads(data, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            _fail(
                "input.malformed_json",
                f"JSON tidak sah (baris {exc.lineno}, kolom {exc.colno}).",
                f"Malformed JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}.",
            )
        except RecursionError:
            _fail("input.malformed_json", "JSON terlalu dalam bersarang.", "The JSON is nested too deeply.")
    else:
        value = data
    if not isinstance(value, Mapping):
        _fail("input.not_an_object", "Rencana harus berupa objek JSON.", "The plan must be a JSON object.")
    return value


def _optional_bool(obj: Mapping[str, Any], key: str, label: str) -> bool | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        _wrong_type(label, "boolean (true/false)", "a boolean (true/false)")
    return value


def _string_list(obj: Mapping[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _wrong_type(key, "daftar teks", "a list of strings")
    return value


def _parties(obj: Mapping[str, Any], plan_type: PlanType, ref: ReferenceData) -> tuple[str, ...]:
    if obj.get("parties") is None:
        _fail(
            "input.missing_field", "Kolom parties wajib diisi.", "The parties field is required.", "parties"
        )
    parties = _string_list(obj, "parties")
    check_party_codes(parties, ref, error=PlanInputError)
    n = len(parties)
    if (
        (plan_type == "KSDD" and n < 2)
        or (plan_type == "KSDPK" and n != 1)
        or (plan_type == "SINERGI" and n < 1)
    ):
        need_id = {"KSDD": "sekurang-kurangnya 2", "KSDPK": "tepat 1", "SINERGI": "sekurang-kurangnya 1"}[
            plan_type
        ]
        need_en = {"KSDD": "at least 2", "KSDPK": "exactly 1", "SINERGI": "at least 1"}[plan_type]
        _fail(
            "input.wrong_party_count",
            f"{plan_type} memerlukan {need_id} daerah; diberikan {n}.",
            f"A {plan_type} needs {need_en} region(s); {n} given.",
            "parties",
        )
    return tuple(parties)


def _third_party(obj: Mapping[str, Any], plan_type: PlanType) -> ThirdParty | None:
    raw = obj.get("third_party")
    if plan_type != "KSDPK":
        if raw is not None:
            _not_applicable("third_party", "KSDPK")
        return None
    if raw is None:
        _fail(
            "input.missing_third_party",
            "KSDPK memerlukan third_party (jenis dan nama pihak ketiga).",
            "A KSDPK needs third_party (the third party's kind and name).",
            "third_party",
        )
    if not isinstance(raw, Mapping):
        _wrong_type("third_party", "objek {kind, name}", "an object {kind, name}")
    extra = sorted(set(raw) - {"kind", "name"})
    if extra:
        _unknown_field(f"third_party.{extra[0]}")
    for key in ("kind", "name"):
        if raw.get(key) is None:
            _fail(
                "input.missing_field",
                f"third_party.{key} wajib diisi.",
                f"third_party.{key} is required.",
                f"third_party.{key}",
            )
        if not isinstance(raw[key], str):
            _wrong_type(f"third_party.{key}", "teks", "a string")
    kind = _choice(raw["kind"], THIRD_PARTY_KINDS, "third_party.kind")
    name = raw["name"].strip()
    if not name:
        _fail(
            "input.invalid_value",
            "third_party.name kosong.",
            "third_party.name is empty.",
            "third_party.name",
        )
    return ThirdParty(kind, name)


def _choice(value: str, allowed: tuple[_T, ...], label: str) -> _T:
    for option in allowed:
        if value == option:
            return option
    _fail(
        "input.invalid_value",
        f"{label} = {value!r} tidak dikenal; pilihan: {', '.join(allowed)}.",
        f"{label} = {value!r} is not allowed; choose one of {', '.join(allowed)}.",
        label,
    )


def _not_applicable(field: str, applies_to: str) -> NoReturn:
    _fail(
        "input.field_not_applicable",
        f"Kolom {field} hanya berlaku untuk {applies_to}.",
        f"The {field} field applies only to {applies_to}.",
        field,
    )


def _unknown_field(field: str) -> NoReturn:
    _fail("input.unknown_field", f"Kolom {field!r} tidak dikenal.", f"Unknown field {field!r}.", field)


def plan_defaults_text(settings: RulebookSettings | None = None) -> str:
    """``PLAN_DEFAULTS`` with the configured term range filled in."""
    return PLAN_DEFAULTS.replace("@TERM_MAX@", str((settings or _DEFAULT_SETTINGS).term_years_input_max))


def _sub_affairs(obj: Mapping[str, Any], ref: ReferenceData) -> tuple[str, ...]:
    """The sub-affair identifiers, each listed by the authority matrix (UU 23/2014 Lampiran), once."""
    if obj.get("sub_affairs") is None:
        return ()
    listed = _string_list(obj, "sub_affairs")
    for code in listed:
        if ref.sub_affair(code) is None:
            shown = code if len(code) <= 20 else code[:20] + "…"
            _fail(
                "input.unknown_sub_affair",
                f"Sub-urusan {shown!r} tidak ada dalam matriks kewenangan; gunakan pengenal seperti 3.28.02 "
                "(daftar: kerjasama affairs --sub).",
                f"Sub-affair {shown!r} is not in the authority matrix; use an identifier such as 3.28.02 "
                "(list: kerjasama affairs --sub).",
                "sub_affairs",
            )
    if len(set(listed)) != len(listed):
        dup = next(c for c in listed if listed.count(c) > 1)
        _fail(
            "input.duplicate_sub_affair",
            f"Sub-urusan {dup} tercantum lebih dari sekali.",
            f"Sub-affair {dup} is listed more than once.",
            "sub_affairs",
        )
    return tuple(listed)


def _term_years(obj: Mapping[str, Any], settings: RulebookSettings) -> float | None:
    """The term in years, within (0, term_years_input_max]: no law caps a KSD term (REGULATIONS.md 1.6),
    so the upper bound is the documented plausibility setting, beyond which the figure is a typing error."""
    term = obj.get("term_years")
    if term is None:
        return None
    if isinstance(term, bool) or not isinstance(term, int | float):
        _wrong_type("term_years", "angka", "a number")
    try:
        term_years = float(term)
    except OverflowError:  # an integer too large for a float
        term_years = math.inf
    upper = settings.term_years_input_max
    if not math.isfinite(term_years) or term_years <= 0 or term_years > upper:
        _fail(
            "input.out_of_range",
            f"Jangka waktu (term_years) harus lebih dari 0 dan paling lama {upper} tahun; diberikan "
            f"{_short_number(term)}.",
            f"The term (term_years) must be more than 0 and at most {upper} years; {_short_number(term)} "
            "given.",
            "term_years",
        )
    return term_years


def _short_number(value: float) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 24 else f"{text[:12]}…({len(text)} digits)"


def parse_plan(
    data: str | bytes | bytearray | Mapping[str, Any],
    ref: ReferenceData,
    settings: RulebookSettings | None = None,
) -> Plan:
    """Validate plan input (see ``PLAN_DEFAULTS``) against the reference data; raise ``PlanInputError``."""
    settings = settings or _DEFAULT_SETTINGS
    obj = _decode(data)
    extra = sorted(str(k) for k in set(obj) - _FIELDS)
    if extra:
        _unknown_field(extra[0])

    raw_type = obj.get("type")
    if raw_type is None:
        _fail("input.missing_field", "Kolom type wajib diisi.", "The type field is required.", "type")
    if not isinstance(raw_type, str):
        _wrong_type("type", "teks", "a string")
    if raw_type not in PLAN_TYPES:
        _fail(
            "input.unknown_plan_type",
            f"Jenis kerja sama {raw_type!r} tidak dikenal; pilihan: {', '.join(PLAN_TYPES)}.",
            f"Unknown cooperation type {raw_type!r}; choose one of {', '.join(PLAN_TYPES)}.",
            "type",
        )
    plan_type = _choice(raw_type, PLAN_TYPES, "type")

    parties = _parties(obj, plan_type, ref)

    category: Category | None = None
    if obj.get("category") is not None:
        if plan_type != "KSDD":
            _not_applicable("category", "KSDD")
        if not isinstance(obj["category"], str):
            _wrong_type("category", "teks", "a string")
        category = _choice(obj["category"], CATEGORIES, "category")

    third_party = _third_party(obj, plan_type)

    affairs: tuple[str, ...] = ()
    if obj.get("affairs") is not None:
        listed = _string_list(obj, "affairs")
        for code in listed:
            if AFFAIR_CODE_RE.fullmatch(code) is None:
                _fail(
                    "input.malformed_affair_code",
                    f"Kode urusan {code!r} tidak berbentuk d.dd (mis. 1.03).",
                    f"Affair code {code!r} is not of the form d.dd (e.g. 1.03).",
                    "affairs",
                )
        if len(set(listed)) != len(listed):
            dup = next(c for c in listed if listed.count(c) > 1)
            _fail(
                "input.duplicate_affair",
                f"Urusan {dup} tercantum lebih dari sekali.",
                f"Affair {dup} is listed more than once.",
                "affairs",
            )
        affairs = tuple(listed)
    sub_affairs = _sub_affairs(obj, ref)
    for code in sub_affairs:  # a sub-affair names its affair (R10, R11 read the affairs)
        row = ref.sub_affair(code)
        if row is not None and row.affair_code not in affairs:
            affairs = (*affairs, row.affair_code)

    externality = efficiency = False
    justification = obj.get("justification")
    if justification is not None:
        if not isinstance(justification, Mapping):
            _wrong_type(
                "justification", "objek {externality, efficiency}", "an object {externality, efficiency}"
            )
        extra = sorted(str(k) for k in set(justification) - {"externality", "efficiency"})
        if extra:
            _unknown_field(f"justification.{extra[0]}")
        externality = bool(_optional_bool(justification, "externality", "justification.externality"))
        efficiency = bool(_optional_bool(justification, "efficiency", "justification.efficiency"))

    feasibility: bool | None = None
    if obj.get("feasibility_study") is not None and plan_type != "KSDPK":
        _not_applicable("feasibility_study", "KSDPK")
    if plan_type == "KSDPK":
        feasibility = bool(_optional_bool(obj, "feasibility_study", "feasibility_study"))

    term_years = _term_years(obj, settings)

    return Plan(
        type=plan_type,
        parties=parties,
        category=category,
        third_party=third_party,
        affairs=affairs,
        externality=externality,
        efficiency=efficiency,
        burdens_public=_optional_bool(obj, "burdens_public", "burdens_public"),
        budgeted_in_apbd=_optional_bool(obj, "budgeted_in_apbd", "budgeted_in_apbd"),
        feasibility_study=feasibility,
        term_years=term_years,
        sub_affairs=sub_affairs,
    )


def category_allowed(plan: Plan, ref: ReferenceData) -> dict[str, bool]:
    """Which KSDD categories the parties allow: sukarela for >= 2 distinct autonomous regions; wajib when,
    in addition, every party borders another party (R7); every such pair is one of the five Pasal 364(2)
    pairings (R8), since the pairings cover all combinations of distinct autonomous regions."""
    if plan.type != "KSDD":
        return {"wajib": False, "sukarela": False}
    distinct = set(plan.parties)
    facts = [ref.region(c) for c in distinct]
    sukarela = len(distinct) >= 2 and all(f is not None and f.autonomous for f in facts)
    wajib = sukarela and not unbordered_parties(plan.parties, ref)
    return {"wajib": wajib, "sukarela": sukarela}


def check_plan(
    plan: Plan | str | bytes | bytearray | Mapping[str, Any],
    ref: ReferenceData,
    settings: RulebookSettings | None = None,
) -> dict[str, Any]:
    """Check a plan; returns ``{"valid", "category_allowed", "requires_dprd_approval", "dispute_resolver",
    "findings"}``. ``valid`` is True when no finding has severity ``error``. Raises ``PlanInputError``
    for bad input (a ``Plan`` object is re-validated through the same contract)."""
    settings = settings or _DEFAULT_SETTINGS
    plan = parse_plan(plan_to_dict(plan) if isinstance(plan, Plan) else plan, ref, settings)
    findings = rules.run(plan, RuleContext(ref, settings))
    route = resolve_dispute(ref, plan.parties, plan.type, settings)
    return {
        "valid": not has_errors(findings),
        "category_allowed": category_allowed(plan, ref),
        "requires_dprd_approval": requires_dprd_approval(plan),
        "dispute_resolver": {"authority": route.authority, "region": route.region, "basis": route.basis},
        "findings": [f.to_dict() for f in findings],
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The JSON input form of a ``Plan`` (omitted fields left out)."""
    out: dict[str, Any] = {"type": plan.type, "parties": list(plan.parties)}
    if plan.category is not None:
        out["category"] = plan.category
    if plan.third_party is not None:
        out["third_party"] = {"kind": plan.third_party.kind, "name": plan.third_party.name}
    if plan.affairs:
        out["affairs"] = list(plan.affairs)
    if plan.sub_affairs:
        out["sub_affairs"] = list(plan.sub_affairs)
    out["justification"] = {"externality": plan.externality, "efficiency": plan.efficiency}
    for key in ("burdens_public", "budgeted_in_apbd", "feasibility_study", "term_years"):
        value = getattr(plan, key)
        if value is not None:
            out[key] = value
    return out


def evaluate_plan_request(
    data: str | bytes | bytearray | Mapping[str, Any],
    ref: ReferenceData,
    settings: RulebookSettings | None = None,
) -> tuple[int, dict[str, Any]]:
    """(exit code, body): (0, result) valid, (1, result) not valid, (2, {"error": {...}}) bad input."""
    try:
        result = check_plan(data, ref, settings)
    except PlanInputError as exc:
        return 2, {"error": exc.to_dict()}
    return (0 if result["valid"] else 1), result


__all__ = [
    "PLAN_DEFAULTS",
    "PLAN_INPUT_ERROR_CODES",
    "PlanInputError",
    "category_allowed",
    "check_plan",
    "evaluate_plan_request",
    "parse_plan",
    "plan_defaults_text",
    "plan_to_dict",
]
