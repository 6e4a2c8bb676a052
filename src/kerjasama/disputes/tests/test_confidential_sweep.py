"""A sweep over EVERY page and API route of the disputes app (issue 12 item 9: uninvolved regions see nothing).

The routes are enumerated, not listed by hand, so a route added later is swept too: the URL patterns under
``/perselisihan/`` (with every step of ``views.STEPS``) and the OpenAPI paths under ``/api/v1/disputes/``. For
Kota Semarang (another province) and the third party, a confidential DIY case (Kota Yogyakarta vs Kabupaten
Sleman, example data) must be indistinguishable from a case that does not exist: each route, GET and POST,
answers the real case's ids exactly as it answers ids nobody holds (same status, same error code), no page or
list shows the case's marker, and nothing is written (no audit event).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kerjasama.core.actors import SYSTEM
from kerjasama.core.models import AuditEvent
from kerjasama.disputes import services, views
from kerjasama.disputes.models import DeliberationRound, Dispute
from kerjasama.disputes.tests.conftest import TODAY, register

pytestmark = pytest.mark.django_db

MARKER = "RAHASIA-SENGKETA-7731"
OUTSIDERS = ("other_province", "third_party")
NOBODY = 987_654
PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")


def _page_templates() -> Iterator[str]:
    """Every URL pattern of the disputes app as a template (``/perselisihan/<dispute_id>/``)."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[str]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "perselisihan/":
            yield from ("/" + t for t in walk(entry.url_patterns, "perselisihan/"))


def _schema() -> dict[str, Any]:
    from kerjasama.api.api import api

    return dict(api.get_openapi_schema())


def _api_templates() -> list[tuple[str, str]]:
    return [
        (path, method.upper())
        for path, operations in _schema()["paths"].items()
        if path.startswith("/api/v1/disputes/")
        for method in operations
    ]


def _example(node: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """A plausible value of a JSON schema (required fields only), so a POST passes the body's validation and
    reaches the view: the permission check is then what answers, not the schema."""
    if "$ref" in node:
        return _example(components[node["$ref"].rsplit("/", 1)[-1]], components, depth)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if o.get("type") != "null"] or node[key]
            return _example(options[0], components, depth)
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        props = node.get("properties", {})
        return {
            name: _example(props[name], components, depth + 1)
            for name in node.get("required", [])
            if name in props and depth < 4
        }
    if kind == "array":
        return [_example(node.get("items", {}), components, depth + 1)] if node.get("minItems") else []
    if kind == "integer":
        return max(1, int(node.get("minimum", 1)))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if node.get("format") == "date":
        return TODAY.isoformat()
    if node.get("format") == "date-time":
        return f"{TODAY.isoformat()}T09:00:00+07:00"
    return "contoh"


def _body(template: str, method: str) -> dict[str, Any]:
    schema = _schema()
    operation = schema["paths"][template][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    json_schema = content.get("application/json", {}).get("schema")
    if json_schema is None:
        return {}
    value = _example(json_schema, schema.get("components", {}).get("schemas", {}))
    return value if isinstance(value, dict) else {}


def _fill(template: str, ids: dict[str, int], default: int) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name == "step":
            return "{step}"
        return str(ids.get(name, default))

    return PARAM.sub(one, template)


def _ids(case: Dispute) -> dict[str, int]:
    """The confidential objects' ids by the parameter names the routes use (any other name: the case's)."""
    round_ = DeliberationRound.objects.filter(dispute=case).first()
    party = case.parties.first()
    ids = {"dispute_id": case.pk, "id": case.pk, "case_id": case.pk}
    if round_ is not None:
        ids["round_id"] = round_.pk
    if party is not None:
        ids["party_id"] = party.pk
    return ids


def _answer(response: Any) -> tuple[int, str]:
    """What an answer reveals: its status and, for JSON, its error code."""
    code = ""
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            code = str(body["error"].get("code", ""))
    return response.status_code, code


@pytest.fixture
def confidential(db: Any) -> Dispute:
    case = register(title=f"Sengketa {MARKER}", claims=f"Tuntutan {MARKER}")
    case = services.screen_dispute(actor=SYSTEM, dispute=case, outcome="diterima", today=TODAY)
    services.record_round(
        actor=SYSTEM,
        dispute=case,
        meeting_date=TODAY,
        minutes=f"Notulen {MARKER}",
        issues=[f"Isu {MARKER}"],
        today=TODAY,
    )
    return case


def test_the_sweep_finds_the_routes() -> None:
    pages = list(_page_templates())
    assert "/perselisihan/" in pages and any("<int:dispute_id>" in p for p in pages), pages
    api = _api_templates()
    assert ("/api/v1/disputes/cases/{dispute_id}", "GET") in api or any("{" in p for p, _ in api), api


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_every_page_answers_a_confidential_case_as_a_missing_one(
    client_as: Any, confidential: Dispute, outsider: str
) -> None:
    ids = _ids(confidential)
    client = client_as(outsider)
    before = AuditEvent.objects.count()
    checked = 0
    for template in _page_templates():
        steps = list(getattr(views, "STEPS", {})) if "<str:step>" in template else [""]
        for step in steps:
            real = _fill(template, ids, confidential.pk).replace("{step}", step)
            ghost = _fill(template, {}, NOBODY).replace("{step}", step)
            for method in ("get", "post"):
                seen = getattr(client, method)(real)
                assert MARKER not in seen.content.decode(errors="replace"), (method, real)
                if real != ghost:
                    assert _answer(seen) == _answer(getattr(client, method)(ghost)), (method, real)
                checked += 1
    assert checked >= 6
    assert AuditEvent.objects.count() == before, "nothing written"


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_every_api_route_answers_a_confidential_case_as_a_missing_one(
    client_as: Any, confidential: Dispute, outsider: str
) -> None:
    ids = _ids(confidential)
    client = client_as(outsider)
    before = AuditEvent.objects.count()
    checked = 0
    statuses: list[int] = []
    for template, method in _api_templates():
        real = _fill(template, ids, confidential.pk)
        ghost = _fill(template, {}, NOBODY)
        if real == ghost and method != "GET":
            continue  # no id in it (registration, the stateless risk assessment): not about this case
        call = getattr(client, method.lower())
        body = _body(template, method)
        seen = call(real, data=body, content_type="application/json") if method != "GET" else call(real)
        assert MARKER not in seen.content.decode(errors="replace"), (method, real)
        if real != ghost:
            other = (
                call(ghost, data=body, content_type="application/json") if method != "GET" else call(ghost)
            )
            assert _answer(seen) == _answer(other), (method, real, seen.content[:300])
            statuses.append(seen.status_code)
        checked += 1
    assert checked >= 6
    assert statuses.count(404) >= len(statuses) // 2, ("most id routes reach the permission check", statuses)
    assert AuditEvent.objects.count() == before, "nothing written"


def test_the_sweep_would_see_a_leak(client_as: Any, confidential: Dispute) -> None:
    """The same sweep, as a party, tells the real case from a missing one (so the comparison can fail)."""
    client = client_as("kabkota")
    real = client.get(f"/perselisihan/{confidential.pk}/")
    assert MARKER in real.content.decode() and _answer(real) != _answer(
        client.get(f"/perselisihan/{NOBODY}/")
    )
