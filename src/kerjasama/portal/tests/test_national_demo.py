"""``kerjasama demo --scale small``: the national example data generator on a small scale (issue 14 item 1).

Every stage of every type's stage table and every dispute stage is present, every agreement passes the
rulebook's proposal checks and its DPRD step follows PP 28/2018 Pasal 6(2), everything is marked as example
data, the same seed gives the same rows (digest), and a second run or an installation with real agreements
is refused.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from kerjasama.accounts.models import User
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.validation import check_plan, plan_of
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.models import Dispute
from kerjasama.documents.models import Document
from kerjasama.documents.services import document_storage
from kerjasama.obligations.models import ObligationDue
from kerjasama.portal.national_demo import digest, generate
from kerjasama.portal.national_demo.common import LABEL, NUMBER_PREFIX, USER_PREFIX
from kerjasama.reports.models import PeriodicReport
from kerjasama.rulebook.rules.procedure import requires_dprd_approval
from kerjasama.rulebook.stages import table_for
from kerjasama.rulebook.subjects import ThirdParty

pytestmark = pytest.mark.django_db

SEED = 7


@pytest.fixture(autouse=True)
def national_demo_documents(tmp_path: Path, settings: Any) -> Path:
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    return location


def ours() -> Any:
    return Agreement.objects.filter(origin_ref__startswith=NUMBER_PREFIX + "/")


def _plan_of(a: Agreement) -> Any:
    parties = list(a.parties.all())
    regions = [p.region_id for p in parties if p.region_id]
    orgs = [p.organisation for p in parties if p.organisation_id]
    third = ThirdParty(orgs[0].kind, orgs[0].name) if a.type == "KSDPK" else None
    return plan_of(
        a.type,
        regions,
        a.category,
        third,
        list(a.affairs.all()),
        a.sub_affairs,
        a.justification_externality,
        a.justification_efficiency,
        a.burdens_public,
        a.apbd_budgeted,
    )


def test_it_generates_every_stage_valid_and_labelled_and_the_same_rows_from_the_same_seed() -> None:
    with transaction.atomic():
        first = generate(scale="small", years=10, seed=SEED)
        transaction.set_rollback(True)
    assert not ours().exists()
    second = generate(scale="small", years=10, seed=SEED)
    assert second["digest"] == first["digest"] == digest()
    assert second["counts"] == first["counts"]

    agreements = list(ours().prefetch_related("parties__organisation", "affairs"))
    assert len(agreements) == 200 == second["counts"]["agreements"]
    stages = Counter((a.type, a.stage) for a in agreements)
    for kind in ("KSDD", "KSDPK", "SINERGI"):
        table = table_for(kind)
        expected = {s.id for s in table.stages}
        if kind == "KSDPK":
            expected.discard(AgreementStage.MENUNGGU_DPRD)
        assert {s for k, s in stages if k == kind} == expected, (kind, stages)
    for a in agreements:
        assert a.is_example and a.title.endswith(LABEL)
        assert a.stage in {s.id for s in table_for(a.type).stages}
        plan = _plan_of(a)
        check_plan(plan)  # the rulebook's proposal checks (R1, R3, R4, R6-R11) raise on an error finding
        assert a.dprd_approval_required == requires_dprd_approval(plan)
        if a.stage == AgreementStage.MENUNGGU_DPRD:
            assert a.dprd_approval_required
        parties = list(a.parties.all())
        assert parties[0].region_id == a.lead_region_id and len(parties) == 2
        if a.stage in (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR):
            assert a.number.startswith(NUMBER_PREFIX) and a.term_start and a.term_end
            assert all(p.pks_signed_at or p.nk_signed_at for p in parties)
        if a.stage == AgreementStage.BERAKHIR:
            assert a.ended_on and a.termination_ground
        if a.stage == AgreementStage.PELAKSANAAN:
            assert a.term_end is not None and a.term_end.isoformat() >= second["base_date"]

    # borders: most KSDD pairs of kab/kota are neighbours (adjacency data)
    from kerjasama.regions.models import Adjacency

    adjacent = {tuple(p) for p in Adjacency.objects.values_list("region_a_id", "region_b_id")}
    kabkota_pairs = [
        tuple(sorted(p.region_id for p in a.parties.all()))
        for a in agreements
        if a.type == "KSDD" and all(p.region_id and "." in p.region_id for p in a.parties.all())
    ]
    assert sum(pair in adjacent for pair in kabkota_pairs) >= 0.8 * len(kabkota_pairs)

    disputes = list(Dispute.objects.filter(agreement__in=ours()))
    assert {d.stage for d in disputes} == set(DisputeStage.values)
    assert all(d.title.endswith(LABEL) and d.agreement.is_example for d in disputes)

    users = User.objects.filter(username__startswith=USER_PREFIX)
    assert users.count() == second["counts"]["users"] and not users.filter(is_demo=False).exists()
    roles = set(users.values_list("role", flat=True))
    assert {"operator_kerja_sama", "anggota_tkksd", "gubernur", "kementerian", "pihak_ketiga"} <= roles

    # documents: stored files whose SHA-256 is the blob's, attached to the agreements
    storage = document_storage()
    docs = list(Document.objects.filter(title__contains=NUMBER_PREFIX).prefetch_related("versions__blob"))
    assert docs and len(docs) == second["counts"]["documents"]
    import hashlib

    for doc in docs[:20]:
        blob = doc.versions.get().blob
        with storage.open(blob.storage_name, "rb") as handle:
            body = handle.read()
        assert body.startswith(b"%PDF") and hashlib.sha256(body).hexdigest() == blob.sha256
    assert ObligationDue.objects.filter(obligation__agreement__in=ours()).exists()
    assert PeriodicReport.objects.filter(number__endswith="/CONTOH").exists()
    assert (
        AuditEvent.objects.filter(object_type="agreements.agreement", action="agreement.proposed").count()
        >= 200
    )

    with pytest.raises(KerjasamaError) as refused:
        generate(scale="small", years=10, seed=SEED)
    assert refused.value.code == "demo.already_loaded"


def test_it_refuses_an_installation_with_real_agreements_unless_forced(capsys: Any) -> None:
    Agreement.objects.create(
        type="KSDD", category="sukarela", title="Kerja sama nyata", lead_region_id="34.71"
    )
    with pytest.raises(SystemExit) as stopped:
        call_command("demo", "--scale", "small", "--years", "1", "--agreements", "5")
    assert stopped.value.code == 2
    assert "demo.real_data" in capsys.readouterr().err
    assert not ours().exists()
