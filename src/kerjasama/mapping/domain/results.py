"""What the mapping engine returns: a recommended partner per region and affair, with its reasons.

Every number in a recommendation is explained by a ``Reason`` (points contributed, Indonesian and English text,
the data behind it); every legal remark is a finding shaped like the rulebook's (``rule``, ``severity``,
``message_id``, ``message_en``, ``basis``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

ReasonCode = Literal[
    "border",
    "functional_area",
    "complementarity",
    "need_offer",
    "distance",
    "existing_agreement",
    "reach",
    "externality",
]
REASON_CODES: tuple[ReasonCode, ...] = (
    "border",
    "functional_area",
    "complementarity",
    "need_offer",
    "distance",
    "existing_agreement",
    "reach",
    "externality",
)
#: Reasons whose ``data`` is stored with them: nothing in it is confidential (no indicator value, no
#: unpublished text), and pages and the API read it (the externality source, the distance limit).
PUBLIC_DATA_REASONS: frozenset[str] = frozenset({"externality", "reach"})
#: What made a recommendation mandatory-eligible: the affair's own externality (``affair_characteristics.csv``)
#: or one stated in a party's published identification. None (in the ``externality`` reason): voluntary.
ExternalitySource = Literal["affair", "identification"]
Category = Literal["wajib", "sukarela"]
RecommendationKind = Literal["new", "extension"]


@dataclass(frozen=True, slots=True)
class Reason:
    """One ground of a recommendation: ``weight`` is the points it contributed (0 for a pure remark).

    ``data`` holds the numbers behind the text; it is shared between recommendations, treat it as read-only.
    """

    code: ReasonCode
    weight: float
    text_id: str
    text_en: str
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "weight": self.weight,
            "text": self.text_id,
            "text_en": self.text_en,
        }
        if self.code in PUBLIC_DATA_REASONS:
            out["data"] = dict(self.data)
        return out


@dataclass(frozen=True, slots=True)
class AuthorityNote:
    """The cross-border scope of some sub-affairs belongs to another level (UU 23/2014 Pasal 13, Lampiran).

    Two kab/kota cooperating on, say, drinking water each hold SPAM *within* their territory; SPAM *across*
    kab/kota lines is provincial (``level="provinsi"``; across provinces: ``"pusat"``), so that level must be
    involved.
    """

    level: str
    sub_affairs: tuple[str, ...]
    text_id: str
    text_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "sub_affairs": list(self.sub_affairs),
            "text": self.text_id,
            "text_en": self.text_en,
        }


@dataclass(frozen=True, slots=True)
class RecommendationFact:
    """A recommended partner for a region on one affair.

    ``category`` is ``wajib`` exactly when ``mandatory_eligible``: the two border each other and their pairing
    is one of the five of UU 23/2014 Pasal 364(2) (R7, R8); otherwise ``sukarela`` (Pasal 365).
    ``kind="extension"``: an agreement between the two on this affair ends near the reference year.
    Every recommendation carries one ``externality`` reason (weight 0) saying which source made it
    mandatory-eligible, or why it is voluntary (issue 9).
    """

    region: str
    partner: str
    affair: str
    score: float
    category: Category
    mandatory_eligible: bool
    kind: RecommendationKind
    reasons: tuple[Reason, ...]
    findings: tuple[dict[str, str], ...]
    authority_note: AuthorityNote | None = None
    #: Whether the two border each other, and their centroid distance (None: a centroid is missing).
    borders: bool = False
    distance_km: float | None = None

    def reason(self, code: str) -> Reason | None:
        for r in self.reasons:
            if r.code == code:
                return r
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "partner": self.partner,
            "affair": self.affair,
            "score": self.score,
            "category": self.category,
            "mandatory_eligible": self.mandatory_eligible,
            "externality": externality_of(r.to_dict() for r in self.reasons),
            "kind": self.kind,
            "reasons": [r.to_dict() for r in self.reasons],
            "findings": [dict(f) for f in self.findings],
            "authority_note": self.authority_note.to_dict() if self.authority_note is not None else None,
            "borders": self.borders,
            "distance_km": round(self.distance_km, 1) if self.distance_km is not None else None,
        }


def externality_of(reasons: Any) -> dict[str, Any] | None:
    """The ``externality`` object of a recommendation from its reasons (stored dicts or ``Reason.to_dict()``
    with ``data``): ``source`` (``affair``/``identification``/None), ``mandatory_eligible``, both texts,
    ``basis`` and ``confidence``. None for a recommendation stored before the reason existed."""
    for r in reasons:
        if r.get("code") == "externality":
            data = r.get("data") or {}
            return {
                "source": data.get("source"),
                "mandatory_eligible": data.get("source") is not None,
                "text": r.get("text", ""),
                "text_en": r.get("text_en", ""),
                "basis": data.get("basis", ""),
                "confidence": data.get("confidence", ""),
            }
    return None


def explain(rec: RecommendationFact, names: Mapping[str, str] | None = None) -> str:
    """One Indonesian sentence joining the reason texts, e.g. for a list view or a notification.

    ``names`` maps region and affair codes to names (``"34.02" -> "Kabupaten Bantul"``); codes are used
    where it has none.
    """
    names = names or {}
    kind = "perpanjangan kerja sama" if rec.kind == "extension" else "kerja sama"
    partner = names.get(rec.partner, rec.partner)
    affair = f"{rec.affair} {names[rec.affair]}" if rec.affair in names else rec.affair
    score = _id_num(rec.score)
    head = f"Disarankan {kind} {rec.category} dengan {partner} untuk urusan {affair} (skor {score})"
    texts = [r.text_id for r in rec.reasons if r.text_id]
    if rec.authority_note is not None:
        texts.append(rec.authority_note.text_id.rstrip("."))
    if not texts:
        return head + "."
    return f"{head}: " + "; ".join(t.rstrip(".") for t in texts) + "."


def _id_num(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
