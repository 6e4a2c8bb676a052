"""Reads of affairs and the authority matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from kerjasama.affairs.choices import GovernmentLevel
from kerjasama.affairs.models import Affair, AuthorityEntry, level_status
from kerjasama.rulebook.facts import Confidence, weakest_confidence


@dataclass(frozen=True)
class AffairAuthority:
    affair: Affair
    entries: list[AuthorityEntry]

    @property
    def covered(self) -> bool:
        return bool(self.entries)

    def status(self, level: str) -> str:
        return level_status(self.entries, level)

    @property
    def statuses(self) -> dict[str, str]:
        return {level: self.status(level) for level in GovernmentLevel.values}

    @property
    def not_covered_reason(self) -> str:
        """Why the matrix does not cover the affair yet (Indonesian), shown where "not covered" is shown."""
        return "" if self.covered else self.affair.not_covered_id

    @property
    def weakest_confidence(self) -> Confidence | None:
        return weakest_confidence(e.confidence for e in self.entries)


def affairs_with_authority(user: Any, *, category: str = "", query: str = "") -> list[AffairAuthority]:
    """Every affair with its matrix rows (2 queries)."""
    qs = Affair.objects.restrict(user, "view").prefetch_related(
        Prefetch("authority_entries", queryset=AuthorityEntry.objects.order_by("position", "id"))
    )
    if category:
        qs = qs.filter(category=category)
    if query.strip():
        qs = qs.filter(name_id__icontains=query.strip()) | qs.filter(code__startswith=query.strip())
    return [AffairAuthority(a, list(a.authority_entries.all())) for a in qs.order_by("code")]


def affair_with_authority(user: Any, code: str) -> AffairAuthority | None:
    affair = Affair.objects.restrict(user, "view").filter(code=code).first()
    if affair is None:
        return None
    return AffairAuthority(affair, list(affair.authority_entries.order_by("position", "id")))


def sub_affairs(user: Any, *, affair: str = "") -> list[AuthorityEntry]:
    """Every sub-affair of the authority matrix with its stable identifier, in matrix order (1 query)."""
    qs = AuthorityEntry.objects.filter(affair__in=Affair.objects.restrict(user, "view")).select_related(
        "affair"
    )
    if affair:
        qs = qs.filter(affair_id=affair)
    return list(qs.order_by("affair_id", "position", "id"))


def sub_affair_out(entry: AuthorityEntry) -> dict[str, Any]:
    """The one shape of a sub-affair for the API and ``kerjasama affairs --sub --json``."""
    return {
        "id": entry.code,
        "affair": entry.affair_id,
        "affair_name": entry.affair.name_id,
        "name": entry.sub_affair,
        # what each level holds (a paraphrase of the Lampiran cell); "" = nothing at that level
        "pusat": entry.pusat,
        "provinsi": entry.provinsi,
        "kabkota": entry.kabkota,
        "holders": [level for level in GovernmentLevel.values if entry.text_for(level).strip()],
        "confidence": entry.confidence,
        "source": entry.source,
    }
