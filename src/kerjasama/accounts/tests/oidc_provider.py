"""A small OpenID Connect provider on loopback for the SSO tests (issue 15 item 5): never beyond 127.0.0.1.

A threaded ``http.server`` on an ephemeral port serving discovery, authorize (auto-approves the configured
person and redirects back with ``code`` and ``state``), token (checks the client, the redirect URI and the
PKCE ``code_verifier`` against the S256 ``code_challenge``; answers an RS256 ``id_token`` signed with a key
made here, carrying the request's nonce), userinfo and JWKS. ``misbehave`` makes it issue a wrong audience or
an expired token, so the relying party's checks can be seen to fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "kerjasama-test"
CLIENT_SECRET = "rahasia-uji"


class MockOidcProvider:
    """The provider: start(), then point the settings at ``issuer``; stop() at the end."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "uji-1"
        self.person: dict[str, Any] = {}
        self.misbehave: dict[str, Any] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.access: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/realms/uji"

    def start(self) -> MockOidcProvider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/protocol/openid-connect/auth",
            "token_endpoint": f"{self.issuer}/protocol/openid-connect/token",
            "userinfo_endpoint": f"{self.issuer}/protocol/openid-connect/userinfo",
            "jwks_uri": f"{self.issuer}/protocol/openid-connect/certs",
            "end_session_endpoint": f"{self.issuer}/protocol/openid-connect/logout",
            "code_challenge_methods_supported": ["S256"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, b"invalid_request"
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return 400, {}, b"pkce required"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "challenge": query["code_challenge"],
            "nonce": query.get("nonce"),
            "person": dict(self.person),
        }
        location = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
        return 302, {"Location": location}, b""

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {"error": "invalid_client"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        now = int(time.time())
        claims = {
            "iss": self.misbehave.get("iss", self.issuer),
            "aud": self.misbehave.get("aud", CLIENT_ID),
            "sub": grant["person"]["sub"],
            "iat": now + self.misbehave.get("shift", 0),
            "exp": now + 300 + self.misbehave.get("shift", 0),
            "nonce": grant["nonce"],
            "preferred_username": grant["person"].get("preferred_username"),
        }
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})
        access_token = secrets.token_urlsafe(24)
        self.access[access_token] = grant["person"]
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }

    def userinfo(self, authorization: str) -> tuple[int, dict[str, Any]]:
        person = self.access.get(authorization.removeprefix("Bearer ").strip())
        if person is None:
            return 401, {"error": "invalid_token"}
        return 200, {k: v for k, v in person.items() if v is not None}


def _handler(provider: MockOidcProvider) -> type[BaseHTTPRequestHandler]:
    class MockOidcRequestHandler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            self._send(status, json.dumps(payload).encode(), {"Content-Type": "application/json"})

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            path = url.path.removeprefix(urlsplit(provider.issuer).path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif path == "/protocol/openid-connect/certs":
                self._json(200, provider.jwks())
            elif path == "/protocol/openid-connect/auth":
                status, headers, body = provider.authorize(query)
                self._send(status, body, headers)
            elif path == "/protocol/openid-connect/userinfo":
                self._json(*provider.userinfo(self.headers.get("Authorization", "")))
            else:
                self._send(404, b"not found")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path.endswith("/protocol/openid-connect/token"):
                self._json(*provider.token(form))
            else:
                self._send(404, b"not found")

    return MockOidcRequestHandler
