"""Reads of the signing app. The public verification page reads by token or SHA-256 only (no login), and shows
only the ``PublicFacts`` a signed document carries."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kerjasama.signing.models import SignedDocument, SigningAttempt


def signed_for(object_type: str, object_id: str) -> SignedDocument | None:
    """The signed PDF of one document (the caller has already checked that the user sees the document)."""
    return SignedDocument.objects.filter(object_type=object_type, object_id=str(object_id)).first()


def attempts_for(user: Any, object_type: str, object_id: str) -> QuerySet[SigningAttempt]:
    return SigningAttempt.objects.restrict(user, "view").filter(
        object_type=object_type, object_id=str(object_id)
    )


def by_token(token: str) -> SignedDocument | None:
    return SignedDocument.objects.filter(token=token).first() if token else None


def by_sha256(digest: str) -> SignedDocument | None:
    return SignedDocument.objects.filter(sha256=digest).first()
