"""The letters' settings (``core/settings.py``, documented in ``.env.example``): defaults a region's own data
(``LetterheadProfile``, ``LetterClassification``) overrides."""

from __future__ import annotations

from django.conf import settings


def number_pattern() -> str:
    """``{kka}/{seq}/{unit}/{year}`` unless set: local rules on the order of the parts vary [U]."""
    return str(settings.KERJASAMA_LETTER_NUMBER_PATTERN)


def default_kka_code() -> str:
    """The archive classification code (Permendagri 83/2022) used until a region confirms its own. The code
    for cooperation letters was not found in the sources read: the region must confirm it."""
    return str(settings.KERJASAMA_LETTER_KKA_CODE)


def default_retention_class() -> str:
    """The retention class (JRA) used until a region confirms its own [U]."""
    return str(settings.KERJASAMA_LETTER_RETENTION_CLASS)


def default_unit_code() -> str:
    """The unit code in the number until a region sets its own letterhead data."""
    return str(settings.KERJASAMA_LETTER_UNIT_CODE)


def invitees_inline() -> int:
    """How many invitees a TKKSD invitation names after *Yth.*; more go to an attached list (*lampiran*).
    Permendagri 1/2023 sets no number the sources read show [U]."""
    return int(settings.KERJASAMA_LETTER_INVITEES_INLINE)


def emblem_max_bytes() -> int:
    """The largest emblem (*lambang daerah*) file accepted for the letterhead."""
    return int(settings.KERJASAMA_LETTER_EMBLEM_MAX_BYTES)
