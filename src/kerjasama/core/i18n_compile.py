"""Compile the translation catalogues without GNU gettext.

Run ``python -m kerjasama.core.i18n_compile`` after editing a ``django.po`` under ``src/kerjasama/locale``:
every catalogue is checked (no untranslated or fuzzy entry, header not fuzzy) and written next to itself as
``django.mo`` with polib. The ``.mo`` files are committed, so a fresh install needs no gettext at all.

After changing UI strings, refresh the catalogue first (from ``src/kerjasama``)::

    KERJASAMA_VAR_DIR=/tmp/i18n-var kerjasama manage makemessages -l id --no-obsolete \
        --ignore "*/tests/*" --ignore "rulebook/*"

then translate every new or fuzzy entry of ``locale/id/LC_MESSAGES/django.po`` and run this module.

``--check`` writes nothing and fails when a ``.mo`` is missing or differs from its ``.po`` (for CI).
Exit status: 0 when all is well, 1 when any catalogue has a problem (nothing is written for that one).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: (msgid, msgid_plural, msgctxt) of one translated message.
MessageKey = tuple[str, str | None, str | None]


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every ``django.po`` under ``locale_dir``, sorted."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))


def _label(entry: polib.POEntry) -> str:
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
    return f"{entry.msgid!r}" + (f" ({where})" if where else "")


def problems(po: polib.POFile) -> Iterator[str]:
    """Human-readable reasons why ``po`` must not be compiled."""
    if po.metadata_is_fuzzy:
        yield "the header is marked fuzzy"
    for entry in po:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            yield f"fuzzy: {_label(entry)}"
        elif not entry.translated():
            yield f"untranslated: {_label(entry)}"


def messages(catalogue: polib.POFile | polib.MOFile) -> dict[MessageKey, tuple[str, ...]]:
    """The translated content of a ``.po`` or ``.mo``: (msgid, msgid_plural, msgctxt) to msgstr(s).

    The header entry is left out (its POT date changes on every ``makemessages``).
    """
    content: dict[MessageKey, tuple[str, ...]] = {}
    for entry in catalogue:
        if entry.obsolete or getattr(entry, "fuzzy", False) or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural, key=int))
            if not all(forms):
                continue
        elif entry.msgstr:
            forms = (entry.msgstr,)
        else:
            continue
        content[(entry.msgid, entry.msgid_plural or None, entry.msgctxt or None)] = forms
    return content


def compile_catalogue(po_path: Path, *, check: bool = False) -> list[str]:
    """Compile one catalogue (or, with ``check``, compare it with its ``.mo``); return its problems."""
    po = polib.pofile(str(po_path))
    found = list(problems(po))
    if found:
        return found
    mo_path = po_path.with_suffix(".mo")
    if check:
        if not mo_path.exists():
            return [f"{mo_path} is missing"]
        mo = polib.mofile(str(mo_path))
        if messages(mo) != messages(po):
            return [f"{mo_path} is out of date with {po_path.name}"]
        if mo.metadata.get("Plural-Forms") != po.metadata.get("Plural-Forms"):
            return [f"{mo_path} has other Plural-Forms than {po_path.name}"]
        return []
    # Like msgfmt: leave out the POT date, so that re-running makemessages alone does not change the .mo.
    po.metadata.pop("POT-Creation-Date", None)
    po.save_as_mofile(str(mo_path))
    return []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kerjasama.core.i18n_compile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="verify the .mo files instead of writing them")
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    paths = catalogues(args.locale_dir)
    if not paths:
        print(f"no django.po under {args.locale_dir}", file=sys.stderr)
        return 1
    failed = False
    for po_path in paths:
        found = compile_catalogue(po_path, check=args.check)
        name = po_path.relative_to(args.locale_dir)
        if found:
            failed = True
            print(f"{name}: {len(found)} problem(s)", file=sys.stderr)
            for line in found:
                print(f"  {line}", file=sys.stderr)
        else:
            print(f"{name}: {'up to date' if args.check else 'compiled'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
