"""Reference data bundle and the geography the rules read: bordering and the Pasal 364(2) pairings.

``ReferenceData`` is built once (the Django side caches it) and answers every question of a check with a
dict or set lookup: a benchmark runs thousands of plan checks a second against it.

Bordering (*berbatasan*, UU 23/2014 Pasal 364(1)):

- kabupaten/kota <-> kabupaten/kota: the given adjacency (already the effective set, manual overrides such
  as maritime borders included);
- province <-> province: some kabupaten/kota of one borders some kabupaten/kota of the other;
- province <-> kabupaten/kota: a kabupaten/kota borders its own province (Permendagri 22/2020 Pasal 3:
  "kabupaten/kota yang berbatasan dengan daerah provinsi dalam satu wilayah provinsi"), and another province
  when it borders one of that province's kabupaten/kota.

DKI Jakarta's administrative units are geography like any other kab/kota: they make province 31 border its
neighbours even though they cannot be parties themselves (R3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kerjasama.rulebook.facts import (
    AffairAuthorityFact,
    AffairFact,
    AuthorityLevel,
    AuthorityStatus,
    RegionFact,
    SubAffairRow,
    authority_from_rows,
    unknown_authority,
)


@dataclass(frozen=True, slots=True)
class Pairing:
    """One of the five mandatory-cooperation pairings of UU 23/2014 Pasal 364(2) (R8)."""

    key: str
    letter: str
    label_id: str
    label_en: str
    # Permendagri 22/2020 Pasal 3 lists only four pairings; it leaves out (c) (REGULATIONS.md pass 3).
    in_permendagri_list: bool
    # PP 28/2018 Pasal 5(2): mapping of pairing (e) is coordinated at provincial level, the others nationally.
    coordination_level: str


PAIRING_A = Pairing("antar_provinsi", "a", "antar-Daerah provinsi", "province <-> province", True, "nasional")
PAIRING_B = Pairing(
    "provinsi_kabkota_wilayahnya",
    "b",
    "Daerah provinsi dan Daerah kabupaten/kota dalam wilayahnya",
    "province <-> kabupaten/kota in its territory",
    True,
    "nasional",
)
PAIRING_C = Pairing(
    "provinsi_kabkota_provinsi_lain",
    "c",
    "Daerah provinsi dan Daerah kabupaten/kota dari provinsi yang berbeda",
    "province <-> kabupaten/kota of another province",
    False,
    "nasional",
)
PAIRING_D = Pairing(
    "kabkota_beda_provinsi",
    "d",
    "antar-Daerah kabupaten/kota dari Daerah provinsi yang berbeda",
    "kabupaten/kota <-> kabupaten/kota in different provinces",
    True,
    "nasional",
)
PAIRING_E = Pairing(
    "kabkota_satu_provinsi",
    "e",
    "antar-Daerah kabupaten/kota dalam satu Daerah provinsi",
    "kabupaten/kota <-> kabupaten/kota in one province",
    True,
    "provinsi",
)
PAIRINGS: tuple[Pairing, ...] = (PAIRING_A, PAIRING_B, PAIRING_C, PAIRING_D, PAIRING_E)


class ReferenceData:
    """Regions, kab/kota adjacency, concurrent affairs and the authority matrix, with derived indexes.

    ``authority`` may be given already derived (``AffairAuthorityFact`` per code) or as matrix rows through
    ``authority_rows``; an affair absent from both is ``unknown`` at every level.
    Raises ``ValueError`` for structurally broken data (an adjacency pair naming an unknown code or a
    province): that is an import bug, not a legal finding. Count and code-shape checks are rules (R1, R2, R5).
    """

    __slots__ = (
        "_adjacency",
        "_affairs",
        "_authority",
        "_kk_adj",
        "_kk_provinces",
        "_prov_adj",
        "_prov_kk",
        "_regions",
        "_sub_affairs",
    )

    def __init__(
        self,
        regions: Mapping[str, RegionFact] | Iterable[RegionFact],
        adjacency: Iterable[Iterable[str]],
        affairs: Mapping[str, AffairFact] | Iterable[AffairFact],
        authority: Mapping[str, AffairAuthorityFact] | None = None,
        *,
        authority_rows: Iterable[SubAffairRow] = (),
    ) -> None:
        region_list = list(regions.values()) if isinstance(regions, Mapping) else list(regions)
        self._regions: Mapping[str, RegionFact] = MappingProxyType({r.code: r for r in region_list})
        affair_list = list(affairs.values()) if isinstance(affairs, Mapping) else list(affairs)
        self._affairs: Mapping[str, AffairFact] = MappingProxyType({a.code: a for a in affair_list})
        derived = authority_from_rows(authority_rows)
        if authority:
            derived.update(authority)
        self._authority: Mapping[str, AffairAuthorityFact] = MappingProxyType(derived)
        self._sub_affairs: Mapping[str, SubAffairRow] = MappingProxyType(
            {row.code: row for fact in derived.values() for row in fact.sub_affairs if row.code}
        )

        prov_kk: dict[str, set[str]] = {}
        for r in region_list:
            if r.level == "kabkota":
                prov_kk.setdefault(r.province_code, set()).add(r.code)

        pairs: set[frozenset[str]] = set()
        kk_adj: dict[str, set[str]] = {}
        prov_adj: dict[str, set[str]] = {}
        # Every kab/kota borders its own province; other provinces are added from the adjacency below.
        kk_provinces: dict[str, set[str]] = {
            r.code: {r.province_code} for r in region_list if r.level == "kabkota"
        }
        for raw in adjacency:
            pair = frozenset(raw)
            if len(pair) != 2:
                raise ValueError(f"adjacency pair {sorted(pair)!r} must name two distinct kab/kota")
            a, b = sorted(pair)
            for code in (a, b):
                fact = self._regions.get(code)
                if fact is None or fact.level != "kabkota":
                    raise ValueError(f"adjacency pair ({a}, {b}): {code} is not a known kab/kota")
            pairs.add(pair)
            kk_adj.setdefault(a, set()).add(b)
            kk_adj.setdefault(b, set()).add(a)
            pa, pb = self._regions[a].province_code, self._regions[b].province_code
            if pa != pb:
                prov_adj.setdefault(pa, set()).add(pb)
                prov_adj.setdefault(pb, set()).add(pa)
                kk_provinces[a].add(pb)
                kk_provinces[b].add(pa)

        self._adjacency = frozenset(pairs)
        self._kk_adj = {k: frozenset(v) for k, v in kk_adj.items()}
        self._prov_adj = {k: frozenset(v) for k, v in prov_adj.items()}
        self._prov_kk = {k: frozenset(v) for k, v in prov_kk.items()}
        self._kk_provinces = {k: frozenset(v) for k, v in kk_provinces.items()}

    # -- plain lookups -------------------------------------------------------------------------------

    @property
    def regions(self) -> Mapping[str, RegionFact]:
        return self._regions

    @property
    def affairs(self) -> Mapping[str, AffairFact]:
        return self._affairs

    @property
    def authority(self) -> Mapping[str, AffairAuthorityFact]:
        return self._authority

    @property
    def kabkota_adjacency(self) -> frozenset[frozenset[str]]:
        return self._adjacency

    def region(self, code: str) -> RegionFact | None:
        return self._regions.get(code)

    def affair(self, code: str) -> AffairFact | None:
        return self._affairs.get(code)

    def affair_authority(self, code: str) -> AffairAuthorityFact:
        """The matrix-derived authority of an affair; ``unknown`` everywhere when the matrix lacks it."""
        found = self._authority.get(code)
        return found if found is not None else unknown_authority(code)

    @property
    def sub_affairs(self) -> Mapping[str, SubAffairRow]:
        """Every sub-affair row with a stable identifier, by identifier (``3.28.02``)."""
        return self._sub_affairs

    def sub_affair(self, code: str) -> SubAffairRow | None:
        return self._sub_affairs.get(code)

    def authority_status(self, affair_code: str, level: AuthorityLevel) -> AuthorityStatus:
        found = self._authority.get(affair_code)
        return found.status(level) if found is not None else "unknown"

    # -- geography -----------------------------------------------------------------------------------

    def kabkota_of(self, province_code: str) -> frozenset[str]:
        """Every kab/kota (administrative ones included) in a province."""
        return self._prov_kk.get(province_code, frozenset())

    def kabkota_neighbours(self, code: str) -> frozenset[str]:
        return self._kk_adj.get(code, frozenset())

    def province_neighbours(self, province_code: str) -> frozenset[str]:
        return self._prov_adj.get(province_code, frozenset())

    def provinces_bordered_by(self, kabkota_code: str) -> frozenset[str]:
        """The provinces a kab/kota borders: its own plus every province of a bordering kab/kota."""
        return self._kk_provinces.get(kabkota_code, frozenset())

    def borders(self, a: str, b: str) -> bool:
        """Whether two distinct known regions share a border (*berbatasan*), see the module docstring."""
        ra, rb = self._regions.get(a), self._regions.get(b)
        if ra is None or rb is None or a == b:
            return False
        if ra.level == "kabkota" and rb.level == "kabkota":
            return b in self._kk_adj.get(a, ())
        if ra.level == "provinsi" and rb.level == "provinsi":
            return b in self._prov_adj.get(a, ())
        kk, prov = (a, b) if ra.level == "kabkota" else (b, a)
        return prov in self._kk_provinces.get(kk, ())

    def pairing(self, a: str, b: str) -> Pairing | None:
        """The Pasal 364(2) pairing of two distinct known regions (R5, R8); None otherwise.

        Same province is read from the registered ``province_code`` which R5 requires to equal the code's
        first two digits.
        """
        ra, rb = self._regions.get(a), self._regions.get(b)
        if ra is None or rb is None or a == b:
            return None
        if ra.level == "provinsi" and rb.level == "provinsi":
            return PAIRING_A
        if ra.level == "kabkota" and rb.level == "kabkota":
            return PAIRING_E if ra.province_code == rb.province_code else PAIRING_D
        prov, kk = (ra, rb) if ra.level == "provinsi" else (rb, ra)
        return PAIRING_B if kk.province_code == prov.code else PAIRING_C
