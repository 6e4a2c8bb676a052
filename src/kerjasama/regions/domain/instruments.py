"""A region-code instrument (Kepmendagri on region codes) read from a file, and its difference from the codes in force.

Codes are assigned and updated by a decree of the Minister of Home Affairs (the current one is Kepmendagri
300.2.2-2138/2025; Permendagri 58/2021 sets the rules of codes). The file format is documented in
``docs/region-codes.md``: a JSON object ``{"instrument": {...}, "complete": bool, "regions": [...]}`` or a CSV
whose leading ``# key: value`` lines carry the instrument and whose columns are
``code,name,level,parent,predecessors,change``.

Pure Python; no Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

from kerjasama.core.errors import ErrorDetail, KerjasamaError
from kerjasama.regions.domain import codes

ChangeKindValue = Literal["new", "renamed", "recoded", "split", "merged", "ended"]
#: The kinds of change an instrument makes to a code, in the order the difference lists them.
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKindValue)
CSV_COLUMNS = ("code", "name", "level", "parent", "predecessors", "change")
INSTRUMENT_KEYS = ("number", "date", "title", "source")
MAX_ROWS = 5000


@dataclass(frozen=True)
class InstrumentFact:
    """The decree itself: number, date, title and where it was read."""

    number: str
    date: dt.date
    title: str
    source: str


@dataclass(frozen=True)
class InstrumentRowFact:
    """One row of the instrument: a code in force under it, or (``change == "ended"``) a code it ends."""

    line: int
    code: str
    name: str
    level: str
    parent: str
    predecessors: tuple[str, ...]
    change: str


@dataclass(frozen=True)
class ParsedInstrumentFact:
    instrument: InstrumentFact
    complete: bool
    rows: tuple[InstrumentRowFact, ...]
    sha256: str


@dataclass(frozen=True)
class CurrentCodeFact:
    """A code in force now: its name, level and (for a kab/kota) the code of its province."""

    code: str
    name: str
    level: str
    parent: str


@dataclass
class CodeChangeFact:
    """One line of the difference: what the instrument does to a code."""

    kind: str
    code: str
    name: str
    level: str
    parent: str = ""
    predecessors: list[str] = field(default_factory=list)
    previous_name: str = ""
    line: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CodeDiffFact:
    """The difference between the codes in force and an instrument; ``unchanged`` counts the rows that repeat."""

    changes: list[CodeChangeFact]
    unchanged: int

    def counts(self) -> dict[str, int]:
        found = Counter(c.kind for c in self.changes)
        return {kind: found.get(kind, 0) for kind in CHANGE_KINDS}

    @property
    def is_empty(self) -> bool:
        return not self.changes


def _bad(problems: list[ErrorDetail]) -> KerjasamaError:
    return KerjasamaError(
        "regions.instrument_invalid",
        f"Berkas instrumen kode wilayah tidak sah ({len(problems)} masalah); tidak ada yang diubah.",
        f"The region-code instrument file is invalid ({len(problems)} problems); nothing was changed.",
        details=problems,
    )


def _split_codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        items = str(value or "").replace(";", " ").replace(",", " ").split()
    return tuple(codes.normalise(v) for v in items if v.strip())


def parse_instrument(raw: bytes, *, filename: str) -> ParsedInstrumentFact:
    """Read a JSON or CSV instrument; raise ``regions.instrument_invalid`` listing every bad field or row."""
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _bad([ErrorDetail("file", "berkas bukan UTF-8", "the file is not UTF-8")]) from None
    meta: dict[str, Any]
    records: list[tuple[int, dict[str, Any]]]
    if filename.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _bad([ErrorDetail("file", f"JSON tidak sah: {exc}", f"invalid JSON: {exc}")]) from None
        if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
            raise _bad([ErrorDetail("regions", "daftar 'regions' tidak ada", "no 'regions' list")])
        meta = dict(data.get("instrument") or {})
        meta["complete"] = data.get("complete", False)
        records = [(i, r if isinstance(r, dict) else {}) for i, r in enumerate(data["regions"], start=1)]
    else:
        meta, records = {}, []
        lines = text.splitlines()
        body_start = 0
        for body_start, text_line in enumerate(lines):  # noqa: B007 - the index is read after the loop
            if not text_line.startswith("#"):
                break
            key, _, value = text_line[1:].partition(":")
            meta[key.strip().lower()] = value.strip()
        else:
            body_start = len(lines)
        reader = csv.DictReader(io.StringIO("\n".join(lines[body_start:])))
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise _bad([ErrorDetail("header", f"kolom hilang: {missing}", f"missing columns: {missing}")])
        records = [(body_start + i, dict(r)) for i, r in enumerate(reader, start=2)]
    if len(records) > MAX_ROWS:
        raise _bad([ErrorDetail("file", f"lebih dari {MAX_ROWS} baris", f"more than {MAX_ROWS} rows")])
    problems: list[ErrorDetail] = []
    for key in INSTRUMENT_KEYS:
        if not str(meta.get(key) or "").strip():
            problems.append(ErrorDetail(f"instrument.{key}", "wajib diisi", "required"))
    date = dt.date.min
    if str(meta.get("date") or "").strip():
        try:
            date = dt.date.fromisoformat(str(meta["date"]).strip())
        except ValueError:
            problems.append(
                ErrorDetail("instrument.date", "tanggal bukan YYYY-MM-DD", "date is not YYYY-MM-DD")
            )
    rows: list[InstrumentRowFact] = []
    for line, record in records:
        row = InstrumentRowFact(
            line=line,
            code=codes.normalise(str(record.get("code") or "")),
            name=str(record.get("name") or "").strip(),
            level=str(record.get("level") or "").strip().lower(),
            parent=codes.normalise(str(record.get("parent") or "")),
            predecessors=_split_codes(record.get("predecessors")),
            change=str(record.get("change") or "").strip().lower(),
        )
        problems.extend(_row_problems(row))
        rows.append(row)
    if problems:
        raise _bad(problems)
    complete = str(meta.get("complete", "")).strip().lower() in {"true", "1", "yes", "ya"}
    instrument = InstrumentFact(
        number=str(meta["number"]).strip(),
        date=date,
        title=str(meta["title"]).strip(),
        source=str(meta["source"]).strip(),
    )
    return ParsedInstrumentFact(instrument=instrument, complete=complete, rows=tuple(rows), sha256=sha)


def _row_problems(row: InstrumentRowFact) -> list[ErrorDetail]:
    """What is wrong with a row on its own (the checks against the codes in force are in :func:`diff`)."""
    where = f"line {row.line}"
    out: list[ErrorDetail] = []
    level = codes.level_of(row.code)
    if level is None:
        out.append(ErrorDetail(where, f"kode tidak sah: {row.code!r}", f"malformed code: {row.code!r}"))
    elif row.level and row.level != level:
        out.append(
            ErrorDetail(
                where, f"tingkat {row.level!r} tidak cocok dengan kode", "level does not match the code"
            )
        )
    if row.change and row.change not in CHANGE_KINDS:
        out.append(
            ErrorDetail(
                where, f"jenis perubahan tidak dikenal: {row.change!r}", f"unknown change: {row.change!r}"
            )
        )
    if row.change != "ended" and not row.name:
        out.append(ErrorDetail(where, "nama wajib diisi", "name is required"))
    if level == "kabkota" and row.change != "ended":
        if not row.parent:
            out.append(ErrorDetail(where, "provinsi induk wajib diisi", "parent province is required"))
        elif row.parent != codes.province_of(row.code):
            out.append(
                ErrorDetail(
                    where, "kode tidak diawali kode provinsi induk", "code does not start with its parent's"
                )
            )
    bad_preds = [p for p in row.predecessors if codes.level_of(p) is None]
    if bad_preds:
        out.append(
            ErrorDetail(
                where, f"kode pendahulu tidak sah: {bad_preds}", f"malformed predecessors: {bad_preds}"
            )
        )
    n = len(row.predecessors)
    wanted = {"recoded": n == 1, "split": n == 1, "merged": n >= 2, "new": n == 0, "ended": n == 0}
    if row.change in wanted and not wanted[row.change]:
        out.append(
            ErrorDetail(
                where,
                f"jumlah pendahulu ({n}) tidak cocok dengan perubahan {row.change!r}",
                f"{n} predecessors do not fit the change {row.change!r}",
            )
        )
    if row.change in {"", "renamed"} and n and row.predecessors != (row.code,):
        out.append(
            ErrorDetail(
                where, "pendahulu diisi tanpa jenis perubahan", "predecessors given without a change kind"
            )
        )
    return out


def diff(parsed: ParsedInstrumentFact, current: dict[str, CurrentCodeFact]) -> CodeDiffFact:
    """The changes the instrument makes to the codes in force; raise with every row that does not fit them."""
    problems: list[ErrorDetail] = []
    seen: Counter[str] = Counter(r.code for r in parsed.rows if r.change != "ended")
    for code, n in seen.items():
        if n > 1:
            problems.append(ErrorDetail(code, "kode muncul lebih dari sekali", "code listed more than once"))
    # Codes this instrument takes away from their current holder (recoded from, merged, ended).
    released = {p for r in parsed.rows if r.change in {"recoded", "merged"} for p in r.predecessors}
    released |= {r.code for r in parsed.rows if r.change == "ended"}
    kept = {r.code for r in parsed.rows if r.change in {"", "renamed"}}
    provinces_after = {c for c, f in current.items() if f.level == "provinsi" and c not in released} | {
        r.code for r in parsed.rows if r.change != "ended" and codes.level_of(r.code) == "provinsi"
    }
    changes: list[CodeChangeFact] = []
    unchanged = 0
    for row in parsed.rows:
        where = f"line {row.line}"
        level = codes.level_of(row.code) or ""
        known = current.get(row.code)
        for p in row.predecessors:
            if p not in current and p != row.code:
                problems.append(
                    ErrorDetail(where, f"pendahulu {p} tidak berlaku", f"predecessor {p} is not in force")
                )
        if level == "kabkota" and row.change != "ended" and row.parent and row.parent not in provinces_after:
            problems.append(
                ErrorDetail(
                    where,
                    f"provinsi induk {row.parent} tidak ada",
                    f"parent province {row.parent} is unknown",
                )
            )
        kind = row.change
        if kind == "ended":
            if known is None:
                problems.append(
                    ErrorDetail(where, "kode yang diakhiri tidak berlaku", "the ended code is not in force")
                )
                continue
            changes.append(
                CodeChangeFact("ended", row.code, known.name, known.level, known.parent, line=row.line)
            )
            continue
        if kind in {"", "renamed"}:
            if known is None:
                if kind == "renamed":
                    problems.append(
                        ErrorDetail(
                            where, "kode yang diganti nama tidak berlaku", "renamed code is not in force"
                        )
                    )
                    continue
                kind = "new"
            elif known.parent != row.parent and level == "kabkota":
                problems.append(
                    ErrorDetail(
                        where,
                        "pindah provinsi harus diberi kode baru (recoded)",
                        "a move of province needs a new code",
                    )
                )
                continue
            elif known.name == row.name:
                unchanged += 1
                continue
            else:
                kind = "renamed"
        taken = known is not None and row.code not in released
        merged_into_own = kind == "merged" and row.code in row.predecessors
        if kind in {"new", "split", "recoded", "merged"} and taken and not merged_into_own:
            problems.append(
                ErrorDetail(
                    where,
                    f"kode {row.code} masih dipakai wilayah lain",
                    f"code {row.code} is still in use",
                )
            )
            continue
        if kind == "split" and row.predecessors and row.predecessors[0] in released:
            problems.append(
                ErrorDetail(
                    where,
                    "wilayah yang dimekarkan harus tetap berlaku",
                    "the region split must stay in force",
                )
            )
        previous = current.get(row.predecessors[0]) if row.predecessors else known
        changes.append(
            CodeChangeFact(
                kind=kind,
                code=row.code,
                name=row.name,
                level=level,
                parent=row.parent,
                predecessors=list(row.predecessors),
                previous_name=previous.name if previous and kind in {"renamed", "recoded"} else "",
                line=row.line,
            )
        )
    if parsed.complete:
        listed = {r.code for r in parsed.rows} | released
        for code in sorted(set(current) - listed - kept):
            f = current[code]
            changes.append(CodeChangeFact("ended", code, f.name, f.level, f.parent))
    if problems:
        raise _bad(problems)
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    changes.sort(key=lambda c: (order[c.kind], len(c.code), c.code))
    return CodeDiffFact(changes=changes, unchanged=unchanged)
