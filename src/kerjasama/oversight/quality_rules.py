"""Who may see the data-quality scores (issue 13 item 5).

- A region's score and what to fix: the officials whose jurisdiction covers the region (its own Pemda; the
  governor's office of its province, as central government's representative, UU 23/2014 Pasal 91; Kemendagri
  for the whole country). Third parties see none: the score is about the public bodies' own records.
- A province's ranking of its regions: the governor's office of that province and Kemendagri.
- The national ranking: Kemendagri (and system administrators), which oversees regional cooperation nationally
  (UU 23/2014 Pasal 373; PP 12/2017).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_national, is_system_admin, region_in_jurisdiction
from kerjasama.core.errors import describe_action


@rules.predicate
def is_third_party(user: Any) -> bool:
    return jurisdiction_of(user).third_party


@rules.predicate
def oversees_province(user: Any, province: Any) -> bool:
    """The user's jurisdiction is this whole province (its governor's office) or the country."""
    scope = jurisdiction_of(user)
    return bool(province is not None and (scope.national or scope.province_code == province.code))


rules.add_perm("oversight.view_quality_region", is_system_admin | (region_in_jurisdiction & ~is_third_party))
rules.add_perm("oversight.view_quality_province", is_system_admin | (oversees_province & ~is_third_party))
rules.add_perm("oversight.view_quality_national", is_system_admin | is_national)

describe_action(
    "oversight.view_quality_region",
    "melihat skor kualitas data daerah ini",
    "see this region's data-quality score",
)
describe_action(
    "oversight.view_quality_province",
    "melihat peringkat kualitas data daerah-daerah provinsi ini",
    "see the data-quality ranking of this province's regions",
)
describe_action(
    "oversight.view_quality_national",
    "melihat peringkat kualitas data nasional",
    "see the national data-quality ranking",
)

rules.add_perm("oversight.recompute_quality", is_system_admin | is_national)
describe_action(
    "oversight.recompute_quality",
    "menghitung ulang skor kualitas data nasional",
    "recompute the national data-quality scores",
)
