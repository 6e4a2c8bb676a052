"""Who may see the oversight dashboards (issue 13 item 1).

- A region's dashboard: the officials whose jurisdiction covers the region (its own Pemda; the governor's office
  of its province, as central government's representative, UU 23/2014 Pasal 91 and PP 12/2017 Pasal 24;
  Kemendagri, UU 23/2014 Pasal 373). Third parties see none.
- A province's dashboard: its governor's office and Kemendagri.
- The national dashboard: Kemendagri (and system administrators).
Auditors see what their jurisdiction covers; every page is read-only.
"""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_national, is_system_admin, region_in_jurisdiction
from kerjasama.core.errors import describe_action
from kerjasama.oversight.quality_rules import is_third_party, oversees_province

rules.add_perm(
    "oversight.view_dashboard_region", is_system_admin | (region_in_jurisdiction & ~is_third_party)
)
rules.add_perm("oversight.view_dashboard_province", is_system_admin | (oversees_province & ~is_third_party))
rules.add_perm("oversight.view_dashboard_national", is_system_admin | is_national)
rules.add_perm("oversight.recompute_dashboard", is_system_admin | is_national)

describe_action(
    "oversight.view_dashboard_region",
    "melihat dasbor pengawasan daerah ini",
    "see this region's oversight dashboard",
)
describe_action(
    "oversight.view_dashboard_province",
    "melihat dasbor pengawasan provinsi ini",
    "see this province's oversight dashboard",
)
describe_action(
    "oversight.view_dashboard_national",
    "melihat dasbor pengawasan nasional",
    "see the national oversight dashboard",
)
describe_action(
    "oversight.recompute_dashboard",
    "menghitung ulang angka dasbor pengawasan",
    "recompute the oversight dashboards' figures",
)
