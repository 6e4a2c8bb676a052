"""Who may correct the master data of regions (``rules`` permissions of the regions app).

Adjacency decides whether a mandatory cooperation is possible (UU 23/2014 Pasal 364(1)); correcting it, or
importing the boundaries it is computed from, is national oversight work.
"""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_ministry, is_system_admin

rules.add_perm("regions.override_adjacency", is_system_admin | is_ministry)
rules.add_perm("regions.import_boundaries", is_system_admin | is_ministry)
