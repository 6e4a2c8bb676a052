"""The answer when the database cannot be reached (issue 14 item 5): 503, not a 500 crash page.

PostgreSQL restarting, a failover or a cut network make every query raise ``django.db.OperationalError``
(or ``InterfaceError`` on a connection that died under the request). That is an outage, not a bug: the
request is refused with **503 Service Unavailable**, ``Retry-After`` and the stable code
``database.unavailable`` with a message in Indonesian and English; the API answers its error shape
(``{"error": {"code", "message"}}``), pages a short page in the site's layout that queries nothing.

Nothing is half-written: every state change runs in one transaction (the services' ``transaction.atomic``),
which PostgreSQL rolls back when the connection is lost before ``COMMIT``. Django
closes the broken connection at the end of the request, so the first request after the outage reconnects.

Django turns an exception raised in a view *or in a middleware* into a response through ``handler500``
(``convert_exception_to_response`` wraps every middleware), so this is where the outage is recognised: an
error the session or login middleware meets before any view runs is answered the same way.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

CODE = "database.unavailable"
MESSAGE_ID = (
    "Basis data sedang tidak dapat dihubungi. Tidak ada yang tersimpan setengah; coba lagi sebentar lagi."
)
MESSAGE_EN = "The database cannot be reached at the moment. Nothing was half-saved; try again in a moment."
#: Seconds a client is asked to wait before trying again.
RETRY_AFTER_S = 10


def is_database_outage(exc: BaseException | None) -> bool:
    """The database connection failed (refused, cut, closed), as opposed to a query the code got wrong."""
    return isinstance(exc, OperationalError | InterfaceError)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: JSON under ``/api/`` and for the probes, the ``503.html`` page otherwise."""
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": CODE, "message": f"{MESSAGE_ID} / {MESSAGE_EN}"}},
            status=503,
        )
    else:
        body = loader.get_template("503.html").render(
            {"code": CODE, "message_id": MESSAGE_ID, "message_en": MESSAGE_EN}
        )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database outage is a 503 (above); any other crash is Django's 500 page."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)
