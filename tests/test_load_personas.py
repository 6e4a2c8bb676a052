"""The load test's personas (``bench/load/personas.py``) name routes that exist: a renamed URL breaks this
test, not the benchmark in the middle of a run (issue 14 item 2)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "load"))

from personas import ID_SOURCES, PERSONAS

#: A value of each placeholder with the shape the routes expect.
SAMPLES = {"agreement": "1", "public_agreement": "1", "dispute": "1", "region": "34.71", "province": "34"}


def _paths() -> list[tuple[str, str]]:
    found = [(persona.name, request.path) for persona in PERSONAS for request in persona.requests]
    return found + [("id source", path) for path in ID_SOURCES.values()]


@pytest.mark.parametrize(("persona", "path"), _paths())
def test_every_path_of_every_persona_resolves(persona: str, path: str) -> None:
    filled = re.sub(r"\{(\w+)\}", lambda m: SAMPLES[m.group(1)], path)
    try:
        resolve(urlsplit(filled).path)
    except Resolver404:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{persona}: {path} does not resolve")


def test_every_persona_has_a_weight_groups_and_a_sensible_think_time() -> None:
    names = [persona.name for persona in PERSONAS]
    assert len(names) == len(set(names))
    for persona in PERSONAS:
        assert persona.weight > 0 and persona.requests
        low, high = persona.think_s
        assert 0 < low <= high <= 60, persona.name
        for request in persona.requests:
            assert request.group.split(":")[0] in {"page", "api"}, request
            assert request.kind == ("api" if request.path.startswith("/api/") else "page"), request
