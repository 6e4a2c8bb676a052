"""Shared pieces of the browser tests of an agreement in force (issue 11): an installation of its own, the
Yogyakarta-Sleman waste agreement put in force through the services, and the page check (axe-core, no sideways
scroll on the phone) that every page of those tests passes.

The waste agreement in force changes what the shared installation's mapping and register tests read (Sleman is
no longer recommended for waste), so each test module that makes one serves an installation of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from tests.e2e.axe import audit, describe
from tests.e2e.conftest import Instance, InstanceFactory, start_server, stop_process
from tests.e2e.test_browser_regions import PHONE

LAPTOP = {"width": 1366, "height": 768}


def own_installation(name: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The module fixtures ``instance`` and ``server`` of a test module that needs an installation of its own
    (``instance, server = own_installation("name")`` at module level overrides the session ones)."""

    @pytest.fixture(scope="module", name="instance")
    def _instance(instance_factory: InstanceFactory) -> Instance:
        return instance_factory.create(name)

    @pytest.fixture(scope="module", name="server")
    def _server(instance: Instance) -> Iterator[str]:
        served = start_server(instance)
        try:
            yield served.url
        finally:
            stop_process(served.process)

    return _instance, _server


def waste_agreement_in_force(*, title: str, number: str, term_start: date, term_end: date) -> str:
    """A ``manage shell`` script (for :meth:`Instance.python`) that registers the Yogyakarta-Sleman waste
    agreement (KSDD, UU 23/2014 Pasal 363; waste is sub-affair 2.11) as in force (*pelaksanaan*) with both
    parties signed, through ``agreements.register``; its ``result`` is the agreement's id."""
    return f"""
from datetime import date
from decimal import Decimal
from kerjasama.accounts.models import User
from kerjasama.agreements.register import register_existing_agreement
a = register_existing_agreement(
    actor=User.objects.get(username="operator.yogya"), type="KSDD", category="wajib",
    title={title!r}, region_codes=["34.71", "34.04"],
    affairs=["2.11"], justification_externality="Sampah kota diangkut ke TPA Sleman.",
    object="Pengelolaan sampah", scope="Pengangkutan", value=Decimal("1000000000"), apbd_budgeted=True,
    burdens_public=False, term_start=date.fromisoformat({term_start.isoformat()!r}),
    term_end=date.fromisoformat({term_end.isoformat()!r}), number={number!r},
)
result = a.pk
"""


def clean(page: Any, url: str, width: dict[str, int]) -> list[str]:
    """The page's serious and critical axe-core violations, and a sideways scroll at phone width."""
    problems = describe(f"{url} @{width['width']}px", audit(page))
    if width["width"] <= PHONE["width"]:
        scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            problems.append(f"{url} @{width['width']}px scrolls sideways: {scroll} > {inner}")
    return problems
