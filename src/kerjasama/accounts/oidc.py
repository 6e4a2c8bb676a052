"""The OpenID Connect backend: mozilla-django-oidc with the system's checks (issue 15 item 5).

The library runs the authorization code flow with PKCE (``OIDC_USE_PKCE``) and a nonce; this subclass adds
what it leaves open: the ID token's audience, issuer and expiry are checked (RFC 7519, OpenID Connect Core
3.1.3.7), the userinfo ``sub`` must equal the ID token's, and the account is found by
:func:`kerjasama.accounts.sso.resolve_login` (never by the library's e-mail match, never created with a
role). A failure of any step is kept on the request as a coded refusal for the callback view to audit and
show. The endpoints are resolved only when a single sign-on actually runs, so a password login never waits
on the provider.
"""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from kerjasama.accounts import sso
from kerjasama.accounts.models import User
from kerjasama.core.errors import KerjasamaError

#: The refusal of the current callback (a :class:`kerjasama.core.errors.KerjasamaError`), set on the request.
REFUSAL = "kerjasama_sso_refusal"
#: The claims of the current callback (``sso.SsoClaimsFact``), set on the request once the token is verified.
CLAIMS = "kerjasama_sso_claims"


def provider_settings(attr: str, *args: Any) -> Any:
    if attr in sso.DISCOVERED:
        return sso.provider_setting(attr) or (args[0] if args else None)
    return import_from_settings(attr, *args)


class SsoBackend(OIDCAuthenticationBackend):
    """Signs in the account linked to a verified OpenID Connect identity (and only from the SSO callback)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the endpoints here; they are resolved in ``authenticate`` instead (discovery may
        # need the provider, and this backend is instantiated for every password login too).
        self.UserModel = User

    get_settings = staticmethod(provider_settings)

    def _configure(self) -> None:
        self.OIDC_OP_TOKEN_ENDPOINT = self.get_settings("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = self.get_settings("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = self.get_settings("OIDC_OP_JWKS_ENDPOINT", None)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = self.get_settings("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = self.get_settings("OIDC_RP_IDP_SIGN_KEY", None)
        if not (self.OIDC_OP_TOKEN_ENDPOINT and self.OIDC_OP_USER_ENDPOINT and self.OIDC_RP_CLIENT_ID):
            raise sso.refused(
                "not_configured",
                "SSO belum dikonfigurasi lengkap (endpoint token/userinfo atau client id kosong).",
                "SSO is not fully configured (the token or userinfo endpoint or the client id is empty).",
            )
        if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")) and not (
            self.OIDC_RP_IDP_SIGN_KEY or self.OIDC_OP_JWKS_ENDPOINT
        ):
            raise sso.refused(
                "not_configured",
                "SSO belum dikonfigurasi: endpoint JWKS kosong.",
                "SSO is not configured: the JWKS endpoint is empty.",
            )

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the callback view calls with exactly these: a password login (username, password) is not ours.
        if request is None or set(kwargs) != {"nonce", "code_verifier"} or not sso.enabled():
            return None
        try:
            self._configure()
            return super().authenticate(request, **kwargs)
        except KerjasamaError as exc:
            setattr(request, REFUSAL, exc)
        except requests.HTTPError as exc:
            # The token endpoint refused the code: a wrong PKCE verifier, a used or expired code.
            setattr(
                request,
                REFUSAL,
                sso.refused(
                    "token_refused",
                    "Penyedia identitas menolak penukaran kode masuk (kode atau verifier PKCE tidak cocok).",
                    "The identity provider refused the login code (the code or the PKCE verifier does not match).",
                ),
            )
            del exc
        except requests.RequestException:
            setattr(request, REFUSAL, sso.unreachable())
        except (SuspiciousOperation, jwt.InvalidTokenError, KeyError, ValueError):
            setattr(request, REFUSAL, _token_invalid())
        return None

    def _verify_jws(self, payload: Any, key: Any) -> Any:
        """Signature, algorithm, audience, issuer, expiry and issue time of the ID token."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise _token_invalid()
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=sso.issuer() or None,
                leeway=settings.KERJASAMA_OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise sso.refused(
                "token_expired",
                "Token identitas dari penyedia sudah kedaluwarsa. Silakan masuk lagi.",
                "The identity token from the provider has expired. Please log in again.",
            ) from exc
        except jwt.InvalidAudienceError as exc:
            raise sso.refused(
                "token_audience",
                "Token identitas tidak ditujukan untuk aplikasi ini (audience salah).",
                "The identity token is not meant for this application (wrong audience).",
            ) from exc
        except jwt.InvalidIssuerError as exc:
            raise sso.refused(
                "token_issuer",
                "Token identitas diterbitkan oleh penyedia lain (issuer salah).",
                "The identity token was issued by another provider (wrong issuer).",
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise _token_invalid() from exc

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: dict[str, Any]) -> User:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub", "")) != str(payload.get("sub", "")):
            raise _token_invalid()
        fact = sso.SsoClaimsFact.from_claims(iss=str(payload["iss"]), claims={**userinfo, **payload})
        setattr(self.request, CLAIMS, fact)
        return sso.resolve_login(fact=fact)


def _token_invalid() -> sso.SsoRefused:
    return sso.refused(
        "token_invalid",
        "Token identitas dari penyedia tidak sah (tanda tangan, nonce atau isinya tidak cocok).",
        "The identity token from the provider is not valid (signature, nonce or content does not match).",
    )
