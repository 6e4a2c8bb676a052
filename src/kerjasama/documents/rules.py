"""Who may read and add the documents of a region's cooperation.

A document belongs to a region: it is read within that region's jurisdiction (the region's own officials, its
province, which oversees its kab/kota as central-government representative under UU 23/2014 Pasal 91, and
Kemendagri nationally), like every record of the region; a document attached to a record whose type is registered
with ``core.scoping.register_attachment_owner`` is also read by whoever may view that record (every party of an
agreement: one record seen identically by every party, issue 10). It is uploaded by the region's own officials; the
auditor reads but never writes; third parties see none (their documents reach the system through the region).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_ministry, is_read_only, is_system_admin, works_for_region
from kerjasama.core.errors import describe_action
from kerjasama.core.scoping import is_exclusive_owner
from kerjasama.documents.models import Document

#: The roles of a Pemda's officials who handle a cooperation's documents.
OFFICIAL_ROLES = frozenset(
    {Role.COOPERATION_OPERATOR, Role.TKKSD_MEMBER, Role.PLANNING_UNIT, Role.GOVERNOR_OFFICE}
)


@rules.predicate
def document_in_jurisdiction(user: Any, document: Any) -> bool:
    """The document's region lies inside the user's jurisdiction, or the user may view the record it is
    attached to (``Document.restriction``, for one row: every party of an agreement reads its documents)."""
    if document is None:
        return False
    # A confidential record's attachment (a dispute's evidence) is read only through that record.
    if not is_exclusive_owner(document.object_type) and jurisdiction_of(user).covers_region(
        document.region_id
    ):
        return True
    return bool(document.object_type) and (
        Document.objects.restrict(user, "view").filter(pk=document.pk).exists()
    )


@rules.predicate
def is_official(user: Any) -> bool:
    return user.role in OFFICIAL_ROLES


rules.add_perm("documents.view_document", document_in_jurisdiction)
# The object is the region the document belongs to (for a new version: the document's region).
rules.add_perm(
    "documents.upload", is_system_admin | is_ministry | (works_for_region & is_official & ~is_read_only)
)

# What each permission lets a person do, in words: a refusal says it (core.errors.PermissionDenied).
describe_action(
    "documents.view_document",
    "melihat dokumen ini",
    "see this document",
)
describe_action(
    "documents.upload",
    "mengunggah dokumen kerja sama daerah ini",
    "upload this region's cooperation documents",
)
