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

rules.add_perm("mapping.edit_region", is_system_admin | (works_for_region & is_profile_editor))
rules.add_perm("mapping.verify_identification", is_system_admin | (works_for_region & is_tkksd_member))
rules.add_perm(
    "mapping.publish_identification", is_system_admin | (works_for_region & is_cooperation_operator)
)
rules.add_perm("mapping.run_national", is_system_admin | is_ministry)
# The overview pages: a province's kab/kota to whoever oversees the province; the national matrix to the
# officials who oversee the whole country.
rules.add_perm("mapping.view_province", region_in_jurisdiction)
rules.add_perm("mapping.view_national", is_national)
