"""How much a cited source can carry (issue 9 §7): a legal text read on a blog or a document-sharing site is
never shown as "terverifikasi".

``V`` means "verified in the legal text" (``core.choices.Confidence``). A copy of a regulation on blogspot,
fdokumen, scribd and the like may be incomplete, outdated or altered; until the text is checked against an
official publication (JDIH, peraturan.go.id, peraturan.bpk.go.id, the ministry's site: a ``.go.id`` host), a
page shows such a fact as ``S`` (secondary source) and says why. The stored grade is unchanged: this is what
the page shows. Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Hosts of blogs and document-sharing sites (the part of the host name that identifies them).
UNOFFICIAL_HOSTS = (
    "blogspot.",
    "wordpress.",
    "fdokumen.",
    "scribd.",
    "docplayer.",
    "dokumen.tips",
    "idoc.pub",
    "pdfcoffee.",
    "academia.edu",
    "slideshare.",
    "studocu.",
    "kompasiana.",
    "medium.com",
    "brainly.",
)
#: An official publication of Indonesian law: a government host (``*.go.id``).
_OFFICIAL = re.compile(r"(?:^|[\s;(/])[\w.-]+\.go\.id\b", re.IGNORECASE)


@dataclass(frozen=True)
class ShownConfidence:
    """The confidence a page shows and, when it is lower than the stored one, why (Indonesian, English)."""

    value: str
    reason_id: str = ""
    reason_en: str = ""


def unofficial_hosts_in(source: str) -> list[str]:
    """The blog or document-sharing hosts ``source`` cites, in order, without repeats."""
    lowered = source.lower()
    found = []
    for token in re.split(r"[\s;,()]+", lowered):
        host = re.sub(r"^[a-z]+://", "", token).split("/", 1)[0]
        if any(marker in host for marker in UNOFFICIAL_HOSTS) and host not in found:
            found.append(host)
    return found


def shown_confidence(confidence: str, source: str) -> ShownConfidence:
    """``confidence`` as a page shows it: ``V`` resting only on blog or document-sharing copies (no official
    ``.go.id`` publication cited) is shown as ``S``, with the reason."""
    if confidence != "V":
        return ShownConfidence(confidence)
    hosts = unofficial_hosts_in(source or "")
    if not hosts or _OFFICIAL.search(source or ""):
        return ShownConfidence(confidence)
    where = ", ".join(hosts)
    return ShownConfidence(
        "S",
        f"Naskah peraturannya dibaca dari situs blog atau berbagi dokumen ({where}), bukan dari terbitan resmi; "
        "ditampilkan sebagai sumber sekunder sampai dicocokkan dengan JDIH atau peraturan.go.id.",
        f"The regulation's text was read on a blog or document-sharing site ({where}), not an official "
        "publication; shown as a secondary source until checked against JDIH or peraturan.go.id.",
    )
