"""The authority matrix's notes in Indonesian on the affair page (issue 9 §7)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import AuthorityEntry
from kerjasama.portal.affair_notes import english_note, missing_translations, note_in_indonesian

pytestmark = pytest.mark.django_db


def test_it_has_indonesian_for_every_note_of_the_loaded_matrix() -> None:
    notes = list(AuthorityEntry.objects.values_list("notes", flat=True))
    assert notes
    assert missing_translations(notes) == []


def test_it_says_the_per_level_confidence_in_words() -> None:
    note = note_in_indonesian("Even a DAS wholly inside one kab/kota is provincial. [pusat:U prov:S kab:S(empty)]")
    assert note.text == "DAS yang seluruhnya berada dalam satu kabupaten/kota pun menjadi kewenangan provinsi."
    assert note.levels == (
        "pusat: belum terverifikasi; provinsi: sumber sekunder; kabupaten/kota: sumber sekunder (kolom kosong)"
    )
    assert english_note("Authority follows road status. [pusat:U prov:S kab:S]") == "Authority follows road status."


def test_it_shows_an_untranslated_note_in_english_marked_as_such() -> None:
    note = note_in_indonesian("A brand-new research note [U]. [pusat:U]")
    assert (note.text, note.lang, note.levels) == ("A brand-new research note.", "en", "pusat: belum terverifikasi")


def test_it_shows_the_notes_in_indonesian_on_the_affair_page(client: Any) -> None:
    html = client.get("/urusan/1.01/").content.decode()
    table = html.split('data-testid="authority-matrix"')[1]
    assert "Pembagian pokok: pendidikan menengah dan khusus = provinsi" in table
    assert "Keyakinan per tingkat" in table
    for mark in ("[pusat:", "All V.", "Key split", "[U]", "[V"):
        assert mark not in table
