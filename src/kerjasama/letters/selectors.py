"""Reads of the letters app, always scoped (house rule 4)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.errors import NotFound
from kerjasama.letters.models import Letter


def agreement_letters(user: Any, agreement: Agreement) -> QuerySet[Letter]:
    """The agreement's letters the user may see (the issuing region's jurisdiction), newest first."""
    return (
        Letter.objects.restrict(user, "view")
        .filter(agreement=agreement)
        .select_related("region", "issuing_unit", "supersedes")
        .order_by("-created_at", "-id")
    )


def visible_letter(user: Any, agreement_id: int, letter_id: int) -> Letter:
    """One letter of a visible agreement (``letters.not_found`` otherwise; not there and not visible look alike)."""
    agreement = visible_agreement(user, agreement_id)
    found = agreement_letters(user, agreement).filter(pk=letter_id).first()
    if found is None:
        raise NotFound("letters.not_found", "Surat tidak ditemukan.", "The letter was not found.")
    found.agreement = agreement
    return found
