"""The example agreements (DATA CONTOH): every stage, labelled, built through the services, loaded once."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.choices import AgreementStage, AgreementType
from kerjasama.agreements.demo import LABEL, load_agreements_demo
from kerjasama.agreements.models import Agreement, AgreementDocument
from kerjasama.agreements.selectors import agreements_in_force
from kerjasama.core.actors import SYSTEM
from kerjasama.documents.models import Document

pytestmark = pytest.mark.django_db


def test_it_loads_labelled_examples_in_every_stage_once(db: Any) -> None:
    made = load_agreements_demo(actor=SYSTEM)
    rows = list(Agreement.objects.prefetch_related("parties", "affairs"))
    assert made == len(rows) >= 10
    assert all(a.is_example and a.title.endswith(LABEL) for a in rows)
    assert {a.stage for a in rows} == set(AgreementStage.values)
    assert {a.type for a in rows} == set(AgreementType.values)
    waste = next(
        a
        for a in rows
        if {p.region_id for p in a.parties.all()} == {"34.71", "34.04"}
        and [x.code for x in a.affairs.all()] == ["2.11"]
    )
    assert (
        waste.type == "KSDD" and waste.stage == AgreementStage.PENYUSUNAN_KB and waste.dprd_approval_required
    )
    ksdpk = next(a for a in rows if a.type == "KSDPK")
    study = AgreementDocument.objects.get(agreement=ksdpk, kind="studi_kelayakan")
    assert study.document_id is not None
    assert Document.objects.filter(object_id=str(ksdpk.pk), pk=study.document_id).exists()
    synergy = next(a for a in rows if a.type == "SINERGI")
    assert synergy.stage == AgreementStage.PENYUSUNAN_NK
    assert {a.origin_kind for a in rows if a.stage == AgreementStage.PELAKSANAAN} == {"manual"}
    # the example path is not in force: the mapping demo still recommends Yogyakarta-Sleman on waste
    assert all(e.parties != frozenset({"34.71", "34.04"}) for e in agreements_in_force())
    assert load_agreements_demo(actor=SYSTEM) == 0
    assert Agreement.objects.count() == len(rows)


def test_the_demo_loader_recomputes_its_parties_and_leaves_no_refresh_marks(db: Any) -> None:
    # Through the app's loader, as `kerjasama setup` runs it: the example agreements in force or ended would
    # mark their parties for the refresh task; the loader collects and recomputes them itself instead.
    from django.apps import apps

    from kerjasama.agreements.apps import AgreementsConfig
    from kerjasama.mapping.models import StaleRegion

    config = apps.get_app_config("agreements")
    assert isinstance(config, AgreementsConfig)
    message = config.load_demo_data(actor=SYSTEM)
    assert message and "DATA CONTOH" in message
    assert not StaleRegion.objects.exists()
