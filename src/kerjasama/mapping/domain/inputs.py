"""Plain-data inputs of the mapping engine (*pemetaan urusan yang dapat dikerjasamakan*).

PP 28/2018 Pasal 5(1) and Permendagri 22/2020 Pasal 5(1): a region maps the government affairs it can cooperate
on "according to its potential and characteristics" (*sesuai dengan potensi dan karakteristik Daerah*). These
dataclasses carry that potential and those characteristics as plain values: the Django side fills them from the
database, the engine (``engine.py``) reads them. Nothing here knows about a database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args

from kerjasama.rulebook.facts import Confidence

IndicatorRole = Literal["service", "capacity"]
#: How distance bears on an affair (``affairs.domain.characteristics.AffairReach``; a test holds them equal).
AffairReach = Literal["service", "regional", "any_distance"]
#: Which direction of an indicator is better; ``mapping.choices.Better`` mirrors it.
Better = Literal["higher", "lower"]

#: Identification statuses that count; drafts and anything else are ignored by the engine.
COUNTING_IDENTIFICATION_STATUSES: frozenset[str] = frozenset({"verified", "published"})
#: The status whose texts every official may read (``Identification.restriction``'s shared rows).
PUBLISHED_STATUS = "published"


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    """A regional indicator that speaks to one or more affairs (its *potensi dan karakteristik*).

    ``role="service"``: how well a region serves itself (waste service coverage %, drinking-water coverage %,
    hospital beds per 1,000). A low strength is a need, a high one something the region can share.
    ``role="capacity"``: spare capacity a region can offer (landfill remaining life in years, referral
    hospital class).

    ``worst`` and ``best`` are a fixed reference range, not national percentiles, so a change of one region's
    value only changes the pairs involving that region. ``better`` gives the direction: the strength is
    ``clamp((v - lo) / (hi - lo), 0, 1)`` over the range ``lo..hi`` (``min``/``max`` of worst and best) when
    higher is better, reversed when lower is better. Either way of writing a lower-is-better range
    (``worst=100, best=0`` or ``worst=0, best=100``) gives the same strength.
    ``unit_en`` is the English unit (empty: same as ``unit``).
    """

    code: str
    name_id: str
    name_en: str
    unit: str
    affairs: tuple[str, ...]
    better: Better = "higher"
    worst: float = 0.0
    best: float = 100.0
    role: IndicatorRole = "service"
    unit_en: str = ""

    def __post_init__(self) -> None:
        if self.better not in get_args(Better):
            raise ValueError(
                f"indicator {self.code}: better must be 'higher' or 'lower', not {self.better!r}"
            )
        if self.role not in get_args(IndicatorRole):
            raise ValueError(
                f"indicator {self.code}: role must be 'service' or 'capacity', not {self.role!r}"
            )
        if not (math.isfinite(self.worst) and math.isfinite(self.best)) or self.worst == self.best:
            raise ValueError(f"indicator {self.code}: worst and best must be finite and different")

    def strength(self, value: float) -> float:
        """0 (worst) .. 1 (best) on the fixed reference range; NaN counts as worst."""
        lo, hi = (self.worst, self.best) if self.worst < self.best else (self.best, self.worst)
        s = (value - lo) / (hi - lo)
        if self.better == "lower":
            s = 1.0 - s
        if not s >= 0.0:  # also catches NaN
            return 0.0
        return 1.0 if s > 1.0 else s


@dataclass(frozen=True, slots=True)
class IndicatorValueFact:
    """One region's value of an indicator for a year; the engine reads the latest year per region/indicator.

    ``is_example`` marks demonstration data: a reason built on it says so.
    """

    region_code: str
    indicator_code: str
    value: float
    year: int
    is_example: bool = False


@dataclass(frozen=True, slots=True)
class FunctionalAreaFact:
    """A functional area (*kawasan fungsional*: metropolitan area, river basin, economic zone) and its members.

    Members are region codes; a province code (``"31"`` for DKI Jakarta) may appear. Non-autonomous or unknown
    members are ignored by the engine.
    """

    code: str
    name: str
    kind: str
    members: tuple[str, ...]
    confidence: Confidence = "S"


@dataclass(frozen=True, slots=True)
class IdentificationFact:
    """A region's identification of an affair (*identifikasi urusan*): what it needs and what it offers.

    Only ``status`` ``verified`` or ``published`` counts. A need of A matches B when B has a non-empty offer for
    the same affair, and vice versa. ``externality``: the region states the affair has a cross-regional
    externality (UU 23/2014 Pasal 364(1)).
    """

    region_code: str
    affair_code: str
    needs: str
    offers: str
    externality: bool = False
    status: str = "draft"

    @property
    def counts(self) -> bool:
        return self.status in COUNTING_IDENTIFICATION_STATUSES

    @property
    def published(self) -> bool:
        """Published: every official may read it, so a reason shown to another region may quote it."""
        return self.status == PUBLISHED_STATUS


@dataclass(frozen=True, slots=True)
class ExistingAgreement:
    """A cooperation already in force between ``parties`` on ``affair_code``; ``ends_year`` None = open-ended.

    ``label`` (optional) names it in reasons, e.g. the agreement number.
    """

    parties: frozenset[str]
    affair_code: str
    ends_year: int | None
    label: str = ""


@dataclass(frozen=True, slots=True)
class AffairTraitFact:
    """What the mapping knows of an affair beyond the authority matrix (``affair_characteristics.csv``).

    ``externality``: the affair carries a cross-regional externality (UU 23/2014 Pasal 364(1); PP 28/2018
    Pasal 3(2) and Penjelasan), so bordering regions may be obliged to cooperate on it; ``basis`` says why
    (or why not), with ``confidence`` and ``source``. ``reach``: ``service`` decays with distance and stops at
    the configured maximum unless a need/offer match asks for it; ``any_distance`` ignores distance;
    ``regional`` prefers nearby partners. ``area_kinds``: functional-area kinds that are evidence for it.
    An affair without a fact counts as no externality, ``regional``, no area kinds.
    """

    code: str
    externality: bool = False
    reach: AffairReach = "regional"
    area_kinds: frozenset[str] = frozenset()
    basis: str = ""
    confidence: Confidence = "U"
    source: str = ""

    def __post_init__(self) -> None:
        if self.reach not in get_args(AffairReach):
            raise ValueError(f"affair {self.code}: unknown reach {self.reach!r}")
