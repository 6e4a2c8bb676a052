"""The cooperation network (issue 13 item 2): who cooperates with whom, as pure functions over plain values.

An agreement between regions (KSDD, UU 23/2014 Pasal 363; PP 28/2018 Pasal 1 angka 2) ties every pair of its
party regions: a bilateral agreement is one edge, a multilateral one of n regions is n(n-1)/2 edges. An edge
counts the distinct agreements binding the pair and names their affairs (UU 23/2014 Pasal 9-12) and types.
The layout is deterministic (regions grouped by province on a circle, provinces in code order), so the same
data always draws the same picture and the picture can be tested.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations


@dataclass(frozen=True)
class AgreementLink:
    """One agreement as the network sees it: its id, type, affair codes and its party regions' codes."""

    agreement_id: int
    type: str
    affairs: tuple[str, ...]
    regions: tuple[str, ...]


@dataclass
class NetworkEdge:
    """Two regions (``a < b`` by code) and the agreements binding them."""

    a: str
    b: str
    agreements: set[int] = field(default_factory=set)
    affairs: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.agreements)


def build_edges(links: Iterable[AgreementLink]) -> list[NetworkEdge]:
    """Every pair of regions bound by at least one agreement, ordered by count (most first) then codes.

    A region named twice in one agreement (for instance as lead and as party) is one region; an agreement with a
    single region draws no edge."""
    edges: dict[tuple[str, str], NetworkEdge] = {}
    for link in links:
        for a, b in combinations(sorted(set(link.regions)), 2):
            edge = edges.get((a, b))
            if edge is None:
                edge = edges[(a, b)] = NetworkEdge(a, b)
            edge.agreements.add(link.agreement_id)
            edge.affairs.update(link.affairs)
            edge.types.add(link.type)
    return sorted(edges.values(), key=lambda e: (-e.count, e.a, e.b))


def degrees(edges: Iterable[NetworkEdge]) -> dict[str, int]:
    """How many partner regions each region has (its degree in the network)."""
    out: dict[str, int] = defaultdict(int)
    for edge in edges:
        out[edge.a] += 1
        out[edge.b] += 1
    return dict(out)


def degree_ranking(edges: Iterable[NetworkEdge]) -> list[tuple[int, str, int]]:
    """``(rank, code, degree)`` by degree (most partners first), ties sharing a rank and ordered by code."""
    ranked = sorted(degrees(edges).items(), key=lambda item: (-item[1], item[0]))
    out: list[tuple[int, str, int]] = []
    for index, (code, degree) in enumerate(ranked):
        rank = out[-1][0] if out and out[-1][2] == degree else index + 1
        out.append((rank, code, degree))
    return out


def province_of(code: str) -> str:
    """A Kemendagri code's province (``"34.71"`` → ``"34"``, a province is its own)."""
    return code.split(".", 1)[0]


def circle_layout(
    codes: Iterable[str], *, size: float = 600.0, margin: float = 40.0, gap: float = 1.0
) -> dict[str, tuple[float, float]]:
    """Each region's point on a circle inside a ``size`` square, regions grouped by province (provinces and the
    regions within them in code order) with ``gap`` empty slots between provinces, so a province's regions sit
    together. Deterministic: the same set of codes gives the same points whatever the order they come in."""
    ordered = sorted(set(codes))
    if not ordered:
        return {}
    centre = size / 2
    radius = max(centre - margin, 0.0)
    if len(ordered) == 1:
        return {ordered[0]: (round(centre, 2), round(centre, 2))}
    groups = len({province_of(c) for c in ordered})
    slots = len(ordered) + (gap * groups if groups > 1 else 0)
    step = 2 * math.pi / slots
    points: dict[str, tuple[float, float]] = {}
    position = 0.0
    previous = None
    for code in ordered:
        group = province_of(code)
        if previous is not None and group != previous and groups > 1:
            position += gap
        previous = group
        angle = -math.pi / 2 + position * step
        points[code] = (
            round(centre + radius * math.cos(angle), 2),
            round(centre + radius * math.sin(angle), 2),
        )
        position += 1
    return points


def stroke_width(count: int, largest: int, *, thinnest: float = 1.0, thickest: float = 8.0) -> float:
    """A line's thickness for ``count`` agreements when the busiest pair has ``largest``: 1 agreement draws the
    thinnest line, the busiest the thickest, in between by square root (areas grow with counts)."""
    if largest <= 1 or count <= 1:
        return thinnest
    share = math.sqrt(count - 1) / math.sqrt(largest - 1)
    return round(thinnest + (thickest - thinnest) * min(share, 1.0), 2)


def shared_areas(edge: NetworkEdge, areas_of: Mapping[str, set[str]]) -> set[str]:
    """The functional areas both regions of ``edge`` belong to (an edge inside a functional area)."""
    return areas_of.get(edge.a, set()) & areas_of.get(edge.b, set())
