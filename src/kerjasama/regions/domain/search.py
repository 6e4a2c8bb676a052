"""Finding regions by the names officials type (pure: no Django).

Officials search "Jogja", "Jaksel" or "kab. sleman", not "Kota Administrasi Jakarta Selatan". Names and
queries are compared after :func:`normalise` (case and accents folded, punctuation dropped, the level words
"Kabupaten/Kab./Kota/Kota Administrasi/Provinsi/Prov." removed), and a project-owned alias list
(``regions/data/aliases.json``, each row with its source and confidence) maps common names to codes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["match_codes", "normalise"]

_LEVEL_WORDS = re.compile(
    r"\b(kabupaten|kab|kota administrasi|kota adm|kota|provinsi|prov|propinsi|kabupaten administrasi)\b"
)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, no level words, single spaces: "Kab. Sléman" -> "sleman"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = _NOT_WORD.sub(" ", plain)
    return " ".join(_LEVEL_WORDS.sub(" ", words).split())


def match_codes(
    query: str, regions: Iterable[tuple[str, str]], aliases: Mapping[str, Sequence[str]]
) -> list[str]:
    """Codes of the regions whose normalised name contains the normalised query, or whose alias it is.

    ``regions`` are ``(code, official name)``; ``aliases`` map a normalised alias to codes. A query that is a
    code prefix ("34.7") matches by code. The order is the code order.
    """
    wanted = normalise(query)
    raw = query.strip()
    found: set[str] = set(aliases.get(wanted, ())) if wanted else set()
    for code, name in regions:
        if (raw and code.startswith(raw)) or (wanted and wanted in normalise(name)):
            found.add(code)
    return sorted(found)
