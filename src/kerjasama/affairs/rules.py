"""Who may correct the authority matrix of the Lampiran of UU 23/2014 (``rules`` permissions of affairs)."""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_ministry, is_system_admin
from kerjasama.core.errors import describe_action

rules.add_perm("affairs.edit_authority", is_system_admin | is_ministry)

# What each permission lets a person do, in words: a refusal says it (core.errors.PermissionDenied).
describe_action(
    "affairs.edit_authority",
    "mengubah matriks kewenangan urusan",
    "change the authority matrix of the affairs",
)
