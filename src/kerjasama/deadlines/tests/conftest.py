"""Fixtures of the deadlines tests: the Kota Yogyakarta–Kabupaten Sleman waste agreement in force (34.71 and
34.04; the agreements tests' example), registered through the agreements service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.models import Organisation, User
from kerjasama.agreements import services as agreement_services
from kerjasama.agreements.models import Agreement

WASTE = "2.11"


@pytest.fixture(autouse=True)
def _registry_restored() -> Any:
    """A test may register its own sources, steps or hook; the apps' registrations come back afterwards."""
    from kerjasama.deadlines import registry

    state = registry._registry
    saved = (dict(state.sources), dict(state.steps), state.superseded, dict(state.own_areas))
    # The periodic report's and the dispute steps' deadlines are their apps' subject
    # (reports/tests/test_deadlines.py, disputes/tests/test_path_deadlines.py); here they would only add rows
    # and queries to the agreements' listings.
    registry.unregister_source("reports")
    registry.unregister_source("disputes")
    yield
    state.sources, state.steps, state.superseded = dict(saved[0]), dict(saved[1]), saved[2]
    state.own_areas = dict(saved[3])


@pytest.fixture
def tkksd_sleman(db: Any) -> User:
    pemda = Organisation.objects.get(kind=OrganisationKind.PEMDA, region_id="34.04")
    return User.objects.create(username="tkksd.sleman", organisation=pemda, role=Role.TKKSD_MEMBER)


@pytest.fixture
def in_force(persona: Any) -> Callable[..., Agreement]:
    """``in_force(term_end=..., notice_date=..., regions=[...])``: a registered agreement in *pelaksanaan*."""
    counter = iter(range(1, 1000))

    def make(
        *,
        term_end: date,
        notice_date: date | None = None,
        regions: tuple[str, ...] = ("34.71", "34.04"),
        actor: str = "kabkota",
    ) -> Agreement:
        n = next(counter)
        agreement = agreement_services.register_existing_agreement(
            actor=persona(actor),
            type="KSDD",
            category="wajib",
            title=f"Pengelolaan sampah regional {n}",
            region_codes=list(regions),
            affairs=[WASTE],
            number=f"PKS/{n:03d}/2021",
            term_start=date(2021, 1, 1) + timedelta(days=n),  # not a duplicate of the register
            term_end=term_end,
            apbd_budgeted=True,
            justification_externality="Sampah kota diangkut ke TPA di wilayah Sleman.",
        )
        if notice_date is not None:
            # The notice date is a PKS term entered with the proposal; the register form has no field for it.
            Agreement.objects.filter(pk=agreement.pk).update(notice_date=notice_date)
            agreement.refresh_from_db()
        return agreement

    return make


def owners_of(agreement: Agreement) -> set[str]:
    """Usernames of the people a reminder of ``agreement`` goes to (its parties' units and TKKSD)."""
    from kerjasama.agreements.notices import party_people

    return {u.username for u in party_people(list(agreement.parties.all()))}
