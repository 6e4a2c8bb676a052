"""Example obligations (DATA CONTOH, never a real obligation), built through the services so each carries its
history and audit trail as a real one would.

Issue 11 names the Kota Yogyakarta-Kabupaten Sleman waste cooperation in force, with a monthly tipping fee
owed by Kota Yogyakarta. The agreements demo deliberately keeps that cooperation in its KB drafting (so the
mapping demo still recommends it; ``agreements.demo``), so this loader takes it when it is in force and
otherwise the example agreement in force of the register (Kota Semarang-Kabupaten Semarang, waste water),
with the fee owed by its first party. Some occurrences are fulfilled and confirmed by the other party, and the
latest past one is left late (marked and escalated by ``escalate_late``). A second run changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kerjasama.agreements.choices import AgreementStage, AgreementType
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core.actors import Actor
from kerjasama.obligations import services
from kerjasama.obligations.domain.recurrence import add_months
from kerjasama.obligations.models import Obligation

WASTE_TITLE = "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman"
LABEL = " (data contoh)"
#: How many past months of the example are fulfilled and confirmed before the late one.
FULFILLED_MONTHS = 3


def demo_agreement() -> Agreement | None:
    """The example agreement in force the demo obligation belongs to (see the module docstring)."""
    in_force = Agreement.objects.filter(is_example=True, stage=AgreementStage.PELAKSANAAN)
    return (
        in_force.filter(title__startswith=WASTE_TITLE).order_by("pk").first()
        or in_force.filter(type=AgreementType.KSDD).order_by("pk").first()
    )


def _obligated(agreement: Agreement) -> AgreementParty:
    parties = list(agreement.parties.order_by("position", "pk"))
    return next((p for p in parties if p.region_id == "34.71"), parties[0])


@transaction.atomic
def load_obligations_demo(*, actor: Actor, today: date | None = None) -> int:
    """Create the example obligation once; return how many obligations were made (0 on a second run)."""
    if Obligation.objects.filter(is_example=True).exists():
        return 0
    agreement = demo_agreement()
    if agreement is None or agreement.parties.count() < 2:
        return 0
    today = today or timezone.localdate()
    # Due on the 10th of each month; the latest 10th before today is the late one.
    latest = today.replace(day=10) if today.day > 10 else add_months(today.replace(day=10), -1)
    first = add_months(latest, -FULFILLED_MONTHS)
    party = _obligated(agreement)
    waste = agreement.title.startswith(WASTE_TITLE)
    obligation = services.add_obligation(
        actor=actor,
        agreement=agreement,
        party=party,
        title=("Tipping fee pengolahan sampah di TPA" if waste else "Kontribusi biaya pengolahan air limbah")
        + " bulanan"
        + LABEL,
        kind="payment",
        recurrence="monthly",
        first_due=first,
        amount=Decimal("125000000.00"),
        owner_unit="Dinas Lingkungan Hidup (contoh)",
        description="Pembayaran bulanan per tonase yang diterima (DATA CONTOH, bukan kewajiban nyata).",
        source_clause="Pasal 5 ayat (2) PKS: hak dan kewajiban para pihak (contoh).",
        is_example=True,
        today=today,
    )
    dues = list(obligation.dues.order_by("due_date"))
    for due in dues[:FULFILLED_MONTHS]:
        services.record_fulfilment(
            actor=actor, due=due, fulfilled_on=due.due_date, note="Transfer ke kas daerah mitra (contoh)."
        )
        services.confirm_fulfilment(actor=actor, due=due, note="Diterima penuh (contoh).")
    services.escalate_late(today, actor=actor)
    return 1
