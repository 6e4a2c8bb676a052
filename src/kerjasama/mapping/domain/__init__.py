"""Pure core of the mapping app: recommend cooperation partners per region and affair.

*Pemetaan urusan yang dapat dikerjasamakan* (PP 28/2018 Pasal 5; Permendagri 22/2020 Pasal 5). No Django import
here, directly or indirectly (house rule 1): only the standard library and ``kerjasama.rulebook``.

Typical use::

    inputs = MappingInputs(ref, indicators=defs, values=values, functional_areas=areas,
                           identifications=idents, agreements=agreements, border_km=km, centroids=centroids)
    weights = MappingWeights.from_mapping(env_values)
    recs = recommend(inputs, weights)                       # every autonomous region, every affair
    redo = affected_regions(new_inputs, "34.71", previous=inputs)
    recs_for_them = recommend(new_inputs, weights, regions=redo)
"""

from kerjasama.mapping.domain.engine import MappingInputs, PairFacts, affected_regions, recommend
from kerjasama.mapping.domain.inputs import (
    COUNTING_IDENTIFICATION_STATUSES,
    AffairTraitFact,
    ExistingAgreement,
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorDef,
    IndicatorValueFact,
)
from kerjasama.mapping.domain.results import REASON_CODES, AuthorityNote, Reason, RecommendationFact, explain
from kerjasama.mapping.domain.weights import MappingWeights, weights_reference

__all__ = [
    "COUNTING_IDENTIFICATION_STATUSES",
    "REASON_CODES",
    "AffairTraitFact",
    "AuthorityNote",
    "ExistingAgreement",
    "FunctionalAreaFact",
    "IdentificationFact",
    "IndicatorDef",
    "IndicatorValueFact",
    "MappingInputs",
    "MappingWeights",
    "PairFacts",
    "Reason",
    "RecommendationFact",
    "affected_regions",
    "explain",
    "recommend",
    "weights_reference",
]
