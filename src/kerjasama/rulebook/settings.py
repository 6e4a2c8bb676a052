"""Every legal parameter the sources leave open, with a documented default and the reason for it.

House rule 1: a parameter the sources do not pin down is a setting, never a literal in a rule. Each field
below names the rules that read it and why its default was chosen (the tags [V]/[S]/[U] are those of
REGULATIONS.md). ``RulebookSettings.from_mapping`` turns environment-style values (strings) into a settings
object so the Django side can pass ``KERJASAMA_RULEBOOK_*`` variables straight through.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

DisputeDefault = Literal["menteri", "gubernur"]
SynergyDisputeDefault = Literal["menteri", "perjanjian"]
TermMode = Literal["off", "warn", "error"]
JustificationMode = Literal["any", "both"]
ClauseSeverity = Literal["off", "warning", "error"]
TakeoverDefault = Literal["pusat", "gwpp"]

# R16 [L]: the copy list (*tembusan*) of an offer letter under Permendagri 22/2009 Lampiran I (S-p2009L).
# Whether Permendagri 22/2020 keeps it is unverified, so it is data. Keys are the Pasal 364(2) pairing letters.
# Tokens: ``dprd_penawar`` expands to the offering region's DPRD; ``gubernur`` to the governor of the
# kab/kota parties' province; ``gubernur_masing_masing`` to each kab/kota party's governor.
DEFAULT_OFFER_COPY_TABLE: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "a": ("menteri_dalam_negeri", "kementerian_lembaga_terkait", "dprd_penawar"),
        "b": ("menteri_dalam_negeri", "kementerian_lembaga_terkait", "dprd_penawar"),
        "c": ("menteri_dalam_negeri", "kementerian_lembaga_terkait", "dprd_penawar"),
        "d": (
            "menteri_dalam_negeri",
            "kementerian_lembaga_terkait",
            "dprd_penawar",
            "gubernur_masing_masing",
        ),
        "e": ("menteri_dalam_negeri", "kementerian_lembaga_terkait", "dprd_penawar", "gubernur"),
    }
)

# R21: Permendagri 22/2020 gives the TKKSD ten tasks; only four are named in secondary reports (S-kibar,
# S-banjar2, S-kukar). The others are labelled unverified so nobody mistakes them for the regulation's text.
DEFAULT_TKKSD_TASKS: tuple[str, ...] = (
    "[S] menyusun perjanjian kerja sama / drafting agreements",
    "[S] memetakan urusan yang dapat dikerjasamakan bersama perangkat daerah kerja sama dan perencanaan"
    " / mapping cooperable affairs with the cooperation and planning units",
    "[S] mengevaluasi usulan kerja sama / evaluating proposals",
    "[S] mengoordinasikan penyelesaian masalah / coordinating problem resolution",
    "[U] melakukan kajian atas usulan dan penawaran kerja sama / reviewing proposals and offers",
    "[U] memberikan pertimbangan kepada kepala daerah / advising the head of region",
    "[U] memantau dan mengevaluasi pelaksanaan kerja sama / monitoring and evaluating implementation",
    "[U] tugas ke-8 belum diverifikasi (pasal TKKSD Permendagri 22/2020 belum dibaca) / task 8 unverified",
    "[U] tugas ke-9 belum diverifikasi (pasal TKKSD Permendagri 22/2020 belum dibaca) / task 9 unverified",
    "[U] tugas ke-10 belum diverifikasi (pasal TKKSD Permendagri 22/2020 belum dibaca) / task 10 unverified",
)

# R27 [U]: the KSDD PKS contents are left to the Permendagri (PP 28/2018 Pasal 6(4)); this is the list
# REGULATIONS.md section 1.4 calls "typical of Permendagri 22/2020", unverified, hence data.
DEFAULT_KSDD_PKS_CLAUSES: tuple[str, ...] = (
    "subjek",
    "objek",
    "ruang_lingkup",
    "hak_kewajiban",
    "jangka_waktu",
    "keadaan_memaksa",
    "penyelesaian_perselisihan",
    "pengakhiran",
)


def _meta(rules: str, doc: str) -> dict[str, str]:
    return {"rules": rules, "doc": doc}


@dataclass(frozen=True)
class RulebookSettings:
    """Legal parameters of the rulebook. Defaults follow REGULATIONS.md; see each field's ``doc``."""

    kabkota_cross_province_dispute_authority: DisputeDefault = field(
        default="menteri",
        metadata=_meta(
            "R25",
            "[U] UU 23/2014 Pasal 370 and PP 28/2018 name nobody for kab/kota of different provinces; "
            "the Minister is the plausible default (Pasal 370(3) logic, PP Pasal 5(2)(b)). Always flagged "
            "for legal review.",
        ),
    )
    synergy_dispute_authority: SynergyDisputeDefault = field(
        default="menteri",
        metadata=_meta(
            "R34",
            "[S] Neither UU 23/2014 Pasal 370 nor PP 28/2018 Pasal 46 names who settles a dispute between a "
            "region and a central ministry or agency. 'menteri' = escalate to the Minister's facilitation "
            "(practice, not a decision); 'perjanjian' = the dokumen kesepakatan only. Always flagged for legal "
            "review; the DPOD only advises the President on policy (Pasal 396(2)(d), 397).",
        ),
    )
    follow_permendagri_four_pairings_warning: bool = field(
        default=True,
        metadata=_meta(
            "R8",
            "[V] Permendagri 22/2020 Pasal 3 lists four pairings and omits UU 23/2014 Pasal 364(2)(c); the "
            "statute controls, so the fifth pairing is accepted with a warning while this is on.",
        ),
    )
    wajib_justification_mode: JustificationMode = field(
        default="any",
        metadata=_meta(
            "R9",
            "[M] Pasal 364(1) joins externality and efficiency with 'dan' as two purposes; REGULATIONS.md "
            "section 1.2 advises recording both and not hard-failing on one. 'any' = one suffices (the other "
            "missing is an info), 'both' = each missing one is an error.",
        ),
    )
    max_pks_term_years: int | None = field(
        default=None,
        metadata=_meta(
            "R19",
            "[S] The 5-year PKS cap is only in a Kota Yogyakarta FAQ; not in UU 23/2014, PP 28/2018 or any "
            "readable Permendagri text. None = no cap.",
        ),
    )
    max_pks_term_mode: TermMode = field(
        default="off",
        metadata=_meta("R19", "How a term above max_pks_term_years is reported: off, warn or error."),
    )
    term_years_input_max: int = field(
        default=50,
        metadata=_meta(
            "R19",
            "[U] The longest term (years) a plan may state before it is refused as bad input (exit 2): a "
            "plausibility range, not a legal cap, since UU 23/2014 and PP 28/2018 set no maximum term "
            "(no provision found). 50 is the longest term of a cooperation on regional assets for "
            "infrastructure under the BMD rules (kerja sama pemanfaatan, PP 27/2014 as amended by PP 28/2020) "
            "[U]; raise it where a sector law allows longer.",
        ),
    )
    offer_reply_days: int | None = field(
        default=None,
        metadata=_meta(
            "R16, R31",
            "[U] No day limit for replying to an offer was found (pass 3). None = no deadline and no "
            "'deemed' outcome. Counted in working days (UU 23/2014 Pasal 1 angka 50).",
        ),
    )
    kb_to_pks_days: int | None = field(
        default=None,
        metadata=_meta("R31", "[U] No KB -> PKS limit found. None = no deadline. Working days."),
    )
    dprd_decision_days: int | None = field(
        default=None,
        metadata=_meta(
            "R13, R31",
            "[U] No DPRD decision limit for KSDD/KSDPK found in UU 23/2014 or PP 28/2018; never 'deemed "
            "approved'. None = no deadline. Working days.",
        ),
    )
    reporting_days: int | None = field(
        default=None,
        metadata=_meta("R30, R31", "[U] Reporting period not found. None = no reporting deadline."),
    )
    foreign_dprd_days: int = field(
        default=45,
        metadata=_meta(
            "R20, R31",
            "[V] PP 28/2018 Pasal 30(4): the DPRD decides on a KSDPL/KSDLL plan within 45 working days.",
        ),
    )
    require_ksdd_musyawarah_step: bool = field(
        default=True,
        metadata=_meta(
            "R22",
            "[M] A musyawarah step before escalating a KSDD dispute is good practice but not prescribed by "
            "UU 23/2014 Pasal 370 or PP 28/2018 Pasal 8.",
        ),
    )
    joint_leave_days: tuple[date, ...] = field(
        default=(),
        metadata=_meta(
            "R31",
            "Cuti bersama (joint leave) set each year by SKB of three ministers; counted as non-working days. "
            "Data, not law: load the current SKB's dates.",
        ),
    )
    joint_leave_from_holidays_library: bool = field(
        default=False,
        metadata=_meta(
            "R31",
            "Also treat the 'government' category of the holidays package (its cuti bersama list) as "
            "non-working. Off by default: the deployment's joint_leave_days is the authoritative list.",
        ),
    )
    tkksd_tasks: tuple[str, ...] = field(
        default=DEFAULT_TKKSD_TASKS,
        metadata=_meta("R21", "[S]/[U] Ten TKKSD tasks: four known from secondary reports, six unverified."),
    )
    tkksd_default_chair: str = field(
        default="sekretaris_daerah",
        metadata=_meta("R21", "[S] Kota Yogyakarta: 'Sekretaris Daerah selaku Ketua TKKSD'."),
    )
    require_tkksd_review: bool = field(
        default=True,
        metadata=_meta(
            "R16, R21",
            "[M] A TKKSD review before the offer and before PKS signing (S-yogya, Permendagri 22/2020 "
            "article not read).",
        ),
    )
    ksdpk_partner_selection_required: bool = field(
        default=False,
        metadata=_meta(
            "R17",
            "[U] Local policy: PP 28/2018 sets no partner-selection step for a KSDPK; kinds (b)-(d) follow "
            "their sector rules (Pasal 15(2)-(4): regional assets, investment, procurement of goods/services, "
            "KPBU). True = the offer of a KSDPK needs a recorded selection of the third party (method, "
            "reference, date).",
        ),
    )
    require_offer_by_head_of_region: bool = field(
        default=True,
        metadata=_meta("R16", "[M] S-yogya: the offer letter is signed by the head of region, never an OPD."),
    )
    offer_copy_table: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: DEFAULT_OFFER_COPY_TABLE,
        metadata=_meta("R16", "[L] Offer-letter copy list per pairing; 2009 baseline (S-p2009L)."),
    )
    kb_signatory_head_only: bool = field(
        default=True,
        metadata=_meta(
            "R15",
            "[M] Practice (S-yogya, S-kompasiana): only the head of region signs a KB/NK; a delegated "
            "official may sign only the PKS (PP 28/2018 Pasal 2 [V]).",
        ),
    )
    ksdd_pks_required_clauses: tuple[str, ...] = field(
        default=DEFAULT_KSDD_PKS_CLAUSES,
        metadata=_meta("R27", "[U] KSDD PKS contents are set by the Permendagri (PP Pasal 6(4)); unread."),
    )
    ksdd_pks_clauses_severity: ClauseSeverity = field(
        default="warning",
        metadata=_meta("R27", "How a missing KSDD PKS clause is reported; warning because the list is [U]."),
    )
    sinergi_require_work_plan: bool = field(
        default=True,
        metadata=_meta(
            "R18",
            "[M] The NK + rencana kerja form is from S-kompasiana and S-yogya; PP 28/2018 Pasal 46 only "
            "requires a binding dokumen kesepakatan.",
        ),
    )
    takeover_cross_province_kabkota: TakeoverDefault = field(
        default="pusat",
        metadata=_meta(
            "R28",
            "[M] UU 23/2014 Pasal 364(3) gives the takeover of pairing (d) to the central government; PP "
            "28/2018 Pasal 10 wording implies GWPP. The statute controls; flagged for legal review.",
        ),
    )
    reporting_line_kabkota: tuple[str, ...] = field(
        default=("gubernur", "menteri"),
        metadata=_meta(
            "R30",
            "[V] PP 28/2018 Pasal 44(5) -> PP 12/2017 Pasal 24(1), (2): bupati/wali kota -> governor (GWPP) "
            "-> Minister (the receiving unit of the Ministry is [U]).",
        ),
    )
    reporting_line_provinsi: tuple[str, ...] = field(
        default=("menteri",),
        metadata=_meta("R30", "[V] PP 12/2017 Pasal 24(2): governor -> Minister."),
    )
    reporting_frequency: str | None = field(
        default=None,
        metadata=_meta("R30", "[U] Reporting frequency not found; no default (ask the client)."),
    )
    expected_province_count: int = field(
        default=38, metadata=_meta("R2", "[V] Kepmendagri 300.2.2-2138/2025 (S-wilayah).")
    )
    expected_kabupaten_count: int = field(
        default=416, metadata=_meta("R2", "[V] Kepmendagri 300.2.2-2138/2025 (S-wilayah).")
    )
    expected_kota_count: int = field(
        default=98, metadata=_meta("R2", "[V] Kepmendagri 300.2.2-2138/2025 (S-wilayah).")
    )

    def __post_init__(self) -> None:
        for name, allowed in _CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name}={getattr(self, name)!r}; expected one of {sorted(allowed)}")
        for name in _OPTIONAL_DAYS:
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"{name}={value!r}; expected a positive integer or None")
        for name in _POSITIVE_INTS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}={value!r}; expected a positive integer")
        unknown = set(self.offer_copy_table) - set("abcde")
        if unknown:
            raise ValueError(f"offer_copy_table keys {sorted(unknown)}; expected pairing letters a-e")

    # -- conversion ----------------------------------------------------------------------------------

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> RulebookSettings:
        """Build settings from a mapping of field name -> value; strings are parsed (environment style).

        Booleans: 1/0, true/false, yes/no, on/off. Optional integers: a number, or ''/none/null for None.
        Dates (joint_leave_days): a list, or ISO dates separated by commas. Identifier lists: a list or a
        comma-separated string; tkksd_tasks: a list or a '|'-separated string. offer_copy_table: a mapping
        or its JSON text. Unknown names raise ``ValueError`` so a misspelt variable never passes silently.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown rulebook settings: {', '.join(unknown)}")
        parsed: dict[str, Any] = {}
        for name, raw in values.items():
            try:
                parsed[name] = _COERCERS[name](raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"rulebook setting {name}: {exc}") from exc
        return replace(cls(), **parsed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly values (dates as ISO strings), e.g. for the catalogue."""
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}


def settings_reference() -> list[dict[str, Any]]:
    """Every setting with its default, the rules that read it and why (for docs and ``.env.example``)."""
    defaults = RulebookSettings()
    return [
        {
            "name": f.name,
            "default": _jsonable(getattr(defaults, f.name)),
            "rules": f.metadata.get("rules", ""),
            "doc": f.metadata.get("doc", ""),
        }
        for f in fields(RulebookSettings)
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


# -- coercion from environment-style values -----------------------------------------------------------

_TRUE = {"1", "true", "yes", "on", "y", "ya"}
_FALSE = {"0", "false", "no", "off", "n", "tidak"}
_NONE = {"", "none", "null"}


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    raise ValueError(f"expected a boolean, got {raw!r}")


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected an integer, got {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    raise ValueError(f"expected an integer, got {raw!r}")


def _optional_int(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in _NONE):
        return None
    return _int(raw)


def _optional_str(raw: Any) -> str | None:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in _NONE):
        return None
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {raw!r}")
    return raw.strip()


def _str(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {raw!r}")
    return raw.strip()


def _str_tuple(sep: str) -> Callable[[Any], tuple[str, ...]]:
    def coerce(raw: Any) -> tuple[str, ...]:
        items = raw.split(sep) if isinstance(raw, str) else list(raw)
        if any(not isinstance(i, str) for i in items):
            raise ValueError(f"expected strings, got {raw!r}")
        return tuple(i.strip() for i in items if i.strip())

    return coerce


def _dates(raw: Any) -> tuple[date, ...]:
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    result: list[date] = []
    for item in items:
        if isinstance(item, date):
            result.append(item)
        elif isinstance(item, str) and item.strip():
            result.append(date.fromisoformat(item.strip()))
        elif not (isinstance(item, str) and not item.strip()):
            raise ValueError(f"expected ISO dates, got {item!r}")
    return tuple(sorted(set(result)))


def _copy_table(raw: Any) -> Mapping[str, tuple[str, ...]]:
    table = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(table, Mapping):
        raise ValueError("expected a mapping of pairing letter -> recipients")
    split = _str_tuple(",")
    return MappingProxyType({str(k): split(v) for k, v in table.items()})


_CHOICES: dict[str, frozenset[str]] = {
    "kabkota_cross_province_dispute_authority": frozenset({"menteri", "gubernur"}),
    "synergy_dispute_authority": frozenset({"menteri", "perjanjian"}),
    "max_pks_term_mode": frozenset({"off", "warn", "error"}),
    "wajib_justification_mode": frozenset({"any", "both"}),
    "ksdd_pks_clauses_severity": frozenset({"off", "warning", "error"}),
    "takeover_cross_province_kabkota": frozenset({"pusat", "gwpp"}),
}
_OPTIONAL_DAYS = (
    "max_pks_term_years",
    "offer_reply_days",
    "kb_to_pks_days",
    "dprd_decision_days",
    "reporting_days",
)
_POSITIVE_INTS = (
    "term_years_input_max",
    "foreign_dprd_days",
    "expected_province_count",
    "expected_kabupaten_count",
    "expected_kota_count",
)

_COERCERS: dict[str, Callable[[Any], Any]] = {
    **{name: _str for name in _CHOICES},
    **{name: _optional_int for name in _OPTIONAL_DAYS},
    **{name: _int for name in _POSITIVE_INTS},
    "follow_permendagri_four_pairings_warning": _bool,
    "require_ksdd_musyawarah_step": _bool,
    "joint_leave_days": _dates,
    "joint_leave_from_holidays_library": _bool,
    "tkksd_tasks": _str_tuple("|"),
    "tkksd_default_chair": _str,
    "require_tkksd_review": _bool,
    "require_offer_by_head_of_region": _bool,
    "ksdpk_partner_selection_required": _bool,
    "offer_copy_table": _copy_table,
    "kb_signatory_head_only": _bool,
    "ksdd_pks_required_clauses": _str_tuple(","),
    "ksdd_pks_clauses_severity": _str,
    "sinergi_require_work_plan": _bool,
    "reporting_line_kabkota": _str_tuple(","),
    "reporting_line_provinsi": _str_tuple(","),
    "reporting_frequency": _optional_str,
}
