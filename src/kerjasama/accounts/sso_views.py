"""Single sign-on pages (issue 15 item 5): start, callback, "not linked yet", and the logout that may end the
provider's session too. The flow itself is mozilla-django-oidc's (authorization code + PKCE + nonce); these
subclasses audit every outcome and show every refusal in words instead of an error page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from kerjasama.accounts import sso
from kerjasama.accounts.lockout import client_ip
from kerjasama.accounts.oidc import CLAIMS, REFUSAL, provider_settings
from kerjasama.core.errors import KerjasamaError

#: Session keys: the refusal shown once on the login page, the person shown on the "not linked" page, and
#: the issuer of an SSO session (for the provider logout).
SESSION_REFUSAL = "sso_refusal"
SESSION_UNLINKED = "sso_unlinked"
SESSION_ISSUER = "sso_issuer"


def _show_refusal(request: HttpRequest, exc: KerjasamaError) -> HttpResponse:
    fact = getattr(request, CLAIMS, None)
    sso.record_refusal(exc, fact=fact, ip_address=client_ip(request))
    if isinstance(exc, sso.SsoNotLinked):
        request.session[SESSION_UNLINKED] = {
            "username": fact.username if fact else "",
            "name": fact.name if fact else "",
            "email": fact.email if fact else "",
        }
        return redirect("sso_not_linked")
    request.session[SESSION_REFUSAL] = {
        "code": exc.code,
        "message_id": exc.message_id,
        "message_en": exc.message_en,
    }
    return redirect("login")


def refusal_text(request: HttpRequest) -> str:
    """The refusal of the last single sign-on, once (read by the login page)."""
    refusal = request.session.pop(SESSION_REFUSAL, None)
    if not refusal:
        return ""
    english = (get_language() or "").startswith("en")
    return str(refusal["message_en"] if english else refusal["message_id"])


class SsoStartView(OIDCAuthenticationRequestView):
    """``/masuk/sso/``: to the provider's authorization endpoint with state, nonce and the PKCE challenge."""

    get_settings = staticmethod(provider_settings)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not sso.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
            if not (self.OIDC_OP_AUTH_ENDPOINT and self.OIDC_RP_CLIENT_ID):
                raise sso.refused(
                    "not_configured",
                    "SSO belum dikonfigurasi (endpoint otorisasi atau client id kosong).",
                    "SSO is not configured (the authorization endpoint or the client id is empty).",
                )
        except KerjasamaError as exc:
            return _show_refusal(request, exc)
        return super().get(request)


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """``/masuk/sso/kembali/``: the provider sends the person back here with ``code`` and ``state``."""

    get_settings = staticmethod(provider_settings)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not sso.enabled():
            raise Http404
        states = request.session.get("oidc_states") or {}
        if request.GET.get("error"):
            exc: KerjasamaError = sso.refused(
                "provider_error",
                "Penyedia identitas membatalkan proses masuk.",
                "The identity provider cancelled the login.",
            )
            states.pop(request.GET.get("state", ""), None)
            request.session.modified = True
            return _show_refusal(request, exc)
        if "code" not in request.GET or request.GET.get("state") not in states:
            # A forged, replayed or tampered state (or a session that expired meanwhile): CSRF on the login.
            return _show_refusal(
                request,
                sso.refused(
                    "state_invalid",
                    "Permintaan masuk SSO tidak sah atau sudah dipakai (state tidak cocok). Silakan ulangi.",
                    "The SSO login request is not valid or was already used (state mismatch). Please start again.",
                ),
            )
        return super().get(request)

    def login_failure(self) -> HttpResponse:
        exc = getattr(self.request, REFUSAL, None)
        if exc is None:
            exc = sso.refused("refused", "Masuk dengan SSO ditolak.", "The SSO login was refused.")
        return _show_refusal(self.request, exc)

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        fact = getattr(self.request, CLAIMS, None)
        if fact is not None:
            self.request.session[SESSION_ISSUER] = fact.issuer
            sso.record_login(user=self.user, fact=fact, ip_address=client_ip(self.request))
        return response


def not_linked(request: HttpRequest) -> HttpResponse:
    """ "Your account is not linked yet": the person is known to the provider, not (yet) to the system."""
    person = request.session.get(SESSION_UNLINKED) or {}
    return render(request, "accounts/sso_not_linked.html", {"person": person}, status=403 if person else 200)


class SsoAwareLogoutView(auth_views.LogoutView):
    """Ends the local session; after an SSO login, also the provider's when KERJASAMA_OIDC_PROVIDER_LOGOUT."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        issuer = request.session.get(SESSION_ISSUER)
        id_token = request.session.get("oidc_id_token")
        response: HttpResponse = super().post(request, *args, **kwargs)
        from django.conf import settings

        if not (sso.enabled() and issuer and settings.KERJASAMA_OIDC_PROVIDER_LOGOUT):
            return response
        try:
            endpoint = sso.provider_setting("KERJASAMA_OIDC_END_SESSION_ENDPOINT")
        except KerjasamaError:
            return response
        if not endpoint:
            return response
        params = {
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
        if id_token:
            params["id_token_hint"] = id_token
        return HttpResponseRedirect(f"{endpoint}?{urlencode(params)}")
