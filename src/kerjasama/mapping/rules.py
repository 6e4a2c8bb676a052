"""Who may do what in the mapping of cooperable affairs (``rules`` permissions of the mapping app).

Pemetaan urusan: a region edits only its own profile and identifications, coordinated by its cooperation unit
with its planning unit; its TKKSD verifies them (PP 28/2018 Pasal 5(1); Permendagri 22/2020 Pasal 5). The
governor's office follows the kab/kota of its province; Kemendagri the whole country.
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import Role
from kerjasama.accounts.predicates import (
    is_cooperation_operator,
    is_ministry,
    is_national,
    is_profile_editor,
    is_system_admin,
    is_tkksd_member,
    region_in_jurisdiction,
    works_for_region,
)
from kerjasama.core.errors import describe_action

rules.add_perm("mapping.edit_region", is_system_admin | (works_for_region & is_profile_editor))
rules.add_perm("mapping.verify_identification", is_system_admin | (works_for_region & is_tkksd_member))
rules.add_perm("mapping.publish_identification", is_system_admin | (works_for_region & is_cooperation_operator))
# Corrections by the region's own units (issue 9): delete a draft, withdraw a submitted one, revise a
# published one. The same people who edit; named apart so pages and services say what they check.
rules.add_perm("mapping.correct_identification", is_system_admin | (works_for_region & is_profile_editor))
rules.add_perm("mapping.run_national", is_system_admin | is_ministry)
# The overview pages: a province's kab/kota to whoever oversees the province; the national matrix to the
# officials who oversee the whole country.
rules.add_perm("mapping.view_province", region_in_jurisdiction)
rules.add_perm("mapping.view_national", is_national)



@rules.predicate
def is_governor_office(user: Any) -> bool:
    """The governor's office as the central government's representative (UU 23/2014 Pasal 91)."""
    return bool(user.role == Role.GOVERNOR_OFFICE)


# The verification dialogue on one identification: the region's units and its TKKSD, and the officials who
# oversee the region (the governor's office of its province, Kemendagri); never auditors or third parties.
rules.add_perm(
    "mapping.comment_identification",
    is_system_admin
    | (works_for_region & (is_profile_editor | is_tkksd_member))
    | (region_in_jurisdiction & (is_ministry | is_governor_office)),
)

# What each permission lets a person do, in words: a refusal says it (core.errors.PermissionDenied).
describe_action(
    "mapping.edit_region",
    "mengubah profil dan identifikasi urusan daerah ini",
    "change this region's profile and affair identifications",
)
describe_action(
    "mapping.verify_identification",
    "memverifikasi identifikasi urusan daerah ini (tugas TKKSD daerah)",
    "verify this region's affair identifications (the region's TKKSD)",
)
describe_action(
    "mapping.publish_identification",
    "menerbitkan identifikasi urusan daerah ini (unit kerja sama daerah)",
    "publish this region's affair identifications (the region's cooperation unit)",
)
describe_action(
    "mapping.run_national",
    "menjalankan pemetaan nasional",
    "run the national mapping",
)
describe_action(
    "mapping.view_province",
    "melihat ringkasan pemetaan provinsi ini",
    "see this province's mapping overview",
)
describe_action(
    "mapping.view_national",
    "melihat pemetaan nasional",
    "see the national mapping",
)
