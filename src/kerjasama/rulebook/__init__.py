"""Kerjasama rulebook: the law of regional cooperation (*Kerja Sama Daerah*) as tested, pure Python.

No Django and no other kerjasama package is imported here, directly or indirectly (house rule 1); only the
standard library and ``holidays``. Sources: UU 23/2014, PP 28/2018, Permendagri 22/2020 as recorded in
``shared/domain/REGULATIONS.md``; every rule cites its basis and confidence.

Typical use::

    ref = ReferenceData(regions, kabkota_adjacency, affairs, authority_rows=matrix_rows)
    settings = RulebookSettings.from_mapping(env_values)
    result = check_plan(json_text, ref, settings)          # raises PlanInputError on bad input
    route = resolve_dispute(ref, ["32.73", "32.04"], "KSDD", settings)  # raises DisputeInputError on bad input
    rules_for_audit = catalogue(settings)
"""

from kerjasama.rulebook.catalogue import catalogue
from kerjasama.rulebook.disputes import (
    DISPUTE_INPUT_ERROR_CODES,
    DISPUTE_TYPES,
    DisputeClassification,
    DisputeInputError,
    DisputeRoute,
    SettlementStep,
    classify_dispute,
    resolve_dispute,
)
from kerjasama.rulebook.facts import (
    AffairAuthorityFact,
    AffairFact,
    RegionFact,
    SubAffairRow,
    affairs_from_csv_rows,
    authority_from_rows,
    authority_rows_from_csv_rows,
)
from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.inputs import RulebookInputError
from kerjasama.rulebook.oversight import monitoring_authority, takeover_authority
from kerjasama.rulebook.plan import (
    PLAN_DEFAULTS,
    PLAN_INPUT_ERROR_CODES,
    PlanInputError,
    category_allowed,
    check_plan,
    evaluate_plan_request,
    parse_plan,
)
from kerjasama.rulebook.reference import PAIRINGS, Pairing, ReferenceData
from kerjasama.rulebook.rules import RULES, RuleContext, run, run_rule
from kerjasama.rulebook.rules.procedure import offer_copy_recipients, requires_dprd_approval
from kerjasama.rulebook.settings import RulebookSettings, settings_reference
from kerjasama.rulebook.stages import available_actions, compute_deadline, evaluate, table_for
from kerjasama.rulebook.subjects import (
    AgreementState,
    DisputeCase,
    DocumentFact,
    ForeignCooperationState,
    ForeignStep,
    Plan,
    TakeoverCase,
    ThirdParty,
)
from kerjasama.rulebook.workdays import WorkingCalendar

__all__ = [
    "DISPUTE_INPUT_ERROR_CODES",
    "DISPUTE_TYPES",
    "PAIRINGS",
    "PLAN_DEFAULTS",
    "PLAN_INPUT_ERROR_CODES",
    "RULES",
    "AffairAuthorityFact",
    "AffairFact",
    "AgreementState",
    "DisputeCase",
    "DisputeClassification",
    "DisputeInputError",
    "DisputeRoute",
    "DocumentFact",
    "Finding",
    "ForeignCooperationState",
    "ForeignStep",
    "Pairing",
    "Plan",
    "PlanInputError",
    "ReferenceData",
    "RegionFact",
    "RuleContext",
    "RulebookInputError",
    "RulebookSettings",
    "SettlementStep",
    "SubAffairRow",
    "TakeoverCase",
    "ThirdParty",
    "WorkingCalendar",
    "affairs_from_csv_rows",
    "authority_from_rows",
    "authority_rows_from_csv_rows",
    "available_actions",
    "catalogue",
    "category_allowed",
    "check_plan",
    "classify_dispute",
    "compute_deadline",
    "evaluate",
    "evaluate_plan_request",
    "monitoring_authority",
    "offer_copy_recipients",
    "parse_plan",
    "requires_dprd_approval",
    "resolve_dispute",
    "run",
    "run_rule",
    "settings_reference",
    "table_for",
    "takeover_authority",
]
