"""The stored publication state (``publication_store``) equals the state counted afresh after every kind of
change (consent, refusal, stage change, a party added or removed, a change of the public stages followed by
``kerjasama publication-recompute``); the open-data package is built by its task into storage and served from
there with ETag and Last-Modified; the public API pages by id in a constant number of queries."""

from __future__ import annotations

import io
import itertools
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import data_version
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.transitions import transition
from kerjasama.oversight.choices import PublicationState
from kerjasama.oversight.models import AgreementPublication, PublicationConsent
from kerjasama.oversight.opendata import build_stored_package, stored_manifest
from kerjasama.oversight.publication_store import recomputed_states
from kerjasama.oversight.selectors import publication_states, published_agreements
from kerjasama.oversight.services import record_publication_consent
from kerjasama.oversight.tests.conftest import consent_all, register

pytestmark = pytest.mark.django_db

STAGES = ["penyusunan_pks", "pelaksanaan", "berakhir", "dibatalkan"]
EXTRA_REGIONS = ["34.02", "34.03"]

STEP = st.one_of(
    st.tuples(st.just("consent"), st.integers(0, 3)),
    st.tuples(st.just("refuse"), st.integers(0, 3)),
    st.tuples(st.just("stage"), st.sampled_from(STAGES)),
    st.tuples(st.just("add_party"), st.sampled_from(EXTRA_REGIONS)),
    st.tuples(st.just("remove_party"), st.integers(0, 3)),
)


def _stored(pk: int) -> str:
    row = AgreementPublication.objects.filter(agreement_id=pk).first()
    return row.state if row is not None else PublicationState.NOT_PUBLISHED


def _apply(agreement: Agreement, step: tuple[str, Any]) -> None:
    kind, arg = step
    parties = list(agreement.parties.order_by("position", "id"))
    if kind in ("consent", "refuse") and parties:
        record_publication_consent(
            actor=SYSTEM, agreement=agreement, party=parties[arg % len(parties)], decision=kind
        )
    elif kind == "stage" and agreement.stage != arg:
        transition(
            agreement,
            actor=SYSTEM,
            action=AuditAction.AGREEMENT_STAGE_CHANGED,
            expected=agreement.stage,
            target=arg,
            conflict_code="agreements.stage_conflict",
            field="stage",
        )
    elif kind == "add_party" and not any(p.region_id == arg for p in parties):
        AgreementParty.objects.create(
            agreement=agreement, region_id=arg, role="partner", position=len(parties) + 1
        )
    elif kind == "remove_party" and len(parties) > 1:
        parties[arg % len(parties)].delete()


_EXAMPLES = itertools.count(1)


# Each example adds to the same test transaction: a new agreement per example keeps them independent.
@hypothesis_settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(STEP, min_size=1, max_size=6))
def test_the_stored_state_equals_the_recomputed_one_after_every_change(
    persona: Any, steps: list[tuple[str, Any]]
) -> None:
    n = next(_EXAMPLES)
    agreement = register(
        persona("kabkota"),
        f"Kerja sama acak publikasi {n}",
        number=f"PKS/ACAK/{n}",
        term_start=date(2025, 1, 1) + timedelta(days=n),
    )
    for step in steps:
        _apply(agreement, step)
        agreement.refresh_from_db()
        fresh = recomputed_states([agreement.pk])[agreement.pk]
        assert _stored(agreement.pk) == fresh, (step, steps)
        assert publication_states([agreement.pk]) == {agreement.pk: fresh}
        assert published_agreements().filter(pk=agreement.pk).exists() == (
            fresh == PublicationState.PUBLISHED
        )


def test_the_recompute_command_follows_a_change_of_the_public_stages_and_bulk_writes(
    persona: Any, settings: Any
) -> None:
    draft = register(persona("kabkota"), "Kerja sama draf publikasi")
    draft.stage = "penyusunan_pks"
    draft.save()
    consent_all(persona, draft)
    assert _stored(draft.pk) == PublicationState.CONSENTED
    settings.KERJASAMA_PUBLIC_REGISTER_STAGES = ["penyusunan_pks", "pelaksanaan"]
    out = io.StringIO()
    call_command("publication_recompute", "--json", stdout=out)
    counts = json.loads(out.getvalue())
    assert counts["written"] >= 1 and counts["published"] >= 1
    assert _stored(draft.pk) == PublicationState.PUBLISHED
    assert published_agreements().filter(pk=draft.pk).exists()
    # Narrowing the stages hides the agreement at once, before the recompute runs.
    settings.KERJASAMA_PUBLIC_REGISTER_STAGES = ["pelaksanaan"]
    assert not published_agreements().filter(pk=draft.pk).exists()
    # A bulk write sends no signal: the stored state lags until the recompute.
    PublicationConsent.objects.filter(agreement=draft).update(decision="refuse")
    call_command("publication_recompute", stdout=io.StringIO())
    assert _stored(draft.pk) == PublicationState.NOT_PUBLISHED
    assert not AgreementPublication.objects.filter(agreement_id=draft.pk).exists()


def test_deleting_a_published_agreement_removes_its_state(persona: Any) -> None:
    agreement = register(persona("kabkota"), "Kerja sama yang dihapus")
    consent_all(persona, agreement)
    assert _stored(agreement.pk) == PublicationState.PUBLISHED
    pk = agreement.pk
    agreement.delete()
    assert not AgreementPublication.objects.filter(agreement_id=pk).exists()


def test_the_package_is_built_by_the_task_and_served_from_storage_with_etag(
    persona: Any, django_assert_max_num_queries: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = register(persona("kabkota"), "Kerja sama terbuka pertama")
    empty = build_stored_package()
    assert empty["rows"]["agreements"] == 0
    # A publication enqueues the rebuild after the commit, once per transaction (the immediate backend of the
    # tests runs it at once).
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        consent_all(persona, first)
    assert len(data_version.others(callbacks)) == 1
    manifest = stored_manifest()
    assert (
        manifest is not None and manifest["build"] != empty["build"] and manifest["rows"]["agreements"] == 1
    )
    client = Client()
    with django_assert_max_num_queries(2):  # the manifest and the file come from storage, not the database
        answer = client.get("/data-terbuka/agreements.csv")
        page = client.get("/data-terbuka/")
    assert answer.status_code == 200 and page.status_code == 200
    assert "Kerja sama terbuka pertama" in answer.content.decode()
    etag = answer["ETag"]
    assert etag == f'"{manifest["files"]["agreements.csv"]["etag"]}"' and answer["Last-Modified"]
    assert client.get("/data-terbuka/agreements.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get("/data-terbuka/kerjasama-daftar-kerja-sama.zip", HTTP_IF_NONE_MATCH=etag).status_code
        == 200
    )
    # Nothing is rebuilt per request: a change no signal reports waits for the task.
    Agreement.objects.filter(pk=first.pk).update(title="Judul baru")
    assert "Judul baru" not in client.get("/data-terbuka/agreements.csv").content.decode()
    build_stored_package()
    fresh = client.get("/data-terbuka/agreements.csv", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and "Judul baru" in fresh.content.decode()


def test_the_public_api_pages_by_keyset_in_constant_queries(
    persona: Any, django_assert_max_num_queries: Any, settings: Any
) -> None:
    settings.KERJASAMA_PUBLIC_API_RATE_PER_MINUTE = 0
    cache.clear()
    made = []
    for n in range(5):
        agreement = register(
            persona("kabkota"),
            f"Kerja sama halaman {n}",
            number=f"PKS/H/{n}",
            term_start=date(2025, 1, n + 1),
        )
        consent_all(persona, agreement)
        made.append(agreement.pk)
    client = Client()
    seen: list[int] = []
    after = None
    for _ in range(3):
        url = "/api/v1/public/agreements?limit=2" + (f"&after={after}" if after is not None else "")
        with django_assert_max_num_queries(8):
            page = client.get(url).json()
        assert page["count"] == 5
        seen += [item["id"] for item in page["items"]]
        after = page["next_after"]
        if after is None:
            break
    assert seen == sorted(made) and after is None
