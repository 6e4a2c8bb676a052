"""Who may do what in the mapping of cooperable affairs (``rules`` permissions of the mapping app).

Pemetaan urusan: a region edits only its own profile and identifications, coordinated by its cooperation unit
with its planning unit; its TKKSD verifies them (PP 28/2018 Pasal 5(1); Permendagri 22/2020 Pasal 5). The
governor's office follows the kab/kota of its province; Kemendagri the whole country.
"""

from __future__ import annotations

import rules

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
rules.add_perm("mapping.run_national", is_system_admin | is_ministry)
# The overview pages: a province's kab/kota to whoever oversees the province; the national matrix to the
# officials who oversee the whole country.
rules.add_perm("mapping.view_province", region_in_jurisdiction)
rules.add_perm("mapping.view_national", is_national)

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
