"""Scoring pieces of the mapping engine: the facts of a pair, the regions' per-affair profiles, and the
points and reason texts of each component (border, functional area, complementarity, need/offer, distance,
existing agreement). Pure functions over plain data; ``engine.py`` drives them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kerjasama.mapping.domain.inputs import (
    AffairReach,
    AffairTraitFact,
    ExistingAgreement,
    FunctionalAreaFact,
    IndicatorDef,
    IndicatorValueFact,
)
from kerjasama.mapping.domain.results import ExternalitySource, Reason
from kerjasama.mapping.domain.texts import join_en, join_id, num_en, num_id, shorten, with_unit
from kerjasama.mapping.domain.weights import MappingWeights

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class PairFacts:
    """Weight-independent facts of an unordered candidate pair, computed once per ``MappingInputs``."""

    borders: bool
    mandatory_eligible: bool
    pairing: str | None
    border_km: float | None
    within_province: bool
    areas: tuple[FunctionalAreaFact, ...]
    distance_km: float | None


@dataclass(frozen=True, slots=True)
class Offer:
    """What a region can lend on an affair: a strength 0..1 read from one indicator value."""

    strength: float
    indicator: IndicatorDef
    value: IndicatorValueFact


@dataclass(frozen=True, slots=True)
class AffairProfile:
    """A region's indicator picture for one affair: its needs (service gaps) and what it can offer."""

    needs: tuple[tuple[float, IndicatorDef, IndicatorValueFact], ...]
    service: dict[str, Offer]
    best_capacity: Offer | None


@dataclass(frozen=True, slots=True)
class IdentSummary:
    """A region's counted identifications of one affair, merged (texts sorted and joined with "; ").

    ``needs``/``offers``/``externality`` come from every counted (verified or published) identification and
    drive the score; the ``public_*`` ones only from the published ones, which every official may read: a
    reason shown to another region quotes those alone (issue 8: verified texts stay within the jurisdiction).
    """

    needs: str
    offers: str
    externality: bool
    public_needs: str = ""
    public_offers: str = ""
    public_externality: bool = False


#: (need x strength, region is the needy side, need indicator, need value, what the other side offers)
Choice = tuple[float, bool, IndicatorDef, IndicatorValueFact, Offer]


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lng) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def pair_base(
    weights: MappingWeights,
    facts: PairFacts,
    region_is_kabkota: bool,
    partner_name: str,
    *,
    area_kinds: frozenset[str] | None = None,
    use_distance: bool = True,
) -> tuple[float, tuple[Reason, ...], tuple[Reason, ...]]:
    """The geographic part of a directed pair for one kind of affair: points, leading and trailing reasons.

    ``area_kinds``: only shared functional areas of these kinds count for the affair (a river basin for the
    environment, a metropolitan area for transport; None = every kind). ``use_distance=False``: an affair where
    distance does not matter (promotion, investment, trade) gets no distance points.
    """
    points = 0.0
    lead: list[Reason] = []
    if facts.borders and weights.border > 0:
        share = weights.border_base_share
        km = facts.border_km
        if km is not None:
            share += (1.0 - share) * min(1.0, km / weights.border_km_full)
        pts = weights.border * share
        points += pts
        if facts.within_province:
            name = partner_name
            if region_is_kabkota:
                text_id, text_en = f"berada dalam wilayah {name}", f"lies within {name}"
            else:
                text_id, text_en = f"{name} berada dalam wilayahnya", f"{name} lies within its territory"
        elif km is not None:
            text_id, text_en = f"berbatasan {num_id(km)} km", f"shares a {num_en(km)} km border"
        else:
            text_id = "berbatasan (panjang batas tidak tercatat)"
            text_en = "shares a border (length not recorded)"
        data: dict[str, object] = {
            "km": km,
            "within_province": facts.within_province,
            "pairing": facts.pairing,
        }
        lead.append(Reason("border", round(pts, 1), text_id, text_en, data))
    areas = (
        facts.areas if area_kinds is None else tuple(x for x in facts.areas if x.kind in area_kinds)
    )
    if areas and weights.functional_area > 0:
        pts = weights.functional_area
        points += pts
        parts_id = [f"{area.name} (keyakinan {area.confidence})" for area in areas]
        parts_en = [f"{area.name} (confidence {area.confidence})" for area in areas]
        data = {
            "areas": [
                {"code": x.code, "name": x.name, "kind": x.kind, "confidence": x.confidence} for x in areas
            ]
        }
        lead.append(
            Reason(
                "functional_area",
                round(pts, 1),
                f"sama-sama anggota {join_id(parts_id)}",
                f"both members of {join_en(parts_en)}",
                data,
            )
        )
    trail: list[Reason] = []
    d = facts.distance_km
    if d is not None and weights.distance > 0 and use_distance:
        pts = weights.distance * max(0.0, 1.0 - d / weights.distance_zero_km)
        if pts >= 0.05:
            points += pts
            trail.append(
                Reason(
                    "distance",
                    round(pts, 1),
                    f"jarak pusat {num_id(d, 0)} km",
                    f"centroids {num_en(d, 0)} km apart",
                    {"km": round(d, 1)},
                )
            )
    return points, tuple(lead), tuple(trail)


def direction(
    needy: AffairProfile, giver: AffairProfile
) -> tuple[float, IndicatorDef, IndicatorValueFact, Offer] | None:
    best: tuple[float, IndicatorDef, IndicatorValueFact, Offer] | None = None
    cap = giver.best_capacity
    for need, ind, value in needy.needs:
        offer = giver.service.get(ind.code)
        # Spare capacity is what a partner can lend most directly: it wins a tie with the same service.
        if cap is not None and (offer is None or cap.strength >= offer.strength):
            offer = cap
        if offer is None:
            continue
        product = need * offer.strength
        if product > 0.0 and (best is None or product > best[0]):
            best = (product, ind, value, offer)
    return best


def complementarity(pa: AffairProfile, pb: AffairProfile) -> Choice | None:
    """The stronger of "the region's need met by the partner" and the reverse (a symmetric value)."""
    forward = direction(pa, pb) if pa.needs else None
    backward = direction(pb, pa) if pb.needs else None
    if forward is None:
        if backward is None:
            return None
        return (backward[0], False, backward[1], backward[2], backward[3])
    if backward is None or forward[0] >= backward[0]:
        return (forward[0], True, forward[1], forward[2], forward[3])
    return (backward[0], False, backward[1], backward[2], backward[3])


def complementarity_reason(
    choice: Choice, pts: float, neighbour: bool, partner_visible: bool = False
) -> Reason:
    """The complementarity ground: the region's own value in figures; the partner's only if ``partner_visible``.

    A region's indicator values are read only within its jurisdiction (``IndicatorValue`` is never shared), and
    a stored reason is shown to the region's jurisdiction: so the partner's value is named without its figure
    unless that jurisdiction covers the partner too (a province and its own kab/kota).
    """
    product, region_needy, need_ind, need_value, offer = choice
    other_id, other_en = ("tetangga", "neighbour") if neighbour else ("mitra", "partner")
    own_value, own_ind = (need_value, need_ind) if region_needy else (offer.value, offer.indicator)
    partner_value, partner_ind = (offer.value, offer.indicator) if region_needy else (need_value, need_ind)
    own_id = f"{own_ind.name_id} {with_unit(num_id(own_value.value), own_ind.unit)}"
    own_en = f"{own_ind.name_en} {with_unit(num_en(own_value.value), own_ind.unit_en or own_ind.unit)}"
    if partner_visible:
        partner_id = (
            f"{partner_ind.name_id} {other_id} {with_unit(num_id(partner_value.value), partner_ind.unit)}"
        )
        partner_en = (
            f"the {other_en}'s {partner_ind.name_en} "
            f"{with_unit(num_en(partner_value.value), partner_ind.unit_en or partner_ind.unit)}"
        )
    elif region_needy:
        partner_id = f"{other_id} unggul pada {_mid(partner_ind.name_id)}"
        partner_en = f"the {other_en} is strong on {_mid(partner_ind.name_en)}"
    else:
        partner_id = f"{other_id} memerlukan dukungan pada {_mid(partner_ind.name_id)}"
        partner_en = f"the {other_en} needs support on {_mid(partner_ind.name_en)}"
    text_id = f"{own_id} dan {partner_id}"
    text_en = f"{own_en} and {partner_en}"
    # Example data is never passed off as official, whoever's it is (not a secret: pages flag it too).
    example = own_value.is_example or partner_value.is_example
    if example:
        text_id += " (data contoh)"
        text_en += " (example data)"
    data: dict[str, object] = {
        "needy": "region" if region_needy else "partner",
        "need_indicator": need_ind.code,
        "offer_indicator": offer.indicator.code,
        "product": round(product, 4),
        "is_example": example,
        "partner_visible": partner_visible,
    }
    # The numbers behind the text: the region's own always, the partner's only where it may be read.
    for side, value in (("need", need_value), ("offer", offer.value)):
        if partner_visible or value is own_value:
            data[f"{side}_value"] = value.value
            data[f"{side}_year"] = value.year
    return Reason("complementarity", round(pts, 1), text_id, text_en, data)


def _mid(name: str) -> str:
    """A name inside a sentence: ``Sisa umur TPA`` -> ``sisa umur TPA`` (only the first letter changes)."""
    return name[:1].lower() + name[1:]


def need_offer_reason(
    sa: IdentSummary, sb: IdentSummary, pts: float, partner_name: str, partner_visible: bool = False
) -> Reason:
    """The need/offer ground: the region's own texts, and the partner's only where they may be read.

    The partner's text is quoted when it is published (or ``partner_visible``: the region's jurisdiction
    covers the partner); a match on its verified but unpublished text is stated without the text.
    """
    forward = bool(sa.needs and sb.offers)
    backward = bool(sa.offers and sb.needs)
    partner_offers = sb.offers if partner_visible else sb.public_offers
    partner_needs = sb.needs if partner_visible else sb.public_needs
    if forward:
        if partner_offers:
            text_id = (
                f"kebutuhan «{shorten(sa.needs)}» dipenuhi tawaran {partner_name} «{shorten(partner_offers)}»"
            )
            text_en = (
                f"the need «{shorten(sa.needs)}» is met by {partner_name}'s offer «{shorten(partner_offers)}»"
            )
        else:
            text_id = (
                f"kebutuhan «{shorten(sa.needs)}» cocok dengan tawaran {partner_name} yang telah diverifikasi "
                "(isinya belum dipublikasikan)"
            )
            text_en = (
                f"the need «{shorten(sa.needs)}» matches a verified offer of {partner_name} "
                "(its text is not published yet)"
            )
    elif partner_needs:
        text_id = (
            f"tawaran «{shorten(sa.offers)}» memenuhi kebutuhan {partner_name} «{shorten(partner_needs)}»"
        )
        text_en = f"the offer «{shorten(sa.offers)}» meets {partner_name}'s need «{shorten(partner_needs)}»"
    else:
        text_id = (
            f"tawaran «{shorten(sa.offers)}» cocok dengan kebutuhan {partner_name} yang telah diverifikasi "
            "(isinya belum dipublikasikan)"
        )
        text_en = (
            f"the offer «{shorten(sa.offers)}» matches a verified need of {partner_name} "
            "(its text is not published yet)"
        )
    externality = sa.externality or (sb.externality if partner_visible else sb.public_externality)
    if externality:
        text_id += " (eksternalitas lintas daerah)"
        text_en += " (cross-regional externality)"
    data = {"region_needs": forward, "partner_needs": backward, "externality": externality}
    return Reason("need_offer", round(pts, 1), text_id, text_en, data)


def agreement_reason(ag: ExistingAgreement, extension: bool) -> Reason:
    label = f" ({ag.label})" if ag.label else ""
    if extension:
        text_id = (
            f"kerja sama yang ada{label} berakhir {ag.ends_year}; perpanjangan memerlukan perjanjian baru "
            "melalui prosedur lengkap"
        )
        text_en = f"the existing agreement{label} ends in {ag.ends_year}; an extension needs a new agreement"
    else:
        text_id = f"kerja sama sebelumnya{label} telah berakhir {ag.ends_year}"
        text_en = f"an earlier agreement{label} ended in {ag.ends_year}"
    data = {"ends_year": ag.ends_year, "label": ag.label, "parties": sorted(ag.parties)}
    return Reason("existing_agreement", 0.0, text_id, text_en, data)


#: The legal basis of the mandatory/voluntary decision, cited in every ``externality`` reason.
MANDATORY_BASIS = "UU 23/2014 Pasal 364(1)-(2), Pasal 365; PP 28/2018 Pasal 3(2)-(3) dan Penjelasan"


def externality_reason(
    source: ExternalitySource | None, trait: AffairTraitFact, facts: PairFacts, party: str | None
) -> Reason:
    """Why a recommendation is mandatory-eligible (which externality source), or why it is voluntary.

    UU 23/2014 Pasal 364(1): mandatory cooperation (*kerja sama wajib*) is between bordering regions on affairs
    with a cross-regional externality (*eksternalitas lintas Daerah*, PP 28/2018 Penjelasan Pasal 3(2)); any
    other cooperation is voluntary (Pasal 365).
    """
    data: dict[str, object] = {
        "source": source,
        "affair_externality": trait.externality,
        "borders": facts.borders,
        "party": party,
        "basis": MANDATORY_BASIS,
        "confidence": trait.confidence if source == "affair" or not facts.borders else "",
    }
    if source == "affair":
        text_id = (
            "wajib: berbatasan, dan urusan ini memiliki eksternalitas lintas daerah menurut Lampiran "
            f"UU 23/2014 (keyakinan {trait.confidence})"
        )
        text_en = (
            "mandatory: the regions border each other and the affair has a cross-regional externality "
            f"according to the Lampiran of UU 23/2014 (confidence {trait.confidence})"
        )
    elif source == "identification":
        data["confidence"] = ""
        text_id = (
            "wajib: berbatasan, dan eksternalitas lintas daerah dinyatakan dalam identifikasi yang "
            f"dipublikasikan ({party})"
        )
        text_en = (
            "mandatory: the regions border each other and a published identification states a "
            f"cross-regional externality ({party})"
        )
    elif not facts.borders:
        text_id = "sukarela: tidak berbatasan (kerja sama wajib hanya antardaerah yang berbatasan)"
        text_en = "voluntary: the regions do not border each other (mandatory cooperation needs a border)"
    elif not facts.mandatory_eligible:
        text_id = "sukarela: pasangan daerah ini bukan salah satu pasangan kerja sama wajib Pasal 364(2)"
        text_en = "voluntary: this pair is not one of the mandatory pairings of Pasal 364(2)"
    else:
        text_id = (
            "sukarela: berbatasan, tetapi urusan ini tidak tercatat memiliki eksternalitas lintas daerah "
            "dan tidak ada identifikasi yang dipublikasikan yang menyatakannya"
        )
        text_en = (
            "voluntary: the regions border each other, but the affair is not recorded as having a "
            "cross-regional externality and no published identification states one"
        )
    return Reason("externality", 0.0, text_id, text_en, data)


def reach_reason(reach: AffairReach, distance_km: float | None, max_km: float) -> Reason:
    """A far partner (non-bordering, beyond ``max_km``): why it is still recommended.

    Service-type and regional affairs reach that far only through a need/offer match; for an affair where
    distance does not matter (promotion, investment, trade) the distance is no obstacle.
    """
    km = distance_km if distance_km is not None else 0.0
    data: dict[str, object] = {"reach": reach, "km": round(km, 1), "max_km": max_km}
    if reach == "any_distance":
        text_id = (
            f"jarak {num_id(km, 0)} km tidak menentukan untuk urusan ini; disarankan karena kebutuhan "
            "dan tawaran cocok"
        )
        text_en = (
            f"the {num_en(km, 0)} km distance does not matter for this affair; recommended for the need/offer "
            "match"
        )
    else:
        kind_id, kind_en = ("layanan", "service") if reach == "service" else ("urusan", "affair")
        text_id = (
            f"jarak {num_id(km, 0)} km melebihi batas {kind_id} {num_id(max_km, 0)} km; tetap disarankan "
            "karena kebutuhan dan tawaran cocok"
        )
        text_en = (
            f"the {num_en(km, 0)} km distance exceeds the {kind_en} limit of {num_en(max_km, 0)} km; "
            "recommended only because a need and an offer match"
        )
    return Reason("reach", 0.0, text_id, text_en, data)
