"""Who may request and read the annual reports of regional cooperation (issue 13 item 6).

- The national report: Kemendagri's officials (Ditjen Bina Administrasi Kewilayahan oversees regional
  cooperation nationally, UU 23/2014 Pasal 373; PP 28/2018 Pasal 37) and system administrators.
- A province's report: the governor's office of that province (the governor as central government's
  representative reports the supervision of its kab/kota, PP 12/2017 Pasal 24) and Kemendagri.
Reading a finished report follows the same jurisdiction (an auditor of the province or the ministry may read,
never request); another province's governor's office neither requests nor reads it.
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_ministry, is_national, is_system_admin
from kerjasama.core.errors import describe_action
from kerjasama.oversight.quality_rules import is_third_party, oversees_province


@rules.predicate
def is_governor_office(user: Any) -> bool:
    return bool(user.role == Role.GOVERNOR_OFFICE)


@rules.predicate
def is_national_scope(user: Any, province: Any) -> bool:
    """The report asked about is the national one (no province)."""
    return province is None


@rules.predicate
def oversees_a_province(user: Any) -> bool:
    """The user's jurisdiction is a whole province (its governor's office, its auditors)."""
    return bool(jurisdiction_of(user).province_code)


_may_request_province = is_ministry | (is_governor_office & oversees_province & ~is_third_party)

rules.add_perm(
    "oversight.request_annual_report",
    is_system_admin | (is_national_scope & is_ministry) | (~is_national_scope & _may_request_province),
)
rules.add_perm(
    "oversight.view_annual_report",
    is_system_admin
    | (is_national_scope & is_national)
    | (~is_national_scope & oversees_province & ~is_third_party),
)
rules.add_perm(
    "oversight.view_annual_reports", is_system_admin | (~is_third_party & (is_national | oversees_a_province))
)

describe_action(
    "oversight.request_annual_report",
    "meminta penyusunan laporan tahunan kerja sama daerah untuk cakupan ini",
    "request the annual report of regional cooperation for this scope",
)
describe_action(
    "oversight.view_annual_report",
    "membaca laporan tahunan kerja sama daerah ini",
    "read this annual report of regional cooperation",
)
describe_action(
    "oversight.view_annual_reports",
    "melihat daftar laporan tahunan kerja sama daerah",
    "see the list of annual reports of regional cooperation",
)
