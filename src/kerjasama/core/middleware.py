"""Request context: a request id that every audit event of the request carries."""

from __future__ import annotations

import functools
import ipaddress
import json
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase

_request_id: ContextVar[str | None] = ContextVar("kerjasama_request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # not an address or network: trusts nothing
    return tuple(networks)


def is_trusted_proxy(address: str | None) -> bool:
    """Whether ``address`` is one of the reverse proxies in ``KERJASAMA_TRUSTED_PROXIES`` (addresses or networks)."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.KERJASAMA_TRUSTED_PROXIES)))


def _valid_request_id(value: str) -> bool:
    return 8 <= len(value) <= 64 and value.replace("-", "").isalnum() and value.isascii()


class RequestIdMiddleware:
    """Takes ``X-Request-ID`` from a trusted proxy or makes one, and echoes it in the response.

    The id goes into every audit event of the request, so a client may not choose it: the header is read only
    when the request comes straight from a reverse proxy listed in ``KERJASAMA_TRUSTED_PROXIES`` (which sets
    it for the request it forwards); from anyone else it is ignored and a new id is made.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        trusted = is_trusted_proxy(request.META.get("REMOTE_ADDR"))
        rid = incoming if trusted and _valid_request_id(incoming) else uuid.uuid4().hex
        token = _request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a login unless its view is marked ``@login_not_required`` (secure by default).

    The API authenticates by itself (token or session) and answers 401 with an error object, so it is
    left out here rather than redirected to the login page.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(("/api/", "/static/", "/i18n/")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


#: Stable codes and bilingual messages for the errors Django (not the API's own handlers) answers under
#: ``/api/``: unknown paths, wrong methods, oversized bodies, unexpected crashes.
_API_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Permintaan tidak dapat dibaca / The request cannot be read."),
    401: ("unauthenticated", "Perlu autentikasi (token API atau sesi masuk) / Authentication required."),
    403: ("forbidden", "Tidak diizinkan / Forbidden."),
    404: ("not_found", "Tidak ditemukan / Not found."),
    405: ("method_not_allowed", "Metode HTTP ini tidak didukung di alamat ini / Method not allowed here."),
    413: (
        "request_too_large",
        "Isi permintaan melebihi batas ukuran / The request body is larger than the limit.",
    ),
    429: ("rate_limited", "Terlalu banyak permintaan; coba lagi nanti / Too many requests; try again later."),
    500: ("server_error", "Terjadi galat pada server / Internal server error."),
}


def _api_error_body(status: int) -> dict[str, dict[str, str]]:
    code, message = _API_ERRORS.get(status, (f"http_{status}", f"HTTP {status}"))
    return {"error": {"code": code, "message": message}}


def api_error(status: int) -> JsonResponse:
    """``{"error": {"code", "message"}}`` for ``status`` (the API's error shape)."""
    return JsonResponse(_api_error_body(status), status=status)


class ApiErrorMiddleware:
    """Every error under ``/api/`` has the API's shape, including those Django answers itself.

    Unknown ``/api/v1/...`` paths (404), wrong methods (405), bodies over ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    (413, before the body is read when ``Content-Length`` says so) and crashes (500) would otherwise be HTML
    pages. Answers that already are JSON pass unchanged.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    @staticmethod
    def _is_api(request: HttpRequest) -> bool:
        return request.path_info.startswith("/api/")

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not self._is_api(request):
            return self.get_response(request)
        if self._declared_too_large(request):
            return api_error(413)
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        if not isinstance(response, HttpResponse):  # a streamed error: answer anew
            return api_error(response.status_code)
        # Rewrite the body in place: headers (Allow, Retry-After, CSP, cookies, Vary) stay as they were.
        response.content = json.dumps(_api_error_body(response.status_code)).encode()
        response["Content-Type"] = "application/json"
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponseBase | None:
        """Bodies too large (413) or unreadable (400, e.g. multipart without a boundary): the client's
        mistake, answered in the API's shape rather than logged as a crash with a traceback."""
        if not self._is_api(request):
            return None
        if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
            return api_error(413)
        if isinstance(exception, MultiPartParserError):
            return api_error(400)
        return None

    @staticmethod
    def _declared_too_large(request: HttpRequest) -> bool:
        """A non-multipart body whose declared length exceeds the limit Django enforces when reading it."""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None or request.content_type == "multipart/form-data":
            return False
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > limit


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` (settings.KERJASAMA_PERMISSIONS_POLICY): camera, microphone,
    geolocation and the other powerful browser features are off on every page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy = settings.KERJASAMA_PERMISSIONS_POLICY
        if policy and not response.has_header("Permissions-Policy"):
            response["Permissions-Policy"] = policy
        return response


def _has_nul(request: HttpRequest) -> bool:
    """A NUL character anywhere in the path, the query, a form field or a JSON body."""
    if "\x00" in request.path_info:
        return True
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in v for v in values):
            return True
    if request.method in {"POST", "PUT", "PATCH"}:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json"):
            try:
                body = request.body
            except RequestDataTooBig:
                return False  # too large: the view's own reading answers 413 (ApiErrorMiddleware's shape)
            return b"\x00" in body or b"\\u0000" in body
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            # A multipart upload's text fields and file names (not the files' bytes: a PDF holds NULs). The
            # view would parse the body anyway; Django keeps what it parsed for it. A body that cannot be
            # parsed raises here (``_UNREADABLE_BODY``), and the middleware answers it.
            fields = any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.POST.lists())
            names = any(
                "\x00" in k or any("\x00" in (f.name or "") for f in files) for k, files in request.FILES.lists()
            )
            return fields or names
    return False


#: What reading a body may raise: too large (413) or an unreadable multipart body (400).
_UNREADABLE_BODY = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)


class RejectNulMiddleware:
    """Refuse a request that carries a NUL character (400) before it reaches a view.

    No Indonesian or English text an official types contains NUL, and PostgreSQL text cannot hold it: a
    search for ``q=a%00b`` reached the database and answered 500 on PostgreSQL while SQLite answered 200
    (found by schemathesis in the PostgreSQL run). API requests get the API's error shape.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            found = _has_nul(request)
        except _UNREADABLE_BODY as exc:
            # Django keeps an empty form after a failed parse, so the view would not see the error again:
            # answer it here as ApiErrorMiddleware would; a page lets Django answer it as before (400).
            if not request.path_info.startswith("/api/"):
                raise
            return api_error(400 if isinstance(exc, MultiPartParserError) else 413)
        if not found:
            return self.get_response(request)
        message = (
            "Permintaan berisi karakter NUL yang tidak diizinkan / The request contains a NUL character, "
            "which is not allowed."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"error": {"code": "input.nul_character", "message": message}}, status=400)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
