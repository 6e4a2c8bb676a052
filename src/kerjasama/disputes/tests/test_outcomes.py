"""A dispute's outcome feeds its agreement (issue 12 item 4): addendum, obligation, termination through the
lifecycle and obligations services; who may apply (a party for a settlement, the resolver for a decision);
links both ways shown only to whoever may see the case (example data: the Yogyakarta-Sleman waste KSDD)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.disputes import outcomes, services
from kerjasama.disputes.models import Dispute, DisputeOutcome
from kerjasama.disputes.tests.conftest import TODAY, register
from kerjasama.lifecycle.models import Amendment, SettlementItem
from kerjasama.lifecycle.services import update_settlement_item
from kerjasama.lifecycle.tests.conftest import in_force
from kerjasama.obligations.models import Obligation

pytestmark = pytest.mark.django_db

PERSONAS = (
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
)


@pytest.fixture
def agreement(persona: Any) -> Agreement:
    return in_force(persona("kabkota"), term_end=date(2030, 12, 31))


def _case(agreement: Agreement | None, stage: str) -> Dispute:
    case = register(agreement=agreement)
    services.screen_dispute(actor=SYSTEM, dispute=case, outcome="diterima", today=TODAY)
    if stage == "damai":
        services.settle(actor=SYSTEM, dispute=Dispute.objects.get(pk=case.pk), terms="Kesepakatan damai")
    else:  # the decision stages are the next slice's services: set directly for these tests
        Dispute.objects.filter(pk=case.pk).update(stage=stage)
    return Dispute.objects.get(pk=case.pk)


def _addendum(actor: Any, case: Dispute, **overrides: Any) -> DisputeOutcome:
    values: dict[str, Any] = {
        "actor": actor,
        "dispute": case,
        "kind": "adendum",
        "title": "Adendum tarif tipping fee",
        "signed_on": date(2026, 6, 10),
        "effective_from": date(2026, 7, 1),
        "changes": {"scope": "Pengangkutan, pemrosesan akhir dan peninjauan tarif tahunan"},
        "note": "Kesepakatan damai butir 1",
    }
    values.update(overrides)
    return outcomes.apply_outcome(**values)


def _obligation(actor: Any, case: Dispute) -> DisputeOutcome:
    party = case.agreement.parties.get(region_id="34.04")  # type: ignore[union-attr]
    return outcomes.apply_outcome(
        actor=actor,
        dispute=case,
        kind="kewajiban",
        party=party,
        title="Pelunasan tunggakan tipping fee",
        obligation_kind="payment",
        recurrence="once",
        first_due=date(2026, 8, 31),
        amount="900000000",
    )


def test_a_settlement_amends_the_agreement_through_the_lifecycle(agreement: Agreement, persona: Any) -> None:
    case = _case(agreement, "damai")
    row = _addendum(persona("kabkota"), case)
    amendment = Amendment.objects.get(pk=row.amendment_id or 0)
    assert amendment.agreement_id == agreement.pk and amendment.sequence == 1
    assert amendment.recorded_by == persona("kabkota")
    assert case.number in amendment.reason
    assert row.stage == "damai" and row.applied_by == persona("kabkota")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"lifecycle.amendment_recorded", "dispute.outcome_applied"} <= actions


def test_a_decision_orders_an_obligation_by_the_resolver(agreement: Agreement, persona: Any) -> None:
    case = _case(agreement, "keputusan")
    row = _obligation(persona("province"), case)
    obligation = Obligation.objects.get(pk=row.obligation_id or 0)
    assert obligation.party.region_id == "34.04" and obligation.agreement_id == agreement.pk
    assert case.number in obligation.source_clause
    assert obligation.dues.exists()
    assert row.applied_by == persona("province")


def test_a_termination_opens_the_settlement_and_ends_once_it_is_complete(
    agreement: Agreement, persona: Any
) -> None:
    yogya = persona("kabkota")
    case = _case(agreement, "damai")
    first = outcomes.apply_outcome(
        actor=yogya, dispute=case, kind="pengakhiran", ground="kesepakatan_para_pihak", document_number="X/1"
    )
    assert first.settlement is not None
    assert first.settlement.ground == "kesepakatan_para_pihak"
    assert Agreement.objects.get(pk=agreement.pk).stage == AgreementStage.PELAKSANAAN  # checklist pending
    for item in SettlementItem.objects.filter(settlement=first.settlement):
        update_settlement_item(actor=yogya, item=item, status="done", note="Beres")
    second = outcomes.apply_outcome(
        actor=yogya, dispute=case, kind="pengakhiran", ground="kesepakatan_para_pihak", document_number="X/1"
    )
    assert second.settlement_id == first.settlement_id
    assert Agreement.objects.get(pk=agreement.pk).stage == AgreementStage.BERAKHIR


def test_the_lifecycle_rules_still_hold_for_a_party(agreement: Agreement, persona: Any) -> None:
    """Only the proposing side ends a cooperation (``lifecycle.terminate``): Sleman, the other party, may not."""
    sleman = persona("neighbour")
    case = _case(agreement, "damai")
    outcomes.apply_outcome(actor=sleman, dispute=case, kind="pengakhiran", ground="kesepakatan_para_pihak")
    for item in SettlementItem.objects.filter(settlement__agreement=agreement):
        update_settlement_item(actor=sleman, item=item, status="done", note="Beres")
    with pytest.raises(PermissionDenied):
        outcomes.apply_outcome(
            actor=sleman,
            dispute=case,
            kind="pengakhiran",
            ground="kesepakatan_para_pihak",
            document_number="X",
        )
    with pytest.raises(KerjasamaError) as bad:
        _addendum(sleman, case, changes={"term_end": "2040-01-01"})
    assert bad.value.code == "lifecycle.terms_invalid"
    assert not DisputeOutcome.objects.filter(kind="adendum").exists()


@pytest.mark.parametrize("stage", ["didaftarkan", "musyawarah", "fasilitasi", "dicabut", "bukan_wewenang"])
def test_no_outcome_before_a_settlement_or_a_decision(agreement: Agreement, persona: Any, stage: str) -> None:
    case = _case(agreement, "keputusan")
    Dispute.objects.filter(pk=case.pk).update(stage=stage)
    case.refresh_from_db()
    assert not outcomes.outcome_allowed(case)
    with pytest.raises(Conflict) as refused:
        _addendum(persona("province"), case)
    assert refused.value.code == "disputes.outcome_not_allowed"


@pytest.mark.parametrize("stage", ["damai", "keputusan", "pelaksanaan", "selesai"])
def test_outcome_allowed_stages(agreement: Agreement, stage: str) -> None:
    assert outcomes.outcome_allowed(_case(agreement, stage))


def test_a_case_without_an_agreement_has_no_outcome(db: Any, persona: Any) -> None:
    case = _case(None, "keputusan")
    assert not outcomes.outcome_allowed(case)
    with pytest.raises(KerjasamaError) as refused:
        _addendum(persona("province"), case)
    assert refused.value.code == "disputes.no_agreement"


#: Who may apply: a party for a settlement (the lifecycle lets a party's official amend); the resolver (the
#: governor's office of DIY, the ministry) for a decision; the admin always.
SETTLEMENT_MAY = {"kabkota", "neighbour", "admin"}
DECISION_MAY = {"province", "ministry", "admin"}


@pytest.mark.parametrize("stage,allowed", [("damai", SETTLEMENT_MAY), ("keputusan", DECISION_MAY)])
def test_who_applies_an_outcome(agreement: Agreement, persona: Any, stage: str, allowed: set[str]) -> None:
    case = _case(agreement, stage)
    for name in PERSONAS:
        user = persona(name)
        assert outcomes.may_apply(user, case) == (name in allowed), name
        if name in allowed:
            continue
        with pytest.raises((PermissionDenied, KerjasamaError)) as refused:
            _addendum(user, case)
        assert refused.value.code in ("permission_denied", "disputes.not_found") or isinstance(
            refused.value, PermissionDenied
        )
    assert not DisputeOutcome.objects.exists()
    row = _addendum(persona(sorted(allowed - {"admin"})[0]), case)
    assert row.amendment_id is not None


def test_related_disputes_only_for_those_who_see_the_case(agreement: Agreement, persona: Any) -> None:
    """The governor's office of DIY sees the agreement of two of its kab/kota; once the case goes to the
    Minister (the governor does not act, Pasal 370(3)) it must not learn that the case exists."""
    case = register(agreement=agreement)
    services.screen_dispute(
        actor=SYSTEM,
        dispute=case,
        outcome="diterima",
        resolver="menteri",
        reason="Gubernur tidak menyelesaikan (Pasal 370(3))",
        today=TODAY,
    )
    province = persona("province")
    from kerjasama.agreements.selectors import visible_agreement

    assert visible_agreement(province, agreement.pk).pk == agreement.pk
    assert outcomes.related_disputes(province, agreement) == []
    for name in ("kabkota", "neighbour", "ministry"):
        assert [d.pk for d in outcomes.related_disputes(persona(name), agreement)] == [case.pk], name


def test_related_disputes_agree_with_sees_dispute_for_every_persona(
    agreement: Agreement, persona: Any
) -> None:
    """The agreement page's list and the single-case rule give the same answer (``CaseRestriction`` vs
    ``rules.sees_dispute``), over a case per resolver: the Governor of DIY and the Minister."""
    from kerjasama.disputes.rules import sees_dispute

    governor = register(agreement=agreement)
    minister = register(agreement=agreement, title="Ke Menteri")
    services.screen_dispute(
        actor=SYSTEM,
        dispute=minister,
        outcome="diterima",
        resolver="menteri",
        reason="Pasal 370(3)",
        today=TODAY,
    )
    for name in PERSONAS:
        user = persona(name)
        listed = {d.pk for d in outcomes.related_disputes(user, agreement)}
        expected = {
            d.pk for d in Dispute.objects.filter(pk__in=[governor.pk, minister.pk]) if sees_dispute(user, d)
        }
        assert listed == expected, name
