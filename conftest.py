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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The test database holds what `kerjasama setup` loads: regions, adjacency, affairs, functional areas
    (kawasan fungsional), Pemda and demo."""
    from kerjasama.accounts.demo import ensure_pemda_organisations, load_demo
    from kerjasama.affairs.services import load_affairs, read_package
    from kerjasama.mapping.services import ensure_indicator_catalogue
    from kerjasama.regions.functional_areas import load_functional_areas
    from kerjasama.regions.functional_areas import read_package as read_functional_areas
    from kerjasama.regions.services import load_adjacency_package, load_regions

    with django_db_blocker.unblock():
        load_regions(actor=None)
        load_adjacency_package(actor=None)
        load_affairs(actor=None, data=read_package(), update_existing=False)
        load_functional_areas(actor=None, data=read_functional_areas(), update_existing=False)
        ensure_indicator_catalogue(actor=None)
        ensure_pemda_organisations(actor=None)
        load_demo(actor=None)


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
