"""Versions of reference data, bumped explicitly by the services that change it (issue 7).

The rulebook's reference cache (``kerjasama.compliance.selectors``) used to guess whether the national data
had changed by looking for audit events whose action started with ``regions.`` or ``affairs.``. Now each
service that changes that data calls :func:`bump` in its own transaction, and the cache compares
:func:`current`. Nothing depends on how actions are named.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kerjasama.core.models import ReferenceVersion

#: The national reference the rulebook reads: regions, effective adjacency (with overrides), affairs and
#: the authority matrix, functional areas.
NATIONAL = "national"


def bump(name: str = NATIONAL) -> None:
    """Record that the reference data ``name`` changed; call it inside the transaction making the change.

    A conditional ``UPDATE ... SET version = version + 1`` is atomic on SQLite and PostgreSQL (on PostgreSQL
    it also holds the counter row until the transaction ends, so two changes never read the same version).
    """
    now = timezone.now()
    if ReferenceVersion.objects.filter(name=name).update(version=F("version") + 1, changed_at=now):
        return
    try:
        with transaction.atomic():
            ReferenceVersion.objects.create(name=name, version=1, changed_at=now)
    except IntegrityError:  # created by a concurrent first bump: count ours on top of it
        ReferenceVersion.objects.filter(name=name).update(version=F("version") + 1, changed_at=now)


def current(name: str = NATIONAL) -> tuple[int, str]:
    """The version of ``name`` as ``(counter, time of the last change)``; ``(0, "")`` before the first bump.

    The time is part of the key: if a change that bumped the counter is rolled back and another one bumps
    it again, the counter repeats but the time does not.
    """
    row = ReferenceVersion.objects.filter(name=name).values_list("version", "changed_at").first()
    if row is None:
        return (0, "")
    version, changed_at = row
    return (int(version), changed_at.isoformat() if changed_at else "")
