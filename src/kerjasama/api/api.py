"""API v1 (django-ninja); OpenAPI docs at /api/v1/docs. Every error is ``{"error": {"code", "message"}}``.

A ``KerjasamaError`` answers with its own ``http_status`` (no mapping by code here) and its message in the
active language, chosen in one place: ``KerjasamaError.message``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kerjasama.accounts.api import router as accounts_router
from kerjasama.affairs.api import router as affairs_router
from kerjasama.api.auth import API_AUTH
from kerjasama.compliance.api import router as rulebook_router
from kerjasama.core.errors import KerjasamaError
from kerjasama.documents.api import router as documents_router
from kerjasama.mapping.api import router as mapping_router
from kerjasama.notifications.api import router as notifications_router
from kerjasama.regions.api import router as regions_router

api = NinjaAPI(
    title="Kerjasama API",
    version="1",
    description=(
        "API Kerja Sama Daerah / regional-cooperation API. Authenticate with a personal token "
        "(`Authorization: Bearer ksd_...`, issued on the 'Token API' page) or a browser session."
    ),
    auth=API_AUTH,
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


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, f"http_{exc.status_code}", str(exc))


api.add_router("/regions", regions_router)
api.add_router("/affairs", affairs_router)
api.add_router("/rulebook", rulebook_router)
api.add_router("/mapping", mapping_router)
api.add_router("/notifications", notifications_router)
api.add_router("/documents", documents_router)
api.add_router("/", accounts_router)
