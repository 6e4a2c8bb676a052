"""The API fuzz test covers every API route (issue 14 item 7): each ``/api/v1/`` route and method Django serves is
an operation of the OpenAPI document, and the schemathesis run takes the whole document (no operation left
out, a fixed seed). ``tests/e2e/test_api_fuzz.py`` then checks that its report shows every operation run.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver

from kerjasama.api.api import api
from kerjasama.urls import urlpatterns

ROOT = Path(__file__).resolve().parents[4]
PREFIX = "api/v1/"
#: Routes of the API that are not operations: the document itself, its browsable page and the root.
NOT_OPERATIONS = {"openapi-json", "openapi-view", "api-root"}
HTTP_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"}


def _api_resolver() -> URLResolver:
    for entry in urlpatterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == PREFIX:
            return entry
    raise AssertionError(f"no {PREFIX} in kerjasama.urls")


def _path_view(pattern: URLPattern) -> Any:
    """django-ninja's PathView behind a route (its view is a closure over it)."""
    return inspect.getclosurevars(pattern.callback).nonlocals.get("self")


def _openapi_path(route: str) -> str:
    return "/" + PREFIX + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def served() -> set[str]:
    """``METHOD /api/v1/path`` of every operation Django's URL configuration routes to."""
    found = set()
    for pattern in _api_resolver().url_patterns:
        assert isinstance(pattern, URLPattern), pattern
        if pattern.name in NOT_OPERATIONS:
            continue
        path_view = _path_view(pattern)
        assert path_view is not None, f"{pattern}: not a django-ninja route"
        for operation in path_view.operations:
            for method in operation.methods:
                found.add(f"{method.upper()} {_openapi_path(str(pattern.pattern))}")
    return found


def documented() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method.upper() in HTTP_METHODS
    }


def test_the_api_has_the_apps_routes() -> None:
    """Not an empty comparison: the routes of the apps the issue names are there."""
    routes = served()
    for prefix in ("/api/v1/agreements", "/api/v1/disputes/", "/api/v1/public/", "/api/v1/reports/"):
        assert any(r.split(" ", 1)[1].startswith(prefix) for r in routes), prefix
    assert len(routes) > 50


def test_every_served_api_operation_is_in_the_openapi_document() -> None:
    assert served() - documented() == set()


def test_the_document_has_no_operation_django_does_not_serve() -> None:
    assert documented() - served() == set()


def test_the_fuzz_run_takes_every_operation_with_a_fixed_seed() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        test_api_fuzz = importlib.import_module("tests.e2e.test_api_fuzz")
    finally:
        sys.path.remove(str(ROOT))
    command = test_api_fuzz.schemathesis_command(
        Path("openapi.json"), "http://127.0.0.1:1", "token", Path("report.ndjson")
    )
    filters = [arg for arg in command if arg.startswith(("--include", "--exclude"))]
    assert filters == []
    assert command[command.index("--seed") + 1] == str(test_api_fuzz.SEED)
    assert command[command.index("--workers") + 1] == "1"
    assert "--phases" not in command  # every phase, examples and coverage included
