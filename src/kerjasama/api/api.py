"""API v1 (django-ninja); OpenAPI docs at /api/v1/docs. Every error is ``{"error": {"code", "message"}}``.

A ``KerjasamaError`` answers with its own ``http_status`` (no mapping by code here) and its message in the
active language, chosen in one place: ``KerjasamaError.message``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema

from kerjasama.accounts import scopes
from kerjasama.accounts.api import router as accounts_router
from kerjasama.accounts.audit_api import router as audit_router
from kerjasama.affairs.api import router as affairs_router
from kerjasama.agreements.api import router as agreements_router
from kerjasama.api.auth import API_AUTH, API_ROOT
from kerjasama.api.oauth import router as oauth_router
from kerjasama.api.throttle import ApiRateThrottle
from kerjasama.compliance.api import router as rulebook_router
from kerjasama.core.errors import KerjasamaError
from kerjasama.deadlines.api import router as deadlines_router
from kerjasama.disputes.api import router as disputes_router
from kerjasama.disputes.risk_api import router as disputes_risk_router
from kerjasama.disputes.stats_api import lessons_router as dispute_lessons_router
from kerjasama.disputes.stats_api import stats_router as dispute_stats_router
from kerjasama.documents.api import router as documents_router
from kerjasama.lifecycle.api import router as lifecycle_router
from kerjasama.mapping.api import router as mapping_router
from kerjasama.monev.api import router as monev_router
from kerjasama.notifications.api import router as notifications_router
from kerjasama.obligations.api import router as obligations_router
from kerjasama.oversight.public_api import router as public_router
from kerjasama.oversight.quality_api import router as quality_router
from kerjasama.regions.api import router as regions_router
from kerjasama.reports.api import router as reports_router
from kerjasama.tkksd.api import router as tkksd_router

#: The error answers every operation may give, declared in the OpenAPI document for each of them (the
#: body is always ``{"error": {"code", "message"}}``; see ``ERROR_SCHEMA``).
ERROR_RESPONSES: dict[int, str] = {
    400: "Permintaan tidak dapat dibaca / The request body cannot be parsed",
    401: "Perlu autentikasi / Authentication required (API token or session)",
    403: "Tidak diizinkan / Refused: outside the caller's role or jurisdiction",
    404: "Tidak ditemukan / Not found (or not visible to the caller)",
    409: "Konflik / Conflict: the record changed meanwhile or already exists",
    413: "Terlalu besar / The request body is larger than the limit",
    # Answered by the application server before Django sees the request (gunicorn's limit_request_line,
    # 4094 bytes), so its body is the server's plain text, not the error object below.
    414: "Alamat terlalu panjang / The request URI is longer than the server's limit (plain-text answer)",
    422: "Masukan tidak sah / Invalid input (details per field)",
    429: "Terlalu banyak permintaan / Too many requests (see Retry-After)",
}
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "stable code for scripts"},
                "message": {"type": "string", "description": "for people, in the active language"},
            },
            "additionalProperties": True,
        }
    },
}
_HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def declare_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Adds ``ERROR_RESPONSES`` to every operation of an OpenAPI ``schema`` (an operation's own
    declaration of a status wins), with the shared ``Error`` component."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                if status in responses or str(status) in responses:  # django-ninja keys by int
                    continue
                responses[status] = {
                    "description": description,
                    "content": {"application/json": {"schema": reference}},
                }
    return schema


#: The API's version in its OpenAPI document (``info.version``): the major number is the one in the path
#: (``/api/v1/``; a change that breaks a client makes ``/api/v2/``), the minor grows with each addition
#: (docs/api.md lists them).
API_VERSION = "1.1.0"
OAUTH_SCHEME = "OAuth2ClientCredentials"


def declare_oauth2(schema: dict[str, Any]) -> dict[str, Any]:
    """Declares the OAuth2 client-credentials flow (``/api/v1/oauth/token``) and, on every operation a token
    may call, the scope it needs (``accounts.scopes.required``)."""
    components = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    components[OAUTH_SCHEME] = {
        "type": "oauth2",
        "description": "Machine clients (e.g. SPLP): client credentials, RFC 6749 §4.4; docs/api.md",
        "flows": {
            "clientCredentials": {
                "tokenUrl": f"{API_ROOT}oauth/token",
                "scopes": {
                    scope: ("safe requests" if scope == scopes.READ else f"changes: {scope.partition(':')[2] or 'all'}")
                    for scope in scopes.ALL_SCOPES
                },
            }
        },
    }
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in _HTTP_METHODS or not operation.get("security"):
                continue
            if not any("TokenAuth" in requirement for requirement in operation["security"]):
                continue
            need = scopes.required(method, path.split(API_ROOT, 1)[-1])
            operation["security"].append({OAUTH_SCHEME: [need]})
    return schema


class KerjasamaAPI(NinjaAPI):
    """The API, whose OpenAPI document declares the shared error answers of every operation and the scope
    each needs."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_error_responses(schema)
        declare_oauth2(schema)
        return schema


api = KerjasamaAPI(
    title="Kerjasama API",
    version=API_VERSION,
    description=(
        "API Kerja Sama Daerah / regional-cooperation API. Authenticate with a personal token "
        "(`Authorization: Bearer ksd_...`, issued on the 'Token API' page, read-only or read-write), a machine "
        "client's access token (OAuth2 client credentials at `/api/v1/oauth/token`, for the government's "
        "service gateway SPLP and other systems) or a browser session. A token's scopes limit it: `read` for "
        "safe requests, `write` or `write:<area>` for changes."
    ),
    auth=API_AUTH,
    throttle=[ApiRateThrottle()],
    urls_namespace="api",
    docs_url="/docs",
)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"error": {"code": code, "message": message, **extra}}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request,
        401,
        "unauthenticated",
        "Perlu autentikasi (token API atau sesi masuk) / Authentication required (API token or session).",
    )


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {"location": ".".join(str(p) for p in e.get("loc", [])), "message": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return error_response(
        request, 422, "input.invalid", "Masukan tidak sah / Invalid input.", details=details
    )


@api.exception_handler(KerjasamaError)
def _domain_error(request: HttpRequest, exc: KerjasamaError) -> HttpResponse:
    """The error's own HTTP status (422 bad input, 403 refused, 404 not found, 409 conflict).

    ``message`` is in the active language (``Accept-Language`` / the session's choice, Indonesian by
    default); ``message_id`` and ``message_en`` are always there for clients that choose themselves.
    """
    payload = exc.as_dict()
    del payload["code"], payload["message"]
    return error_response(request, exc.http_status, exc.code, exc.message(get_language()), **payload)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", "Tidak ditemukan / Not found.")


@api.exception_handler(Throttled)
def _rate_limited(request: HttpRequest, exc: Throttled) -> HttpResponse:
    """Over ``KERJASAMA_API_RATE_PER_MINUTE`` (``api.throttle``); django-ninja adds ``Retry-After``."""
    return error_response(
        request,
        429,
        "rate_limited",
        "Terlalu banyak permintaan; coba lagi sebentar lagi (lihat Retry-After) / "
        "Too many requests; try again shortly (see Retry-After).",
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, f"http_{exc.status_code}", str(exc))


api.add_router("/regions", regions_router)
api.add_router("/affairs", affairs_router)
api.add_router("/rulebook", rulebook_router)
api.add_router("/mapping", mapping_router)
api.add_router("/notifications", notifications_router)
api.add_router("/documents", documents_router)
api.add_router("/tkksd", tkksd_router)
api.add_router("/agreements", agreements_router)
api.add_router("/monev", monev_router)
api.add_router("/lifecycle", lifecycle_router)
api.add_router("/obligations", obligations_router)
api.add_router("/deadlines", deadlines_router)
api.add_router("/disputes", disputes_router)
api.add_router("/disputes/statistics", dispute_stats_router)
api.add_router("/disputes/lessons", dispute_lessons_router)
api.add_router("/disputes/early-warning", disputes_risk_router)
api.add_router("/reports", reports_router)
api.add_router("/audit", audit_router)
api.add_router("/oauth", oauth_router)  # machine clients' access tokens (no login; RFC 6749 answers)
api.add_router("/public", public_router)  # no login; rate limited per client address
api.add_router("/", accounts_router)
api.add_router("/oversight", quality_router)
