"""The load test's personas (``bench/load``, issue 14 item 2) name routes that exist: a renamed or removed route
breaks this test, not the benchmark. No load is generated here."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

LOAD_DIR = Path(__file__).resolve().parents[4] / "bench" / "load"
#: Example values for the placeholders: ids are filled at run time from the user's own lists.
EXAMPLES = {
    "agreement": "1",
    "public_agreement": "1",
    "dispute": "1",
    "region": "34.71",
    "province": "34",
    "monev_slot": "1/1",
    "value": "62,5",
}


def _personas() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_personas", LOAD_DIR / "personas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


PERSONAS = _personas()


def _fill(text: str, values: dict[str, str] = EXAMPLES) -> str:
    """``text`` with its placeholders (``{name}``, ``{name.N}``: the N-th field of a many-field id) filled."""

    def value(match: re.Match[str]) -> str:
        return values[match.group(1)].split("/")[int(match.group(2) or 0)]

    return re.sub(PERSONAS.PLACEHOLDER, value, text)


@pytest.mark.parametrize("persona", PERSONAS.PERSONAS, ids=lambda persona: persona.name)
def test_every_path_of_a_persona_resolves_to_a_route(persona):
    assert persona.requests
    unresolved = []
    for request in persona.requests:
        assert request.group.split(":")[0] in {"page", "api", "write"}, request.group
        path = urlsplit(_fill(request.path)).path
        try:
            match = resolve(path)
        except Resolver404:
            unresolved.append(request.path)
            continue
        is_api = path.startswith("/api/")
        if request.kind == "write":  # a JSON body POSTed to the API
            assert is_api and isinstance(json.loads(_fill(request.body)), dict), request
        else:
            assert is_api == (request.kind == "api"), f"{request.path} is in group {request.group}"
            assert not request.body, request
        assert match.func is not None
    assert unresolved == [], f"{persona.name}: no route for {unresolved}"


def test_every_persona_has_a_weight_and_a_sensible_think_time():
    names = [persona.name for persona in PERSONAS.PERSONAS]
    assert len(names) == len(set(names))
    for persona in PERSONAS.PERSONAS:
        low, high = persona.think_s
        assert persona.weight > 0 and 0 < low <= high <= 60, persona.name


@pytest.mark.django_db
def test_every_write_of_the_load_test_is_accepted_as_the_persona_sends_it(client_as, persona):
    """The load test's writes (``write:`` groups) succeed for a unit operator of the region they name:
    a refused body would fill the run with errors instead of moving the data version."""
    writes = [r for persona in PERSONAS.PERSONAS for r in persona.requests if r.kind == "write"]
    assert writes
    client = client_as("kabkota")  # operator.yogya, one of the API client persona's logins (34.71)
    _agreement_with_monev_due(persona)
    values = dict(EXAMPLES)
    read = set()
    for name, source in PERSONAS.ID_SOURCES.items():  # the ids as the persona reads them, with its login
        answer = client.get(source).json()
        items = answer.get("items", []) if isinstance(answer, dict) else answer
        fields = PERSONAS.ID_FIELDS.get(name, ("id",))
        if name in PERSONAS.ID_MATCH:  # as the locustfile keeps them for a login of Kota Yogyakarta
            field, login_value = PERSONAS.ID_MATCH[name]
            items = [item for item in items if item[field] == EXAMPLES[login_value]]
        if items:
            values[name] = "/".join(str(items[0][field]) for field in fields)
            read.add(name)
    assert "monev_slot" in read, "no monev self-assessment due for the write"
    for request in writes:
        response = client.post(
            _fill(request.path, values), data=_fill(request.body, values), content_type="application/json"
        )
        assert response.status_code in (200, 201), (request.path, response.content[:300])


def _agreement_with_monev_due(persona):
    """An agreement in force of Kota Yogyakarta and Kabupaten Sleman whose monev periods have fallen due."""
    from datetime import date

    from django.utils import timezone

    from kerjasama.agreements import services as agreement_services
    from kerjasama.core.actors import SYSTEM
    from kerjasama.monev.services import generate_periods

    agreement = agreement_services.register_existing_agreement(
        actor=persona("kabkota"),
        type="KSDD",
        category="wajib",
        title="Pengelolaan sampah regional (uji beban)",
        region_codes=["34.71", "34.04"],
        affairs=["2.11"],
        number="PKS/900/2021",
        term_start=date(2021, 1, 1),
        term_end=date(2035, 12, 31),
        apbd_budgeted=True,
        justification_externality="Sampah kota diangkut ke TPA di wilayah Sleman.",
    )
    generate_periods(actor=SYSTEM, agreement=agreement, today=timezone.localdate())


def test_the_id_sources_are_api_lists():
    for source in PERSONAS.ID_SOURCES.values():
        assert resolve(urlsplit(source).path).url_name


def test_the_locustfile_defines_one_user_class_per_persona():
    """Imported in a child process: locust patches the standard library with gevent when imported."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import locustfile; "
        "from locust import HttpUser; "
        "print(json.dumps(sorted(v.persona.name for v in vars(locustfile).values() "
        "if isinstance(v, type) and issubclass(v, HttpUser) and not v.abstract)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(LOAD_DIR)], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == sorted(p.name for p in PERSONAS.PERSONAS)
