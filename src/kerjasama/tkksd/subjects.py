"""What a TKKSD decision may be about: a registry of subject kinds, filled by the apps that own them.

A decision names its subject generically (``subject_type`` = ``app_label.model``, ``subject_id``), so this app
depends on none of the apps whose records the TKKSD reviews. Each such app registers its kind here (the
mapping's identifications from this app's ``ready``; the agreements app its proposals from its own ``ready``):
how to find the regions a subject belongs to (the TKKSD of one of them decides), a label for the record, and
the subjects of a region a meeting may decide on (for the decision form).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SubjectKind:
    """One kind of record the TKKSD decides on."""

    type: str
    label_id: str
    label_en: str
    #: ``subject_id`` → (the region codes it belongs to, a label), or ``None`` if there is no such record.
    lookup: Callable[[str], tuple[frozenset[str], str] | None]
    #: A region → the ``(subject_id, label)`` pairs a meeting of its TKKSD may decide on, for the form.
    choices: Callable[[Any], list[tuple[str, str]]]
    #: ``(decision, actor)`` → None: the owning app applies the decision to its record, in the decision's
    #: transaction (a refusal there undoes the decision too). None: the decision is only recorded.
    on_decided: Callable[[Any, Any], None] | None = None


_KINDS: dict[str, SubjectKind] = {}


def register_subject(kind: SubjectKind) -> None:
    """Register (or replace) a subject kind; called from an ``AppConfig.ready``."""
    _KINDS[kind.type] = kind


def subject_kind(subject_type: str) -> SubjectKind | None:
    return _KINDS.get(subject_type)


def subject_kinds() -> list[SubjectKind]:
    return sorted(_KINDS.values(), key=lambda k: k.type)


# --- the mapping's identifications (the TKKSD verifies them: Permendagri 22/2020 Pasal 5; S-banjar2) ---

IDENTIFICATION = "mapping.identification"


def _identification_lookup(subject_id: str) -> tuple[frozenset[str], str] | None:
    from kerjasama.mapping.models import Identification

    if not subject_id.isdigit():
        return None
    item = Identification.objects.select_related("affair").filter(pk=int(subject_id)).first()
    if item is None:
        return None
    return frozenset({item.region_id}), f"Identifikasi urusan {item.affair_id} {item.affair.name_id}"


def _identification_choices(region: Any) -> list[tuple[str, str]]:
    from kerjasama.mapping.choices import IdentificationStatus
    from kerjasama.mapping.models import Identification

    rows = (
        Identification.objects.filter(region=region)
        .exclude(status=IdentificationStatus.DRAFT)
        .select_related("affair")
        .order_by("affair__code")
    )
    return [(str(i.pk), f"{i.affair_id} {i.affair.name_id} ({i.get_status_display()})") for i in rows]


def register_mapping_subjects() -> None:
    register_subject(
        SubjectKind(
            type=IDENTIFICATION,
            label_id="Identifikasi urusan (pemetaan)",
            label_en="Affair identification (mapping)",
            lookup=_identification_lookup,
            choices=_identification_choices,
        )
    )
