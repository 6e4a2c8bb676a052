"""Test fixtures shared by every app: national master data once per session, and named personas."""

from __future__ import annotations

from typing import Any

import pytest

#: Tests run background tasks in the caller (the e2e suite runs the real worker on the database and Redis).
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mapping", "notifications"],
    }
}


@pytest.fixture(scope="session", autouse=True)
def _immediate_tasks() -> Any:
    from django.test import override_settings

    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_api_rate_limit() -> Any:
    """The API rate limit counts per user in a cache that outlives a test; the suite's many requests as the
    same personas would trip it. ``api/tests/test_rate_limit.py`` turns it on where it is the subject."""
    from django.test import override_settings

    with override_settings(KERJASAMA_API_RATE_PER_MINUTE=0):
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_deadlines_memo() -> Any:
    """The deadlines memo is keyed on the data version, which moves when a transaction commits; a test runs in
    one transaction that never commits, so a second look at the deadlines in the same test would be served the
    first. ``deadlines/tests/test_memo.py`` turns it on where it is the subject, with the commits made to run."""
    from django.test import override_settings

    with override_settings(KERJASAMA_DEADLINES_CACHE_SECONDS=0):
        yield


@pytest.fixture(autouse=True)
def _fresh_map_views() -> Any:
    """The oversight maps keep the views they computed per data version, in the process and the cache; a
    test's rows are rolled back and the next test's may give the same version, so each test starts a new key
    generation (``maps.forget_cached_views``)."""
    from kerjasama.deadlines import memo
    from kerjasama.oversight.maps import forget_cached_views

    forget_cached_views()
    memo.forget()  # keyed on the data version, which a rolled-back test leaves as it found it
    yield


#: The demo data the test database holds: the personas' organisations and users, but not the mapping
#: app's generated example profiles and national run (tests build the mapping data they need).
TEST_DEMO_APPS = ("accounts",)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The test database holds what `kerjasama setup` loads, through the same per-app loaders
    (``kerjasama.core.bootstrap``): every app's reference data, and the demo of ``TEST_DEMO_APPS``."""
    from kerjasama.core import bootstrap
    from kerjasama.core.actors import SYSTEM

    with django_db_blocker.unblock():
        bootstrap.load_reference_data(actor=SYSTEM)
        bootstrap.load_demo_data(actor=SYSTEM, only=TEST_DEMO_APPS)


#: The permission-matrix personas (ARCHITECTURE.md house rule 10) and the demo account behind each.
PERSONAS = {
    "ministry": "kemendagri",
    "province": "gubernur.diy",
    "kabkota": "operator.yogya",
    "neighbour": "operator.sleman",
    "other_province": "operator.semarang",
    "third_party": "mitra.contoh",
    "auditor": "auditor",
    "admin": "admin",
}


@pytest.fixture
def persona(db: Any) -> Any:
    """``persona("kabkota")`` is the demo user playing that part."""
    from kerjasama.accounts.models import User

    def get(name: str) -> Any:
        return User.objects.select_related("organisation").get(username=PERSONAS[name])

    return get


@pytest.fixture
def client_as(client: Any, persona: Any) -> Any:
    """A test client logged in as a persona (``client_as("third_party")``); ``None`` stays anonymous."""

    def login(name: str | None) -> Any:
        client.logout()
        if name is not None:
            client.force_login(persona(name))
        return client

    return login
