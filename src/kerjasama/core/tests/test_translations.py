"""The Indonesian catalogue is complete, compiled, consistent and loaded at runtime (no database needed).

When one of these fails after you added or changed a UI string: run ``makemessages`` (the command is in
``kerjasama.core.i18n_compile``'s docstring), translate the new entries in
``locale/id/LC_MESSAGES/django.po``, then run ``python -m kerjasama.core.i18n_compile`` and commit both
the ``.po`` and the ``.mo``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.utils import translation

from kerjasama.core import i18n_compile

PO_PATH = i18n_compile.LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
HOW_TO_FIX = "translate it in django.po, then run: python -m kerjasama.core.i18n_compile"

# printf-style placeholders as Django and gettext use them: %(name)s, %s, %d, %.1f … but not a literal %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifFeEgGxXocr%]")


def _placeholders(text: str) -> Counter[str]:
    return Counter(p for p in PLACEHOLDER.findall(text) if p != "%%")


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _live(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def test_it_has_an_indonesian_catalogue_with_a_proper_header(po: polib.POFile) -> None:
    assert PO_PATH.is_file()
    assert len(_live(po)) > 0
    assert po.metadata.get("Language") == "id"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms") == "nplurals=1; plural=0;"
    assert not po.metadata_is_fuzzy


def test_it_leaves_no_entry_untranslated(po: polib.POFile) -> None:
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.fuzzy and not e.obsolete]
    assert not untranslated, f"untranslated msgids ({HOW_TO_FIX}): {untranslated}"


def test_it_leaves_no_entry_fuzzy(po: polib.POFile) -> None:
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not fuzzy, f"fuzzy msgids (check the translation, remove the flag): {fuzzy}"


def test_it_gives_every_plural_entry_its_single_indonesian_form(po: polib.POFile) -> None:
    for entry in _live(po):
        if entry.msgid_plural:
            assert set(entry.msgstr_plural) == {0}, entry.msgid
            assert entry.msgstr_plural[0], entry.msgid


def test_it_keeps_the_placeholders_of_each_msgid(po: polib.POFile) -> None:
    wrong = []
    for entry in _live(po):
        expected = _placeholders(entry.msgid)
        if entry.msgid_plural:
            # With one plural form, the single msgstr stands for the plural msgid (the count is named).
            expected = _placeholders(entry.msgid_plural)
            translations = list(entry.msgstr_plural.values())
        else:
            translations = [entry.msgstr]
        for msgstr in translations:
            if msgstr and _placeholders(msgstr) != expected:
                wrong.append((entry.msgid, msgstr))
    assert not wrong, f"placeholders differ between msgid and msgstr: {wrong}"


def test_it_commits_a_mo_identical_to_the_po(po: polib.POFile) -> None:
    assert MO_PATH.is_file(), f"{MO_PATH} is missing; run: python -m kerjasama.core.i18n_compile"
    mo = polib.mofile(str(MO_PATH))
    po_content = i18n_compile.messages(po)
    mo_content = i18n_compile.messages(mo)
    assert len(po_content) == len(_live(po))
    stale = sorted(
        {key[0] for key in po_content.keys() ^ mo_content.keys()}
        | {key[0] for key in po_content.keys() & mo_content.keys() if po_content[key] != mo_content[key]}
    )
    assert not stale, f"django.mo is out of date; run: python -m kerjasama.core.i18n_compile ({stale})"
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


def test_it_passes_the_compile_check() -> None:
    assert i18n_compile.main(["--check"]) == 0


def test_it_refuses_to_compile_a_catalogue_with_gaps(tmp_path: Path) -> None:
    messages_dir = tmp_path / "id" / "LC_MESSAGES"
    messages_dir.mkdir(parents=True)
    broken = polib.pofile(str(PO_PATH))
    entries = [e for e in broken if not e.obsolete and not e.msgid_plural]
    entries[0].msgstr = ""
    entries[1].flags.append("fuzzy")
    broken.save(str(messages_dir / "django.po"))

    assert i18n_compile.main(["--locale-dir", str(tmp_path)]) == 1
    assert not (messages_dir / "django.mo").exists()

    entries[0].msgstr = "terjemahan"
    entries[1].flags.remove("fuzzy")
    broken.save(str(messages_dir / "django.po"))
    assert i18n_compile.main(["--locale-dir", str(tmp_path), "--check"]) == 1  # no .mo yet
    assert i18n_compile.main(["--locale-dir", str(tmp_path)]) == 0
    assert i18n_compile.main(["--locale-dir", str(tmp_path), "--check"]) == 0


def test_it_loads_the_catalogue_at_runtime() -> None:
    with translation.override("id"):
        assert translation.gettext("Regions") == "Daerah"
        assert translation.gettext("Log in") == "Masuk"
        assert translation.ngettext("%(n)s region", "%(n)s regions", 5) % {"n": 5} == "5 daerah"
    with translation.override("en"):
        assert translation.gettext("Regions") == "Regions"
