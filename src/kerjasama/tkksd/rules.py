"""Who may see and do what with a region's TKKSD (``rules`` permissions of the tkksd app).

The TKKSD is formed by the head of region to help prepare cooperation (R21 [S]); its records belong to the
region. The region's cooperation unit (the *Sekretariat Kerja Sama Daerah* [V: S-sumut heading]) keeps them:
decrees, members, meetings and decisions. The team's chair and secretary record its meetings and decisions;
its members read them. The governor's office reads its province's regions (UU 23/2014 Pasal 91), Kemendagri
the whole country. A decree of the head of region is a public act: every signed-in official may see that it
exists (number, date, period), but not its meetings, minutes or decisions. Third parties see nothing.

Every permission below takes the region as its object.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import (
    is_cooperation_operator,
    is_read_only,
    is_system_admin,
    region_in_jurisdiction,
    works_for_region,
)
from kerjasama.core.errors import describe_action


@rules.predicate
def is_official(user: Any) -> bool:
    """A signed-in official of a government (not a third party, not an account without a jurisdiction)."""
    scope = jurisdiction_of(user)
    return bool(scope.national or scope.province_code or scope.region_code)


@rules.predicate
def leads_tkksd(user: Any, region: Any) -> bool:
    """The user is the chair or secretary of the region's TKKSD under a decree in force today."""
    from kerjasama.tkksd.selectors import leading_member

    return region is not None and leading_member(user, region.code, timezone.localdate()) is not None


rules.add_perm("tkksd.view_decree", is_official)
rules.add_perm("tkksd.view_records", region_in_jurisdiction)
rules.add_perm("tkksd.manage", is_system_admin | (works_for_region & is_cooperation_operator))
rules.add_perm(
    "tkksd.record_meeting",
    is_system_admin | (works_for_region & ~is_read_only & (is_cooperation_operator | leads_tkksd)),
)

describe_action(
    "tkksd.view_decree",
    "melihat SK TKKSD daerah",
    "see regions' TKKSD decrees",
)
describe_action(
    "tkksd.view_records",
    "melihat rapat dan keputusan TKKSD daerah ini",
    "see this region's TKKSD meetings and decisions",
)
describe_action(
    "tkksd.manage",
    "mengelola SK dan anggota TKKSD daerah ini (unit kerja sama daerah)",
    "manage this region's TKKSD decrees and members (the region's cooperation unit)",
)
describe_action(
    "tkksd.record_meeting",
    "mencatat rapat dan keputusan TKKSD daerah ini (unit kerja sama, ketua atau sekretaris TKKSD)",
    "record this region's TKKSD meetings and decisions (cooperation unit, TKKSD chair or secretary)",
)
