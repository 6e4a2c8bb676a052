"""Retention by JRA class: when a letter's retention (years after its agreement ended, by its class) runs out, the
daily run and ``kerjasama privacy-retention`` anonymise (or erase) its personal fields, in its history too,
once, audited with the rule; ``--dry-run`` changes nothing; a letter still in retention is left alone."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.letters.models import Letter
from kerjasama.letters.tests.conftest import register_waste
from kerjasama.privacy.domain.retention import end_of_retention, parse_rules, rule_for
from kerjasama.privacy.models import RetentionEnded
from kerjasama.privacy.retention import ANONYMISED, ERASED, run_retention

SECRET_NIP = "196912311994031055"


def test_it_reads_the_rule_table_and_its_default() -> None:
    rules = parse_rules(["JRA-KS-1=10:anonymise", "JRA-KS-2 = 5 : erase", "*=25:anonymise"])
    assert rule_for(rules, "JRA-KS-2").action == "erase"  # type: ignore[union-attr]
    assert rule_for(rules, "tak dikenal").years == 25  # type: ignore[union-attr]
    assert end_of_retention(date(2024, 2, 29), 5) == date(2029, 2, 28)
    with pytest.raises(KerjasamaError):
        parse_rules(["JRA=ten:anonymise"])


def _letter(agreement: Agreement, retention_class: str) -> Letter:
    party = agreement.parties.select_related("region").get(region_id="34.71")
    from kerjasama.accounts.models import Organisation

    unit = Organisation.objects.get(region_id="34.71", kind="pemda")
    letter = Letter(
        agreement=agreement,
        kind="offer",
        region=party.region,
        issuing_unit=unit,
        status="final",
        subject="Penawaran",
        addressee="Bupati Sleman",
        body="Isi surat",
        signer_name="Drs. Pejabat Contoh",
        signer_nip=SECRET_NIP,
        retention_class=retention_class,
    )
    letter.save()
    return letter


@pytest.mark.django_db
def test_it_ends_processing_when_the_retention_runs_out_once_and_audited(settings: Any) -> None:
    settings.KERJASAMA_PRIVACY_RETENTION_RULES = ["JRA-ERASE=2:erase", "*=10:anonymise"]
    ended = register_waste()
    Agreement.objects.filter(pk=ended.pk).update(ended_on=date(2015, 6, 30))
    old, erased = _letter(ended, "JRA daerah"), _letter(ended, "JRA-ERASE")
    running = register_waste(number="PKS/UJI/002/2027", term_start=date(2027, 1, 1), affairs=["1.03"])
    kept = _letter(running, "JRA daerah")

    dry = io.StringIO()
    call_command("privacy_retention", "--dry-run", "--json", "--today", "2025-07-01", stdout=dry)
    listed = json.loads(dry.getvalue())
    assert listed["ended"] == 2 and {i["letter"] for i in listed["items"]} == {old.pk, erased.pk}
    assert Letter.objects.get(pk=old.pk).signer_nip == SECRET_NIP and not RetentionEnded.objects.exists()

    assert run_retention(date(2025, 6, 29))["ended"] == 1  # the erase rule (2 years) only; 10 years not yet
    result = run_retention(date(2025, 6, 30))
    assert [i["letter"] for i in result["items"]] == [old.pk]
    assert run_retention(date(2026, 1, 1))["ended"] == 0  # idempotent

    old.refresh_from_db()
    erased.refresh_from_db()
    kept.refresh_from_db()
    assert (old.signer_name, old.signer_nip, old.body) == (ANONYMISED, "", "Isi surat")
    assert (erased.signer_nip, erased.body, erased.addressee) == ("", ERASED, ERASED)
    assert kept.signer_nip == SECRET_NIP
    assert not Letter.history.filter(signer_nip=SECRET_NIP, id__in=[old.pk, erased.pk]).exists()
    events = AuditEvent.objects.filter(action="privacy.retention_ended").order_by("pk")
    assert [e.object_id for e in events] == [str(erased.pk), str(old.pk)]
    assert "JRA-ERASE=2:erase" in events[0].reason and events[0].new["action"] == "erase"


@pytest.mark.django_db
def test_the_daily_task_runs_the_retention() -> None:
    from kerjasama.core.tasks import periodic_tasks

    names = {p.name: p.every for p in periodic_tasks()}
    assert names["privacy.retention"] == "daily" and names["privacy.escalate"] == "hourly"
