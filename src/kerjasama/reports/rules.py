"""Who may see and do what with the periodic reports upward (``rules`` permissions of the reports app).

The reporting line is PP 12/2017 Pasal 24 (via PP 28/2018 Pasal 44(5)): the bupati/wali kota reports to the
governor as central government's representative (GWPP), the governor to the Minister.

- See a report: its region's jurisdiction (the region's own officials; for a kab/kota also the province's,
  among them the governor's office; the ministry everywhere: ``accounts.policy.Jurisdiction``).
- Write (generate, refresh, submit) a region's report: the region's cooperation unit (UU 23/2014 Pasal 363;
  Permendagri 22/2020 [U]); for a province also the governor's office, which sends the province's report to the
  Minister. Never a read-only auditor.
- Review (accept, return) a kab/kota report: the governor's office of its province; a province report: the
  ministry (Kemendagri).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.predicates import (
    is_cooperation_operator,
    is_ministry,
    is_read_only,
    is_system_admin,
    region_in_jurisdiction,
    works_for_region,
)
from kerjasama.core.errors import describe_action
from kerjasama.monev.rules import governor_province
from kerjasama.regions.choices import Level


def _is_province(region: Any) -> bool:
    return bool(region is not None and region.level == Level.PROVINSI)


@rules.predicate
def sees_report(user: Any, report: Any) -> bool:
    return bool(report is not None and region_in_jurisdiction(user, report.region))


@rules.predicate
def writes_for_region(user: Any, region: Any) -> bool:
    """The user writes the report of ``region`` (a ``regions.Region``)."""
    if region is None or is_read_only(user):
        return False
    if is_cooperation_operator(user) and works_for_region(user, region):
        return True
    return _is_province(region) and governor_province(user) == region.code


@rules.predicate
def writes_report(user: Any, report: Any) -> bool:
    return bool(report is not None and writes_for_region(user, report.region))


@rules.predicate
def reviews_report(user: Any, report: Any) -> bool:
    """The recipient of the report: the province's governor's office for a kab/kota, the ministry for a province."""
    if report is None:
        return False
    region = report.region
    if _is_province(region):
        return bool(is_ministry(user))
    return bool(region.province_id and governor_province(user) == region.province_id)


rules.add_perm("reports.view", is_system_admin | sees_report)
rules.add_perm("reports.write_region", is_system_admin | writes_for_region)
rules.add_perm("reports.write", is_system_admin | writes_report)
rules.add_perm("reports.review", is_system_admin | reviews_report)

describe_action("reports.view", "melihat laporan ini", "see this report")
describe_action(
    "reports.write_region",
    "menyusun laporan kerja sama daerah ini (unit kerja sama daerah; untuk provinsi juga biro gubernur)",
    "write this region's cooperation report (its cooperation unit; for a province also the governor's office)",
)
describe_action(
    "reports.write",
    "menyusun atau mengajukan laporan ini (unit kerja sama daerah pelapor)",
    "write or submit this report (the reporting region's cooperation unit)",
)
describe_action(
    "reports.review",
    "menerima atau mengembalikan laporan ini (gubernur sebagai wakil pemerintah pusat untuk kab/kota; "
    "Kementerian Dalam Negeri untuk provinsi)",
    "accept or return this report (the governor as central government's representative for a kab/kota; "
    "the Ministry of Home Affairs for a province)",
)
