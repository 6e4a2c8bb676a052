"""Who may correct the authority matrix of the Lampiran of UU 23/2014 (``rules`` permissions of affairs)."""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_ministry, is_system_admin

rules.add_perm("affairs.edit_authority", is_system_admin | is_ministry)
