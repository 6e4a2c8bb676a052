"""Single sign-on with OpenID Connect against a mock provider on loopback (issue 15 item 5).

The whole flow runs: the login page's SSO link → the provider's authorize endpoint (fetched on 127.0.0.1) →
the callback with ``code`` and ``state`` → the token exchange with the PKCE verifier → the RS256 ID token
checked (signature from JWKS, nonce, audience, issuer, expiry) → the account found by its link, NIP or e-mail.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from axes.handlers.proxy import AxesProxyHandler
from django.test import Client

from kerjasama.accounts import sso
from kerjasama.accounts.models import SsoIdentity, User
from kerjasama.accounts.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, MockOidcProvider
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NIP_YOGYA = "198703122010011004"  # example NIP (18 digits), planted on the demo account
LOOPBACK = requests.Session()
LOOPBACK.trust_env = False  # never a proxy: the provider is on 127.0.0.1


@pytest.fixture(scope="module")
def provider() -> Iterator[MockOidcProvider]:
    mock = MockOidcProvider().start()
    yield mock
    mock.stop()


@pytest.fixture
def sso_on(settings: Any, provider: MockOidcProvider, monkeypatch: pytest.MonkeyPatch) -> MockOidcProvider:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    settings.KERJASAMA_OIDC_ENABLED = True
    settings.KERJASAMA_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.KERJASAMA_OIDC_LINK_BY = ["nip", "email"]
    settings.KERJASAMA_OIDC_CREATE_USERS = False
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "kerjasama.accounts.oidc.SsoBackend",
    ]
    sso.clear_discovery_cache()  # endpoints from the mock's discovery document
    provider.misbehave = {}
    provider.person = {
        "sub": "f3c1-uji-0001",
        "preferred_username": "budi.santoso",
        "name": "Budi Santoso (contoh)",
        "nip": NIP_YOGYA,
        "email": "budi@contoh.go.id",
        "unit": "Bagian Kerja Sama",
    }
    AxesProxyHandler.reset_attempts()
    return provider


@pytest.fixture
def yogya() -> User:
    user = User.objects.get(username="operator.yogya")
    user.nip = NIP_YOGYA
    user.save(update_fields=["nip"])
    return user


def start(client: Client, next_url: str = "") -> str:
    """The SSO link, then the provider's authorize endpoint: the callback URL it redirects to."""
    response = client.get("/masuk/sso/" + (f"?next={next_url}" if next_url else ""))
    assert response.status_code == 302
    authorize = response["Location"]
    assert authorize.startswith("http://127.0.0.1:")
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    answer = LOOPBACK.get(authorize, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    callback = answer.headers["Location"]
    assert callback.startswith("http://testserver/masuk/sso/kembali/?")
    return callback.removeprefix("http://testserver")


def sso_login(client: Client, next_url: str = "") -> Any:
    return client.get(start(client, next_url))


def refusal_codes() -> list[str]:
    return [e.new["code"] for e in AuditEvent.objects.filter(action=AuditAction.SSO_REFUSED).order_by("pk")]


def signed_in_as(client: Client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


def test_it_links_by_nip_and_signs_in_with_the_accounts_own_role(
    sso_on: MockOidcProvider, yogya: User
) -> None:
    client = Client()
    response = sso_login(client, next_url="/akun/profil/")
    assert response.status_code == 302 and response["Location"] == "/akun/profil/"
    assert signed_in_as(client) == "operator.yogya"
    identity = SsoIdentity.objects.get(user=yogya)
    assert (identity.issuer, identity.subject, identity.linked_by) == (sso_on.issuer, "f3c1-uji-0001", "nip")
    yogya.refresh_from_db()
    assert yogya.role == "operator_kerja_sama"  # the system's role, untouched by the provider
    assert client.get("/akun/profil/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SSO_LINKED, object_id=str(yogya.pk)).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.SSO_LOGIN_SUCCEEDED, object_id=str(yogya.pk)).exists()
    assert len(sso_on.token_requests[-1]["code_verifier"]) >= 43  # PKCE verifier sent with the code

    # A later login with the same sub finds the account by the link, though the e-mail changed and no NIP came.
    sso_on.person = {**sso_on.person, "email": "budi.baru@contoh.go.id", "nip": None}
    other = Client()
    assert sso_login(other).status_code == 302
    assert signed_in_as(other) == "operator.yogya"
    assert SsoIdentity.objects.filter(user=yogya).count() == 1


def test_it_shows_an_unknown_person_the_not_linked_page_and_grants_nothing(sso_on: MockOidcProvider) -> None:
    sso_on.person = {
        **sso_on.person,
        "sub": "tak-dikenal",
        "nip": "199001012020121001",
        "email": "x@contoh.id",
    }
    client = Client()
    response = sso_login(client)
    assert response.status_code == 302 and response["Location"] == "/masuk/sso/belum-ditautkan/"
    assert signed_in_as(client) is None
    page = client.get(response["Location"])
    assert page.status_code == 403
    assert "Akun Anda belum ditautkan" in page.content.decode()
    assert client.get("/akun/profil/").status_code == 302  # can do nothing: back to the login page
    assert refusal_codes() == ["sso.not_linked"]
    assert not User.objects.filter(email="x@contoh.id").exists()


def test_it_creates_only_an_inactive_account_without_role_when_configured(
    sso_on: MockOidcProvider, settings: Any
) -> None:
    settings.KERJASAMA_OIDC_CREATE_USERS = True
    sso_on.person = {
        **sso_on.person,
        "sub": "baru-01",
        "nip": "199001012020121001",
        "email": "baru@contoh.id",
    }
    client = Client()
    assert sso_login(client)["Location"] == "/masuk/sso/belum-ditautkan/"
    created = User.objects.get(email="baru@contoh.id")
    assert (created.is_active, created.role, created.organisation_id) == (False, "", None)
    assert created.nip == "199001012020121001" and not created.has_usable_password()
    assert SsoIdentity.objects.get(user=created).linked_by == "created"
    assert AuditEvent.objects.filter(
        action=AuditAction.SSO_ACCOUNT_CREATED, object_id=str(created.pk)
    ).exists()
    # Again: the same account (by its link), still not signed in, no second account.
    assert sso_login(Client())["Location"] == "/masuk/sso/belum-ditautkan/"
    assert User.objects.filter(email="baru@contoh.id").count() == 1


def _refused(client: Client, response: Any, code: str, words: str) -> None:
    assert response.status_code == 302 and response["Location"] == "/masuk/"
    assert signed_in_as(client) is None
    page = client.get("/masuk/")
    assert words in page.content.decode()
    assert refusal_codes()[-1] == code


def test_it_refuses_a_tampered_state(sso_on: MockOidcProvider, yogya: User) -> None:
    client = Client()
    callback = start(client)
    response = client.get(callback.replace("state=", "state=x"))
    _refused(client, response, "sso.state_invalid", "state tidak cocok")
    assert not SsoIdentity.objects.exists()


def test_it_refuses_a_bad_pkce_verifier(sso_on: MockOidcProvider, yogya: User) -> None:
    client = Client()
    callback = start(client)
    session = client.session
    state = parse_qs(urlsplit(callback).query)["state"][0]
    session["oidc_states"][state]["code_verifier"] = "v" * 64  # not the verifier behind the challenge
    session.save()
    _refused(client, client.get(callback), "sso.token_refused", "verifier PKCE")
    assert sso_on.token_requests[-1]["code_verifier"] == "v" * 64


@pytest.mark.parametrize(
    ("misbehave", "code", "words"),
    [
        ({"aud": "aplikasi-lain"}, "sso.token_audience", "audience salah"),
        ({"shift": -3600}, "sso.token_expired", "kedaluwarsa"),
        ({"iss": "http://127.0.0.1:1/realms/lain"}, "sso.token_issuer", "issuer salah"),
    ],
)
def test_it_refuses_an_id_token_it_should_not_trust(
    sso_on: MockOidcProvider, yogya: User, misbehave: dict[str, Any], code: str, words: str
) -> None:
    sso_on.misbehave = misbehave
    client = Client()
    _refused(client, sso_login(client), code, words)
    assert not SsoIdentity.objects.exists()


def test_it_refuses_an_account_already_linked_to_another_identity(
    sso_on: MockOidcProvider, yogya: User
) -> None:
    SsoIdentity.objects.create(user=yogya, issuer=sso_on.issuer, subject="orang-lain", linked_by="admin")
    client = Client()
    _refused(client, sso_login(client), "sso.linked_elsewhere", "sudah ditautkan")
    assert list(SsoIdentity.objects.values_list("subject", flat=True)) == ["orang-lain"]


def test_it_refuses_to_link_a_sub_already_linked_elsewhere(sso_on: MockOidcProvider, yogya: User) -> None:
    sleman = User.objects.get(username="operator.sleman")
    SsoIdentity.objects.create(user=sleman, issuer=sso_on.issuer, subject="f3c1-uji-0001", linked_by="admin")
    admin = User.objects.get(username="admin")
    with pytest.raises(KerjasamaError) as refusal:
        sso.link_identity(actor=admin, user=yogya, issuer=sso_on.issuer, subject="f3c1-uji-0001")
    assert refusal.value.code == "sso.subject_linked_elsewhere"
    # The provider's login with that sub signs in the account it is linked to, never the NIP's.
    client = Client()
    sso_login(client)
    assert signed_in_as(client) == "operator.sleman"


def test_it_validates_the_nip_claim_before_linking(sso_on: MockOidcProvider, yogya: User) -> None:
    sso_on.person = {**sso_on.person, "nip": "12345"}
    client = Client()
    _refused(client, sso_login(client), "sso.nip_invalid", "18 angka")
    assert not SsoIdentity.objects.exists()


def test_it_keeps_the_local_login_beside_sso(sso_on: MockOidcProvider, settings: Any) -> None:
    client = Client()
    page = client.get("/masuk/?next=/akun/profil/").content.decode()
    assert 'data-testid="sso-login"' in page and "/masuk/sso/?next=/akun/profil/" in page
    user = User.objects.get(username="operator.sleman")
    user.set_password("kata-sandi-uji-123")
    user.save()
    response = client.post(
        "/masuk/?next=/akun/profil/", {"username": "operator.sleman", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 302 and response["Location"] == "/akun/profil/"
    assert not sso_on.token_requests or all(r.get("code") for r in sso_on.token_requests)

    settings.KERJASAMA_OIDC_ENABLED = False
    anonymous = Client()
    assert 'data-testid="sso-login"' not in anonymous.get("/masuk/").content.decode()
    assert anonymous.get("/masuk/sso/").status_code == 404


def test_it_ends_the_provider_session_on_logout_when_configured(
    sso_on: MockOidcProvider, yogya: User, settings: Any
) -> None:
    settings.KERJASAMA_OIDC_PROVIDER_LOGOUT = True
    settings.OIDC_STORE_ID_TOKEN = True
    client = Client()
    sso_login(client)
    response = client.post("/keluar/")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path.endswith("/protocol/openid-connect/logout")
    assert parse_qs(location.query)["id_token_hint"] and signed_in_as(client) is None
    settings.KERJASAMA_OIDC_PROVIDER_LOGOUT = False
    sso_login(client)
    assert client.post("/keluar/")["Location"] == "/masuk/"


def test_it_keeps_a_nip_to_18_digits_and_one_account() -> None:
    from kerjasama.accounts import services

    admin = User.objects.get(username="admin")
    yogya = User.objects.get(username="operator.yogya")
    sleman = User.objects.get(username="operator.sleman")
    services.update_user(actor=admin, user=yogya, nip="1987 0312 2010 0110 04")
    assert User.objects.get(pk=yogya.pk).nip == NIP_YOGYA
    for nip, code in (("12345", "accounts.nip_invalid"), (NIP_YOGYA, "accounts.nip_taken")):
        with pytest.raises(KerjasamaError) as refusal:
            services.update_user(actor=admin, user=sleman, nip=nip)
        assert refusal.value.code == code
    event = AuditEvent.objects.filter(action=AuditAction.USER_UPDATED, object_id=str(yogya.pk)).latest("pk")
    assert event.new["nip"].endswith("1004") and NIP_YOGYA not in str(event.new)
