"""Example monev (DATA CONTOH, never a real evaluation): the first-semester monev of the example Kota
Yogyakarta–Kabupaten Sleman waste agreement by both parties and their TKKSDs, built through the services.

The agreements demo keeps that agreement before its PKS (so the mapping demo still recommends it); while it is
not in force with a started period, the example monev goes to the first example agreement in force of the
register instead (the Kota Semarang–Kabupaten Semarang waste-water agreement). A second run changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import Actor
from kerjasama.core.errors import KerjasamaError
from kerjasama.monev import services
from kerjasama.monev.models import MonevPeriod, SelfAssessment
from kerjasama.monev.subjects import PERIOD_SUBJECT

WASTE_TITLE = "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman"
LABEL = " (data contoh)"


def _candidates() -> list[Agreement]:
    in_force = Agreement.objects.filter(
        is_example=True, stage=AgreementStage.PELAKSANAAN, term_start__lte=timezone.localdate()
    )
    waste = list(in_force.filter(title__startswith=WASTE_TITLE))
    others = list(in_force.exclude(title__startswith=WASTE_TITLE).order_by("pk"))
    return waste + others


def _tkksd_decision(actor: Actor, period: MonevPeriod, region_code: str) -> object | None:
    """The region's TKKSD decides on the period in its example held meeting, if it has one."""
    from kerjasama.tkksd import services as tkksd_services
    from kerjasama.tkksd.choices import MeetingStatus
    from kerjasama.tkksd.models import Meeting

    meeting = (
        Meeting.objects.filter(region_id=region_code, status=MeetingStatus.HELD, is_example=True)
        .order_by("-meeting_date")
        .first()
    )
    if meeting is None:
        return None
    try:
        with transaction.atomic():
            return tkksd_services.record_decision(
                actor=actor,
                meeting=meeting,
                subject_type=PERIOD_SUBJECT,
                subject_id=str(period.pk),
                outcome="approve",
                is_example=True,
            )
    except KerjasamaError:
        return None


def load_monev_demo(*, actor: Actor) -> int:
    """Create the example monev once; return how many entries were made (0 on a second run)."""
    if SelfAssessment.objects.filter(is_example=True).exists():
        return 0
    for agreement in _candidates():
        services.generate_periods(actor=actor, agreement=agreement)
        period = MonevPeriod.objects.filter(agreement=agreement).order_by("start").first()
        if period is None:
            continue
        made = 0
        with transaction.atomic():
            for i, party in enumerate(agreement.parties.select_related("region").order_by("position", "pk")):
                services.save_self_assessment(
                    actor=actor,
                    period=period,
                    party=party,
                    progress_percent="45,5" if i == 0 else "40",
                    outputs="Pengangkutan sampah terjadwal dua kali sepekan (contoh)."
                    if i == 0
                    else "Penerimaan sampah di TPA sesuai jadwal (contoh).",
                    budget_realised="1.250.000,50" if i == 0 else "980000",
                    problems="Keterlambatan armada pada musim hujan (contoh).",
                    follow_up="Penambahan jadwal angkut cadangan (contoh).",
                    submit=True,
                    is_example=True,
                )
                made += 1
                if party.region_id:
                    decision = _tkksd_decision(actor, period, str(party.region_id))
                    services.record_tkksd_evaluation(
                        actor=actor,
                        period=period,
                        party=party,
                        rating="baik" if i == 0 else "cukup",
                        notes="Pelaksanaan sesuai rencana kerja (contoh)." + ("" if decision else LABEL),
                        decision=decision,
                        meeting_ref="" if decision else "Rapat TKKSD (data contoh)",
                        is_example=True,
                    )
                    made += 1
        return made
    return 0
