"""Who may import the planning nomenclature (``rules`` permissions of planning)."""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_ministry, is_system_admin
from kerjasama.core.errors import describe_action

rules.add_perm("planning.import", is_system_admin | is_ministry)

describe_action(
    "planning.import",
    "mengimpor nomenklatur perencanaan",
    "import the planning nomenclature",
)
