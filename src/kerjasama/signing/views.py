"""The public verification page (no login; issue 15 item 4): ``/verifikasi/`` checks an uploaded PDF (capped
before it is read) and ``/verifikasi/<token>/`` opens the document a QR code points to. Both show whether the file
is one the system holds (SHA-256), the document's number, date, issuing region and subject unless it is
confidential (*rahasia*), and the signature report (``documents.domain.signatures.check_pdf_signatures`` with
the configured trust roots). Never the body, addressee, NIK or NIP. Rate limited per client address."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kerjasama.accounts.lockout import client_ip
from kerjasama.documents.domain.signatures import check_pdf_signatures
from kerjasama.signing import conf, selectors
from kerjasama.signing.models import SignedDocument
from kerjasama.signing.services import signed_bytes, verification_trust_roots

WINDOW_S = 60


def _over_limit(request: HttpRequest) -> bool:
    """A counter per client address and clock minute in the cache (fixed window, as the public API)."""
    limit = conf.verify_rate_per_minute()
    address = client_ip(request)
    if limit <= 0 or not address:
        return False
    key = f"kerjasama:verify-rate:{address}:{int(time.time() // WINDOW_S)}"
    cache.add(key, 0, timeout=WINDOW_S + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WINDOW_S + 5)
        count = 1
    return count > limit


def _limited() -> HttpResponse:
    response = HttpResponse(
        _("Too many verification requests; try again in a minute."), status=429, content_type="text/plain"
    )
    response["Retry-After"] = str(WINDOW_S)
    return response


def _report(data: bytes) -> list[Any]:
    if not data.startswith(b"%PDF"):
        return []
    return check_pdf_signatures(data, trust_roots=verification_trust_roots())


def _context(record: SignedDocument | None, findings: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "record": record,
        "findings": findings,
        "max_mb": conf.verify_max_bytes() // (1024 * 1024),
        **extra,
    }


@login_not_required
def verify_upload(request: HttpRequest) -> HttpResponse:
    """Upload a PDF: does the system hold this exact file, and what do its signatures say?"""
    if _over_limit(request):
        return _limited()
    if request.method != "POST":
        return render(request, "signing/verify.html", _context(None, [], checked=False))
    upload = request.FILES.get("berkas")
    if upload is None:
        context = _context(None, [], checked=False, problem=_("Choose a PDF file to verify."))
        return render(request, "signing/verify.html", context, status=422)
    if upload.size is None or upload.size > conf.verify_max_bytes():
        context = _context(None, [], checked=False, problem=_("The file is larger than the limit."))
        return render(request, "signing/verify.html", context, status=413)
    data = upload.read(conf.verify_max_bytes() + 1)
    if not data.startswith(b"%PDF"):
        context = _context(None, [], checked=False, problem=_("The file is not a PDF."))
        return render(request, "signing/verify.html", context, status=422)
    record = selectors.by_sha256(hashlib.sha256(data).hexdigest())
    return render(request, "signing/verify.html", _context(record, _report(data), checked=True))


@login_not_required
def verify_token(request: HttpRequest, token: str) -> HttpResponse:
    """The document a QR code points to: the file the system holds and its signature report."""
    if _over_limit(request):
        return _limited()
    record = selectors.by_token(token[:64])
    if record is None:
        raise Http404
    return render(
        request, "signing/verify.html", _context(record, _report(signed_bytes(record)), checked=True)
    )
