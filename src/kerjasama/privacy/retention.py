"""The end of processing when a record's retention runs out (UU 27/2022 Pasal 43-44 [U]): each official letter
keeps its retention class (JRA, ``letters.Letter.retention_class``); its record closes when its agreement ends
(``Agreement.ended_on``); ``KERJASAMA_PRIVACY_RETENTION_RULES`` says how many years later and whether its personal
fields are anonymised (the signatory's name and NIP) or the letter's personal content erased (also addressee,
body and copies; the PDF is drawn from these fields, so no file of it remains). The letter's history rows are
treated alike. Idempotent: one ``RetentionEnded`` row per record; audited with the rule applied.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.letters.models import Letter
from kerjasama.privacy import conf
from kerjasama.privacy.domain.retention import end_of_retention, is_due, rule_for
from kerjasama.privacy.models import RetentionEnded

ANONYMISED = "[dianonimkan]"
ERASED = "[dihapus: masa retensi berakhir]"
LETTER_TYPE = "letters.letter"


def _personal_values(action: str) -> dict[str, str]:
    values = {"signer_name": ANONYMISED, "signer_nip": "", "signer_rank": ""}
    if action == "erase":
        values.update({"addressee": ERASED, "body": ERASED, "copies": ""})
    return values


def run_retention(today: date, *, dry_run: bool = False) -> dict[str, Any]:
    """End processing of every letter whose retention ran out by ``today``; ``dry_run`` only lists them."""
    rules = conf.retention_rules()
    done = set(RetentionEnded.objects.filter(object_type=LETTER_TYPE).values_list("object_id", flat=True))
    candidates = (
        Letter.objects.filter(agreement__ended_on__isnull=False).select_related("agreement").order_by("pk")
    )
    due_items: list[dict[str, Any]] = []
    for letter in candidates:
        if str(letter.pk) in done:
            continue
        rule = rule_for(rules, letter.retention_class)
        closed_on = letter.agreement.ended_on
        if rule is None or not is_due(closed_on=closed_on, rule=rule, today=today):
            continue
        assert closed_on is not None
        due_items.append(
            {
                "letter": letter.pk,
                "retention_class": letter.retention_class,
                "rule": rule.describe(),
                "action": rule.action,
                "closed_on": closed_on.isoformat(),
                "retention_ended_on": end_of_retention(closed_on, rule.years).isoformat(),
            }
        )
    if not dry_run:
        for item in due_items:
            _end_letter(item)
    return {"today": today.isoformat(), "dry_run": dry_run, "ended": len(due_items), "items": due_items}


def _end_letter(item: dict[str, Any]) -> None:
    values = _personal_values(item["action"])
    with transaction.atomic():
        _, created = RetentionEnded.objects.get_or_create(
            object_type=LETTER_TYPE,
            object_id=str(item["letter"]),
            defaults={
                "retention_class": item["retention_class"][:200],
                "rule": item["rule"][:260],
                "action": item["action"],
                "closed_on": date.fromisoformat(item["closed_on"]),
            },
        )
        if not created:
            return
        # A finalised letter is frozen for its users; the end of retention is the law's own change, written
        # directly (no new version, no number), its history rows alike so no copy of the data stays.
        Letter.objects.filter(pk=item["letter"]).update(**values)
        Letter.history.filter(id=item["letter"]).update(**values)
        audit.record(
            actor=SYSTEM,
            action=AuditAction.PRIVACY_RETENTION_ENDED,
            object_type=LETTER_TYPE,
            object_id=str(item["letter"]),
            object_label=f"Surat #{item['letter']}",
            new={"action": item["action"], "fields": sorted(values), "rule": item["rule"]},
            reason=(
                f"Masa retensi {item['retention_class']} berakhir {item['retention_ended_on']} "
                f"(aturan {item['rule']}) / retention ended"
            ),
        )
