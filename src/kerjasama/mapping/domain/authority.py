"""Authority per affair for the mapping engine: who may cooperate on what (R11) and cross-border scope notes.

The decision itself is the rulebook's (``kerjasama.rulebook.authority``): the plan checker's rule R11 and
the recommendations decide through the same ``judge_levels`` and ``cross_border_note``, so the checker and
the recommendation page never disagree (a test holds them equal for every pairing and affair). This module
only caches the verdict once per affair and level pair, never per candidate, and shapes it for a
recommendation:

- ``held``: no remark;
- ``shared`` (one level holds the affair, the other does not): kept, with the rulebook's warning;
- ``outside`` (neither party's level holds it, e.g. ESDM between two kab/kota): excluded, the engine never
  recommends it (the checker reports an R11 error);
- ``unknown`` (the matrix does not cover the affair): kept, with the rulebook's warning.

Two kab/kota on an affair with a cross-kab/kota sub-affair get the rulebook's cross-border note (the province
by name; across provinces the centre), UU 23/2014 Pasal 13(3)-(4) and Lampiran.
"""

from __future__ import annotations

from dataclasses import dataclass

from kerjasama.mapping.domain.results import AuthorityNote
from kerjasama.rulebook import authority as rulebook_authority
from kerjasama.rulebook.authority import AUTHORITY_BASIS, CROSS_BORDER_RE
from kerjasama.rulebook.facts import Level
from kerjasama.rulebook.reference import ReferenceData

Finding = dict[str, str]

R11_BASIS = AUTHORITY_BASIS
R9_BASIS = "UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2) dan Penjelasan"

#: The R9 reminder on a ``wajib`` recommendation when neither party recorded an externality for the affair.
R9_REMINDER: Finding = {
    "rule": "R9",
    "severity": "info",
    "message_id": "Kerja sama wajib perlu mencatat justifikasi: eksternalitas lintas Daerah dan/atau penyediaan "
    "layanan publik yang lebih efisien jika dikelola bersama; belum ada pihak yang menandai eksternalitas.",
    "message_en": "A mandatory cooperation must record its justification: a cross-regional externality and/or "
    "more efficient joint public service; neither party has flagged an externality yet.",
    "basis": R9_BASIS,
}


def _finding(rule: str, severity: str, message_id: str, message_en: str, basis: str) -> Finding:
    return {
        "rule": rule,
        "severity": severity,
        "message_id": message_id,
        "message_en": message_en,
        "basis": basis,
    }


@dataclass(frozen=True, slots=True)
class AffairAuthorityPlan:
    """The R11 decision for every ordered level pair of one affair, and its cross-border sub-affairs.

    ``decisions[(region_level, partner_level)]`` is None when the pair is excluded, else the findings to attach.
    """

    affair_code: str
    decisions: dict[tuple[Level, Level], tuple[Finding, ...] | None]
    cross_border_sub_affairs: tuple[str, ...]


def plan_affair(ref: ReferenceData, affair_code: str) -> AffairAuthorityPlan:
    """The rulebook's verdict (``judge_levels``) for each level pair, at affair level."""
    scope = rulebook_authority.object_scope(ref, affair_code)
    levels: tuple[Level, Level] = ("provinsi", "kabkota")
    decisions: dict[tuple[Level, Level], tuple[Finding, ...] | None] = {}
    for la in levels:
        for lb in levels:
            judgement = rulebook_authority.judge_levels(scope, {la, lb})
            if judgement.verdict == "outside":
                decisions[(la, lb)] = None
            elif judgement.severity is None:
                decisions[(la, lb)] = ()
            else:
                decisions[(la, lb)] = (
                    _finding(
                        "R11", judgement.severity, judgement.message_id, judgement.message_en, R11_BASIS
                    ),
                )
    cross = tuple(r.name for r in scope.cross_border_rows())
    return AffairAuthorityPlan(affair_code, decisions, cross)


def cross_border_note(
    ref: ReferenceData, affair_code: str, sub_affairs: tuple[str, ...], province_a: str, province_b: str
) -> tuple[AuthorityNote, Finding] | None:
    """The note for two kab/kota (of ``province_a`` and ``province_b``) cooperating on the affair, as the
    rulebook words it; ``sub_affairs`` (the affair's cross-border sub-affairs) is kept for the callers."""
    scope = rulebook_authority.object_scope(ref, affair_code)
    note = rulebook_authority.cross_border_note(ref, scope, (province_a, province_b), ())
    if note is None:
        return None
    shaped = AuthorityNote(note.level, note.sub_affairs, note.text_id, note.text_en)
    return shaped, _finding("R11", note.severity, note.text_id, note.text_en, R11_BASIS)


__all__ = [
    "CROSS_BORDER_RE",
    "R9_REMINDER",
    "R11_BASIS",
    "AffairAuthorityPlan",
    "cross_border_note",
    "plan_affair",
]
