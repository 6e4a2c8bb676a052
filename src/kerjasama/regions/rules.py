"""Who may correct the master data of regions (``rules`` permissions of the regions app).

Adjacency decides whether a mandatory cooperation is possible (UU 23/2014 Pasal 364(1)); correcting it, or
importing the boundaries it is computed from, is national oversight work.
"""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_ministry, is_system_admin
from kerjasama.core.errors import describe_action

rules.add_perm("regions.override_adjacency", is_system_admin | is_ministry)
rules.add_perm("regions.import_boundaries", is_system_admin | is_ministry)
rules.add_perm("regions.change_region_codes", is_system_admin | is_ministry)

# What each permission lets a person do, in words: a refusal says it (core.errors.PermissionDenied).
describe_action(
    "regions.override_adjacency",
    "mengoreksi data ketetanggaan daerah",
    "correct the adjacency of regions",
)
describe_action(
    "regions.import_boundaries",
    "mengimpor batas wilayah",
    "import region boundaries",
)
describe_action(
    "regions.change_region_codes",
    "menerapkan instrumen kode wilayah",
    "apply a region-code instrument",
)
