"""Reads of the letters app, always scoped (house rule 4)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kerjasama.accounts.policy import can
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


def region_letters(user: Any, region_code: str) -> QuerySet[Letter]:
    """Every letter the region issued that the user may see (``LetterRestriction``: the issuing region's
    jurisdiction, a dispute letter only for who sees the case), newest first; agreement letters only while
    their agreement is visible."""
    visible = Agreement.objects.restrict(user, "view").values("pk")
    return (
        Letter.objects.restrict(user, "view")
        .filter(region_id=region_code)
        .filter(Q(agreement__isnull=True) | Q(agreement__in=visible))
        .select_related("region", "agreement", "tkksd_meeting", "periodic_report", "dispute")
        .order_by("-created_at", "-id")
    )


def visible_letter_by_id(user: Any, letter_id: int) -> Letter:
    """One letter the user may see, whatever its subject (``letters.not_found`` otherwise)."""
    found = (
        Letter.objects.restrict(user, "view")
        .select_related("region", "issuing_unit", "agreement", "tkksd_meeting", "periodic_report", "dispute")
        .filter(pk=letter_id)
        .first()
    )
    if found is None or not can(user, "letters.view", found):
        raise NotFound("letters.not_found", "Surat tidak ditemukan.", "The letter was not found.")
    return found
