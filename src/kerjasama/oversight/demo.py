"""Example publication consent (DATA CONTOH): every party of each example agreement in force consents to its
publication, so the public register of a demo installation is not empty; the first one's value is withheld
under UU 14/2008 Pasal 17 huruf b [U] to show a withheld part. A second run changes nothing."""

from __future__ import annotations

from django.utils import timezone

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import Actor
from kerjasama.oversight.choices import ConsentDecision, WithheldItem, WithholdingReason
from kerjasama.oversight.models import PublicationConsent
from kerjasama.oversight.services import record_publication_consent


def load_publication_demo(*, actor: Actor) -> int:
    """Record the example consents; returns how many were recorded (0 on a second run)."""
    in_force = (
        Agreement.objects.filter(
            is_example=True, stage=AgreementStage.PELAKSANAAN, term_start__lte=timezone.localdate()
        )
        .exclude(pk__in=PublicationConsent.objects.values("agreement"))
        .prefetch_related("parties")
        .order_by("pk")
    )
    made = 0
    for index, agreement in enumerate(in_force):
        withheld: dict[str, str] = {WithheldItem.VALUE: WithholdingReason.BUSINESS} if index == 0 else {}
        for party in agreement.parties.all():
            record_publication_consent(
                actor=actor,
                agreement=agreement,
                party=party,
                decision=ConsentDecision.CONSENT,
                withheld=withheld,
            )
            made += 1
    return made
