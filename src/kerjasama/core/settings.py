"""Django settings for Kerjasama, read from the environment (see ``.env.example``).

SQLite under ``var/`` is the default (WAL, IMMEDIATE transactions so writers queue instead of failing);
``DB=postgres`` switches to PostgreSQL for the national deployment and for CI's second run.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from kerjasama.core.env import env_bool, env_float, env_int, env_list, env_paths, env_str
from kerjasama.core.installation import missing_secret_key, resolve_home

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The installation directory holds .env and var/: KERJASAMA_HOME, else the source checkout, else the parent of
# the virtual environment, else the current directory if it is an installation (kerjasama.core.installation).
BASE_DIR = resolve_home()
load_dotenv(BASE_DIR / ".env", override=False)

VAR_DIR = Path(env_str("KERJASAMA_VAR_DIR", str(BASE_DIR / "var"))).resolve()
PRODUCTION = env_str("KERJASAMA_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise missing_secret_key(BASE_DIR)
    # Development: a random key kept under var/ (never committed), so sessions survive a restart.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "template_partials",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "kerjasama.core",
    "kerjasama.accounts",
    "kerjasama.regions",
    "kerjasama.affairs",
    "kerjasama.planning",
    "kerjasama.compliance",
    "kerjasama.notifications",
    "kerjasama.documents",
    "kerjasama.mapping",
    "kerjasama.tkksd",
    "kerjasama.agreements",
    "kerjasama.monev",
    "kerjasama.lifecycle",
    "kerjasama.obligations",
    "kerjasama.deadlines",
    "kerjasama.disputes",
    "kerjasama.reports",
    "kerjasama.oversight",
    "kerjasama.portal",
    "kerjasama.api",
    "kerjasama.signing",
    "kerjasama.letters",
    "kerjasama.privacy",
    # Last, so that its login signal receivers run after the audit's (accounts.login_audit).
    "axes",
]

MIDDLEWARE = [
    # Times every request for Prometheus (kerjasama.core.metrics); not used unless KERJASAMA_METRICS=1.
    "kerjasama.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kerjasama.core.middleware.RequestIdMiddleware",
    # The request for the log lines written while it is answered, and the access line (kerjasama.core.jsonlog).
    "kerjasama.core.jsonlog.RequestLogMiddleware",
    "kerjasama.core.middleware.ApiErrorMiddleware",
    "kerjasama.core.middleware.RejectNulMiddleware",
    "kerjasama.core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kerjasama.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Answers a lockout 429 (accounts.lockout.lockout_response); keep it after AuthenticationMiddleware.
    "axes.middleware.AxesMiddleware",
    # Answers a failed login 401 (the form again); inside AxesMiddleware, so a lockout's 429 wins.
    "kerjasama.accounts.login_audit.LoginFailureStatusMiddleware",
]

ROOT_URLCONF = "kerjasama.urls"
WSGI_APPLICATION = "kerjasama.wsgi.application"

# Django's templates, a plain <select> written in Python (core/form_renderer.py: a fifth of the list page).
FORM_RENDERER = "kerjasama.core.form_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kerjasama.portal.context_processors.navigation",
            ],
        },
    }
]


def _databases() -> dict[str, dict[str, object]]:
    engine = env_str("DB", "sqlite").lower()
    if engine in {"postgres", "postgresql"}:
        return {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": env_str("DB_NAME", "kerjasama"),
                "USER": env_str("DB_USER", "postgres"),
                "PASSWORD": env_str("DB_PASSWORD", ""),
                "HOST": env_str("DB_HOST", "127.0.0.1"),
                "PORT": env_int("DB_PORT", 5432),
                "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
                "TEST": {"NAME": env_str("DB_TEST_NAME", "test_kerjasama")},
            }
        }
    if engine != "sqlite":
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"DB={engine!r}: expected 'sqlite' or 'postgres'")
    path = Path(env_str("SQLITE_PATH", str(VAR_DIR / "kerjasama.sqlite3")))
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of failing
                # half-way; WAL lets readers continue while one writer works (house rule 8).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username or client address is locked out (django-axes).
    "kerjasama.accounts.lockout.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "oversight:dashboard"  # each official to their dashboard; others to the home page
LOGOUT_REDIRECT_URL = "login"

# Password guessing (django-axes, attempts stored in the database: SQLite or PostgreSQL). After
# KERJASAMA_LOGIN_FAILURE_LIMIT failed logins for one username, or from one client address (invalid API tokens
# count for the address too), within KERJASAMA_LOGIN_LOCKOUT_MINUTES, that username or address is refused for
# the rest of those minutes (429, saying when to try again). A success does not reset the count (else an
# attacker with an account of their own could reset their address's count between guesses). An admin lifts
# a lockout in the admin ("Access attempts") or with `kerjasama manage axes_reset_username <username>`.
AXES_ENABLED = env_bool("KERJASAMA_LOGIN_LOCKOUT", default=True)
AXES_FAILURE_LIMIT = env_int("KERJASAMA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KERJASAMA_LOGIN_LOCKOUT_MINUTES", 15))
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = "kerjasama.accounts.lockout.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "kerjasama.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "kerjasama.accounts.lockout.client_ip"
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins and logouts are in the audit trail (AuditEvent)
AXES_VERBOSE = False
# Single sign-on with OpenID Connect (issue 15 item 5; docs/sso.md): the authorization code flow with PKCE
# (mozilla-django-oidc) against a region's own identity provider (Keycloak or another OIDC provider). Off by
# default; local accounts always stay. Endpoints left empty are read once from the issuer's discovery document
# ({issuer}/.well-known/openid-configuration). The claim names are settings because each provider names them
# its own way; the NIP claim has no standard name [U]. A first login links to an existing account only as
# KERJASAMA_OIDC_LINK_BY says; the provider never grants a role (roles are assigned in the system).
KERJASAMA_OIDC_ENABLED = env_bool("KERJASAMA_OIDC_ENABLED", default=False)
KERJASAMA_OIDC_ISSUER = env_str("KERJASAMA_OIDC_ISSUER", "").rstrip("/")
KERJASAMA_OIDC_CLAIM_USERNAME = env_str("KERJASAMA_OIDC_CLAIM_USERNAME", "preferred_username")
KERJASAMA_OIDC_CLAIM_NAME = env_str("KERJASAMA_OIDC_CLAIM_NAME", "name")
KERJASAMA_OIDC_CLAIM_NIP = env_str("KERJASAMA_OIDC_CLAIM_NIP", "nip")  # [U] no standard claim name
KERJASAMA_OIDC_CLAIM_EMAIL = env_str("KERJASAMA_OIDC_CLAIM_EMAIL", "email")
KERJASAMA_OIDC_CLAIM_UNIT = env_str("KERJASAMA_OIDC_CLAIM_UNIT", "unit")  # [U] shown to the admin, never a role
# How a first login finds an existing local account: none, nip, email, or nip,email (NIP first).
KERJASAMA_OIDC_LINK_BY = env_list("KERJASAMA_OIDC_LINK_BY", ["nip"])
# Create an account (inactive, with no role and no organisation) for an unknown user; an administrator then
# assigns the organisation and role and activates it. Off: the unknown user only sees "not linked yet".
KERJASAMA_OIDC_CREATE_USERS = env_bool("KERJASAMA_OIDC_CREATE_USERS", default=False)
# Logout also ends the session at the provider (RP-initiated logout, its end_session_endpoint).
KERJASAMA_OIDC_PROVIDER_LOGOUT = env_bool("KERJASAMA_OIDC_PROVIDER_LOGOUT", default=False)
KERJASAMA_OIDC_END_SESSION_ENDPOINT = env_str("KERJASAMA_OIDC_END_SESSION_ENDPOINT", "")
# Clock skew allowed when checking the ID token's exp and iat.
KERJASAMA_OIDC_LEEWAY_SECONDS = env_int("KERJASAMA_OIDC_LEEWAY_SECONDS", 60)
# mozilla-django-oidc's own settings, filled from the KERJASAMA_OIDC_* variables.
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("KERJASAMA_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("KERJASAMA_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("KERJASAMA_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("KERJASAMA_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_CLIENT_ID = env_str("KERJASAMA_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("KERJASAMA_OIDC_CLIENT_SECRET", "")  # from the environment only
OIDC_RP_SCOPES = " ".join(env_list("KERJASAMA_OIDC_SCOPES", ["openid", "profile", "email"]))
OIDC_RP_SIGN_ALGO = env_str("KERJASAMA_OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env_int("KERJASAMA_OIDC_TIMEOUT_SECONDS", 10)
OIDC_STORE_ID_TOKEN = KERJASAMA_OIDC_PROVIDER_LOGOUT  # the id_token_hint of the provider logout
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
OIDC_CREATE_USER = False  # accounts.oidc decides (KERJASAMA_OIDC_CREATE_USERS), never the library
if KERJASAMA_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("kerjasama.accounts.oidc.SsoBackend")

# Addresses (or networks, e.g. 10.0.0.0/8) of the reverse proxies in front of the application: only from them
# is X-Forwarded-For read for the client address that a lockout counts, and X-Request-ID taken as the request id
# of the audit trail. Empty: REMOTE_ADDR is the client, and every request id is made here.
KERJASAMA_TRUSTED_PROXIES = env_list("KERJASAMA_TRUSTED_PROXIES", [])

# Indonesian first, English available (the language switcher sets a cookie).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing root before collectstatic
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"

# Documents (offer letters, KB, PKS, minutes, evidence): the filesystem under var/documents by default;
# KERJASAMA_DOCUMENT_STORAGE=s3 stores them on S3-compatible object storage through django-storages
# (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME).
# Files are never served from a public URL: downloads go through a permission-checked view.
KERJASAMA_DOCUMENT_STORAGE = env_str("KERJASAMA_DOCUMENT_STORAGE", "filesystem").lower()
if KERJASAMA_DOCUMENT_STORAGE == "s3":
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", "kerjasama-documents"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY", "") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif KERJASAMA_DOCUMENT_STORAGE == "filesystem":
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "documents"), "base_url": None},
    }
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"KERJASAMA_DOCUMENT_STORAGE={KERJASAMA_DOCUMENT_STORAGE!r}: expected 'filesystem' or 's3'"
    )
KERJASAMA_DOCUMENT_MAX_BYTES = env_int("KERJASAMA_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
KERJASAMA_DOCUMENT_TYPES = env_list("KERJASAMA_DOCUMENT_TYPES", ["pdf", "xlsx"])
# An XLSX is a zip: the sum of its members' declared uncompressed sizes is capped (zip-bomb guard).
KERJASAMA_DOCUMENT_MAX_UNCOMPRESSED_BYTES = env_int("KERJASAMA_DOCUMENT_MAX_UNCOMPRESSED_BYTES", 256 * 2**20)
# Trust roots for electronic signatures in uploaded PDFs: certificate files (PEM or DER) whose chains make a
# signature "sah". UU 11/2008 jo. UU 19/2016 Pasal 11 and PP 71/2019 Pasal 59-60 tie a certified electronic
# signature to an Indonesian certification authority (for officials: BSrE, BSSN), but which roots an operator
# trusts is left to the operator; none by default, so a signature is at best "tidak dapat diverifikasi".
KERJASAMA_SIGNATURE_TRUST_ROOTS = env_paths("KERJASAMA_SIGNATURE_TRUST_ROOTS", [])
# Imports (the region profile XLSX, the functional-areas and affairs CSVs) are read and checked outside any
# transaction, capped before parsing by the unpacked size an XLSX's zip directory declares and, while
# parsing, by the number of data rows; a file over a cap is refused as a whole with a clear message.
KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES", 10 * 2**20)
KERJASAMA_IMPORT_MAX_ROWS = env_int("KERJASAMA_IMPORT_MAX_ROWS", 5_000)
# `import-functional-areas --replace` refuses, without --force, to remove more than this share of an area's
# members (a truncated but well-formed file looks exactly like that).
KERJASAMA_FUNCTIONAL_AREAS_MAX_REMOVAL_SHARE = env_float("KERJASAMA_FUNCTIONAL_AREAS_MAX_REMOVAL_SHARE", 0.2)

# Background work (house rule 9): Django's tasks API through the django-tasks backport.
# KERJASAMA_TASK_BACKEND=database (default: a table in the same database, worked by `kerjasama worker`),
# rq (Redis at REDIS_URL, worked by `kerjasama worker`, for production) or immediate (run in the caller,
# used by the tests).
KERJASAMA_TASK_BACKEND = env_str("KERJASAMA_TASK_BACKEND", "database").lower()
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
KERJASAMA_TASK_QUEUES = ["default", "mapping", "notifications"]
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if KERJASAMA_TASK_BACKEND not in _TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"KERJASAMA_TASK_BACKEND={KERJASAMA_TASK_BACKEND!r}: expected one of {', '.join(_TASK_BACKENDS)}"
    )
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[KERJASAMA_TASK_BACKEND],
        "QUEUES": KERJASAMA_TASK_QUEUES,
    }
}
RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600} for name in KERJASAMA_TASK_QUEUES}
# Finished task results of the database backend older than this many days are deleted by the daily
# `kerjasama schedule` run (periodic task tasks.prune_results).
KERJASAMA_TASK_RESULT_DAYS = env_int("KERJASAMA_TASK_RESULT_DAYS", 14)
# A notification still in the outbox this many minutes after its change committed is delivered by the hourly
# `kerjasama schedule` run (periodic task notifications.redeliver): its own task never ran, e.g. Redis was down.
KERJASAMA_NOTIFICATION_REDELIVER_MINUTES = env_int("KERJASAMA_NOTIFICATION_REDELIVER_MINUTES", 10)
# Deadline reminders (kerjasama.deadlines.conf; local policy, the regulations set none): calendar days before an
# agreement's notice date and end of term, working days before a rulebook stage clock, "jatuh tempo" within N
# days, how far ahead reminders are planned and how far back overdue deadlines are listed.
KERJASAMA_DEADLINE_EXPIRY_LEADS = env_list("KERJASAMA_DEADLINE_EXPIRY_LEADS", ["180", "90", "30"])
KERJASAMA_DEADLINE_STAGE_LEADS = env_list("KERJASAMA_DEADLINE_STAGE_LEADS", ["10", "5", "0"])
KERJASAMA_DEADLINE_OBLIGATION_LEADS = env_list("KERJASAMA_DEADLINE_OBLIGATION_LEADS", ["7", "1"])
KERJASAMA_DEADLINE_MONEV_LEADS = env_list("KERJASAMA_DEADLINE_MONEV_LEADS", ["14", "3"])
KERJASAMA_DEADLINE_MONEV_OVERDUE_DAYS = env_list("KERJASAMA_DEADLINE_MONEV_OVERDUE_DAYS", ["1", "14"])
KERJASAMA_DEADLINE_SOON_DAYS = env_int("KERJASAMA_DEADLINE_SOON_DAYS", 30)
KERJASAMA_DEADLINE_HORIZON_DAYS = env_int("KERJASAMA_DEADLINE_HORIZON_DAYS", 400)
KERJASAMA_DEADLINE_OVERDUE_DAYS = env_int("KERJASAMA_DEADLINE_OVERDUE_DAYS", 365)
# Seconds a worker reuses a user's computed deadlines while no change they read was committed (deadlines.memo;
# the data versions it is keyed on move after every committed audited change); 0: computed on every request.
KERJASAMA_DEADLINES_CACHE_SECONDS = env_int("KERJASAMA_DEADLINES_CACHE_SECONDS", 300)
if KERJASAMA_TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")

# Django's cache, which holds the API rate-limit counters: per process (locmem, the default; enough for one
# server process) or redis (REDIS_URL), shared by every gunicorn worker and application server.
KERJASAMA_CACHE = env_str("KERJASAMA_CACHE", "locmem").lower()
if KERJASAMA_CACHE not in {"locmem", "redis"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"KERJASAMA_CACHE={KERJASAMA_CACHE!r}: expected 'locmem' or 'redis'")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if KERJASAMA_CACHE == "redis"
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# API requests per minute per token (or per signed-in session user); over it: 429 with Retry-After. 0: off.
KERJASAMA_API_RATE_PER_MINUTE = env_int("KERJASAMA_API_RATE_PER_MINUTE", 300)

# E-mail for notifications: the console in development, SMTP in production (EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS); any Django e-mail backend by EMAIL_BACKEND.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kerjasama <noreply@kerjasama.invalid>")
# The address that links in e-mails point to (e.g. https://kerjasama.example.go.id).
KERJASAMA_SITE_URL = env_str("KERJASAMA_SITE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS (on by default in production; see the README's production section): redirect http:// to https://,
# HSTS for a year with subdomains and preload. Behind a reverse proxy that terminates TLS, set
# SECURE_PROXY_SSL_HEADER to the header the proxy sets (X-Forwarded-Proto) so a proxied https request is
# recognised, and make sure the proxy overwrites that header from clients.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
_proxy_ssl_header = env_str("SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)

# Leaflet is served from the django-leaflet wheel's static folder (not installed as an app: its admin
# integration needs GeoDjango/GDAL, which Kerjasama does not use). No tile server unless one is configured.
_leaflet_spec = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = (
    [Path(next(iter(_leaflet_spec.submodule_search_locations))) / "static"]
    if _leaflet_spec and _leaflet_spec.submodule_search_locations
    else []
)
KERJASAMA_TILE_URL = env_str("KERJASAMA_TILE_URL", "")
KERJASAMA_TILE_ATTRIBUTION = env_str("KERJASAMA_TILE_ATTRIBUTION", "")


def _tile_origin(url: str) -> list[str]:
    """The origin of the tile URL template for the CSP's img-src (``{s}.`` subdomains become ``*.``)."""
    parts = urlsplit(url.replace("{s}.", "a-subdomain."))
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return []
    host = parts.netloc.replace("a-subdomain.", "*.")
    return [f"{parts.scheme}://{host}"]


# Content-Security-Policy (django-csp): only the project's own static files; no inline script or style
# (data for scripts travels in <script type="application/json"> and data- attributes). Map tiles, when a
# tile server is configured, are the one outside source (images only).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_origin(KERJASAMA_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy: no page of Kerjasama uses these browser features, so none may be used.
KERJASAMA_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "screen-wake-lock=(), xr-spatial-tracking=(), browsing-topics=()"
)

# Two polygons closer than this count as bordering (simplified boundary data leaves slivers between
# neighbours). About 100 m; the pair is flagged touch_exact=False when it needed the tolerance.
KERJASAMA_ADJACENCY_TOLERANCE_M = env_float("KERJASAMA_ADJACENCY_TOLERANCE_M", 100.0)
# Shared-border length of a bordering pair: the length of A's boundary lying within this band of B (averaged
# both ways, turn-away at tripoints trimmed). Wider than the adjacency tolerance because the upstream polygons
# were simplified one region at a time and real borders show as lines up to ~1.5 km apart (Kota Yogyakarta -
# Kabupaten Sleman); it only measures pairs the adjacency tolerance already found (issue 9, section 6).
KERJASAMA_BORDER_TOLERANCE_M = env_float("KERJASAMA_BORDER_TOLERANCE_M", 1500.0)

# Legal parameters the sources leave open (REGULATIONS.md section 5): every RulebookSettings field can be set
# as KERJASAMA_RULEBOOK_<FIELD NAME IN CAPITALS>, e.g. KERJASAMA_RULEBOOK_MAX_PKS_TERM_YEARS=5. Unset fields
# keep the rulebook's documented defaults (listed on the /aturan/ page and in .env.example).
KERJASAMA_RULEBOOK = {
    key.removeprefix("KERJASAMA_RULEBOOK_").lower(): value
    for key, value in os.environ.items()
    if key.startswith("KERJASAMA_RULEBOOK_")
}

# Weights of the mapping recommendation engine (kerjasama.mapping.domain.weights.MappingWeights), each
# settable as KERJASAMA_MAPPING_<FIELD NAME IN CAPITALS>, e.g. KERJASAMA_MAPPING_BORDER=30.
KERJASAMA_MAPPING = {
    key.removeprefix("KERJASAMA_MAPPING_").lower(): value
    for key, value in os.environ.items()
    if key.startswith("KERJASAMA_MAPPING_")
}

# Monitoring and evaluation (kerjasama.monev.conf): KERJASAMA_MONEV_PERIOD_MONTHS, _DUE_DAYS,
# _STAGNATION_MONTHS, _RATING_SCALE (PP 28/2018 Pasal 44(5) -> PP 12/2017 set no frequency: local policy).
KERJASAMA_MONEV = {
    key.removeprefix("KERJASAMA_MONEV_").lower(): value
    for key, value in os.environ.items()
    if key.startswith("KERJASAMA_MONEV_")
}
# Data-quality scores (kerjasama.oversight.quality_conf): KERJASAMA_QUALITY_WEIGHT_QA_C01 … _QA_R04,
# _REGION_AGREEMENTS_WEIGHT, _RATING_GAP, _REPORT_PERIODS (no regulation sets them: docs/data-quality.md).
KERJASAMA_QUALITY = {
    key.removeprefix("KERJASAMA_QUALITY_").lower(): value
    for key, value in os.environ.items()
    if key.startswith("KERJASAMA_QUALITY_")
}
# The early warning of disputes (kerjasama.disputes.conf; issue 12 item 5): weights, thresholds and switches as
# KERJASAMA_RISK_<NAME>, e.g. KERJASAMA_RISK_WEIGHT_PAYMENT_LATE=0.5, KERJASAMA_RISK_DISABLED=stagnation. No
# regulation sets them: documented heuristics (docs/risk.md).
KERJASAMA_RISK = {
    key.removeprefix("KERJASAMA_RISK_").lower(): value
    for key, value in os.environ.items()
    if key.startswith("KERJASAMA_RISK_")
}
# The settlement checklist when a cooperation ends (kerjasama.lifecycle.conf: keys aset, kewajiban, personel,
# arsip, pendanaan; PP 28/2018 Pasal 9, 20, 22). No article lists the items, so the list is a setting [U].
KERJASAMA_SETTLEMENT_ITEMS = env_list(
    "KERJASAMA_SETTLEMENT_ITEMS", ["aset", "kewajiban", "personel", "arsip", "pendanaan"]
)
# Obligations (hak dan kewajiban) of agreements in force (issue 11, item 1; the regulation sets no schedule):
# occurrences are generated this many months ahead (never past the obligation's last date), and a late
# occurrence escalates at these numbers of days late: reminder to the owner, escalation, partner and governor.
KERJASAMA_OBLIGATION_HORIZON_MONTHS = env_int("KERJASAMA_OBLIGATION_HORIZON_MONTHS", 24)
KERJASAMA_OBLIGATION_ESCALATION_DAYS = [
    int(d) for d in env_list("KERJASAMA_OBLIGATION_ESCALATION_DAYS", ["0", "7", "30"])
]

# Dispute cases (kerjasama.disputes.conf; issue 12 item 3): no regulation sets how many deliberation
# (musyawarah) rounds or days the parties have before the resolver facilitates (UU 23/2014 Pasal 370 and
# PP 28/2018 Pasal 8, 21 set none) [U]: at most this many rounds, within this many days of the screening.
KERJASAMA_DISPUTE_MAX_ROUNDS = env_int("KERJASAMA_DISPUTE_MAX_ROUNDS", 3)
KERJASAMA_DISPUTE_DELIBERATION_DAYS = env_int("KERJASAMA_DISPUTE_DELIBERATION_DAYS", 60)
# The rest of the path (facilitation, decision, escalation of an overdue step, reminder leads): no regulation
# sets these days either [U]; the escalation mirrors UU 23/2014 Pasal 370(3) and 92 (governor -> Minister).
KERJASAMA_DISPUTE_FACILITATION_DAYS = env_int("KERJASAMA_DISPUTE_FACILITATION_DAYS", 60)
KERJASAMA_DISPUTE_DECISION_DAYS = env_int("KERJASAMA_DISPUTE_DECISION_DAYS", 30)
KERJASAMA_DISPUTE_ESCALATION_DAYS = env_int("KERJASAMA_DISPUTE_ESCALATION_DAYS", 14)
KERJASAMA_DISPUTE_REMINDER_LEADS = env_list("KERJASAMA_DISPUTE_REMINDER_LEADS", ["7", "1"])
# The stored early warning (kerjasama.disputes.early_warning): years between the tariff/fee reviews of an agreement
# with a payment obligation; 0 = unknown (the PKS's clause, not stored yet; no regulation read sets one) [U].
KERJASAMA_TARIFF_REVIEW_EVERY_YEARS = env_int("KERJASAMA_TARIFF_REVIEW_EVERY_YEARS", 0)

# The periodic report upward (kerjasama.reports.conf; PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24 set no
# frequency or format): "semester" (default) or "tahunan", due this many days after the period ends.
# The public register shows an agreement every party consented to publish once it is in one of these stages
# (kerjasama.oversight.selectors.public_stages; UU 14/2008 names none [U]): signed and in force, or ended.
# Stored per agreement (oversight.AgreementPublication): after a change run `kerjasama publication-recompute`.
KERJASAMA_PUBLIC_REGISTER_STAGES = env_list("KERJASAMA_PUBLIC_REGISTER_STAGES", ["pelaksanaan", "berakhir"])

KERJASAMA_REPORT_PERIOD = env_str("KERJASAMA_REPORT_PERIOD", "semester")
KERJASAMA_REPORT_DUE_DAYS = env_int("KERJASAMA_REPORT_DUE_DAYS", 30)
# Reminders of a report not yet submitted (kerjasama.reports.deadlines; no regulation sets them): days before
# the due date, and days after a missed one (the later step is an escalation).
KERJASAMA_REPORT_REMINDER_LEADS = env_list("KERJASAMA_REPORT_REMINDER_LEADS", ["14", "3"])
KERJASAMA_REPORT_OVERDUE_DAYS = env_list("KERJASAMA_REPORT_OVERDUE_DAYS", ["1", "14"])

# Official letters (kerjasama.letters.conf; docs/letters.md; Permendagri 1/2023): the number pattern unless a
# region stores its own (fields {kka} {seq} {unit} {year} {month} {month_roman}; local rules vary [U]), and the
# defaults a region must confirm: the archive classification code (KKA, Permendagri 83/2022; the code for
# cooperation letters was not found in the sources read), the retention class (JRA) and the unit code.
KERJASAMA_LETTER_NUMBER_PATTERN = env_str("KERJASAMA_LETTER_NUMBER_PATTERN", "{kka}/{seq}/{unit}/{year}")
KERJASAMA_LETTER_KKA_CODE = env_str("KERJASAMA_LETTER_KKA_CODE", "000.8.3.3")
KERJASAMA_LETTER_RETENTION_CLASS = env_str(
    "KERJASAMA_LETTER_RETENTION_CLASS", "JRA daerah (belum dikonfirmasi)"
)
KERJASAMA_LETTER_UNIT_CODE = env_str("KERJASAMA_LETTER_UNIT_CODE", "KS")
# A TKKSD invitation names up to this many invitees after "Yth."; more go to an attached list (the number is
# a house choice, not found in Permendagri 1/2023 [U]); the largest emblem (lambang daerah) file accepted.
KERJASAMA_LETTER_INVITEES_INLINE = env_int("KERJASAMA_LETTER_INVITEES_INLINE", 5)
KERJASAMA_LETTER_EMBLEM_MAX_BYTES = env_int("KERJASAMA_LETTER_EMBLEM_MAX_BYTES", 512 * 1024)

# Electronic signing (kerjasama.signing.conf; docs/signing.md; UU 11/2008 jo. UU 19/2016 Pasal 11, PP 71/2019
# Pasal 59-60): "fake" signs with a local demo CA that is NOT BSrE (refused in production unless
# KERJASAMA_SIGNER_ALLOW_FAKE), "bsre" calls the region's own BSrE eSign Client Service (API v2) at
# KERJASAMA_BSRE_URL (its own network; never retried). The API paths are settings [U: from BSrE's integration
# guide as generally described; confirm with the region's installation].
KERJASAMA_SIGNER = env_str("KERJASAMA_SIGNER", "fake")
KERJASAMA_SIGNER_ALLOW_FAKE = env_bool("KERJASAMA_SIGNER_ALLOW_FAKE", default=False)
KERJASAMA_FAKE_SIGNER_DIR = env_str("KERJASAMA_FAKE_SIGNER_DIR", str(VAR_DIR / "fake-signer"))
KERJASAMA_BSRE_URL = env_str("KERJASAMA_BSRE_URL", "")
KERJASAMA_BSRE_CLIENT_ID = env_str("KERJASAMA_BSRE_CLIENT_ID", "")
KERJASAMA_BSRE_CLIENT_SECRET = env_str("KERJASAMA_BSRE_CLIENT_SECRET", "")
KERJASAMA_BSRE_TIMEOUT_S = env_float("KERJASAMA_BSRE_TIMEOUT_S", 60.0)
KERJASAMA_BSRE_SIGN_PATH = env_str("KERJASAMA_BSRE_SIGN_PATH", "/api/v2/sign/pdf")
KERJASAMA_BSRE_STATUS_PATH = env_str("KERJASAMA_BSRE_STATUS_PATH", "/api/v2/user/check/status")
KERJASAMA_BSRE_VERIFY_PATH = env_str("KERJASAMA_BSRE_VERIFY_PATH", "/api/v2/verify/pdf")
# The footer of an electronically signed letter (wording as a setting; UU ITE, PP 71/2019) [U].
KERJASAMA_SIGNATURE_FOOTER_TEXT = env_str(
    "KERJASAMA_SIGNATURE_FOOTER_TEXT",
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan "
    "oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN, sesuai UU Nomor 11 Tahun 2008 tentang Informasi "
    "dan Transaksi Elektronik dan PP Nomor 71 Tahun 2019.",
)
# The public verification page (/verifikasi/; its URL in the QR code starts with KERJASAMA_SITE_URL): the
# upload cap (checked before parsing) and requests per client address and minute.
KERJASAMA_VERIFY_MAX_BYTES = env_int("KERJASAMA_VERIFY_MAX_BYTES", 10 * 1024 * 1024)
KERJASAMA_VERIFY_RATE_PER_MINUTE = env_int("KERJASAMA_VERIFY_RATE_PER_MINUTE", 30)

# Personal data (kerjasama.privacy.conf; docs/privacy.md; UU 27/2022): the 3×24-hour clocks of a data subject's
# request (Pasal 32-34 [U]) and of a breach notification (Pasal 46(1) [U]); the retention rules by JRA class
# (CLASS=YEARS:anonymise|erase after the record closes, "*" for every other class; default [U]); who is notified
# besides the data subjects (the PDP authority of Pasal 58 is not formed in the sources read [U]).
KERJASAMA_PRIVACY_ANSWER_HOURS = env_int("KERJASAMA_PRIVACY_ANSWER_HOURS", 72)
KERJASAMA_PRIVACY_BREACH_HOURS = env_int("KERJASAMA_PRIVACY_BREACH_HOURS", 72)
KERJASAMA_PRIVACY_RETENTION_RULES = env_list("KERJASAMA_PRIVACY_RETENTION_RULES", ["*=10:anonymise"])
KERJASAMA_PRIVACY_AUTHORITY = env_str(
    "KERJASAMA_PRIVACY_AUTHORITY", "Lembaga Penyelenggara Pelindungan Data Pribadi (UU 27/2022 Pasal 58)"
)
KERJASAMA_PRIVACY_CONTROLLER = env_str("KERJASAMA_PRIVACY_CONTROLLER", "Kementerian Dalam Negeri")

# Demo organisations and users are example data; the password is for local trials only.
KERJASAMA_LOAD_DEMO = env_bool("KERJASAMA_LOAD_DEMO", default=True)
KERJASAMA_DEMO_PASSWORD = env_str("KERJASAMA_DEMO_PASSWORD", "kerjasama-demo-2026")

# Log lines (kerjasama.core.jsonlog; docs/operations.md): "plain" text, or "json" (one object per line with the
# request id, user id, view, status and duration; secrets and NIKs masked) for a log collector in production.
KERJASAMA_LOG_FORMAT = env_str("KERJASAMA_LOG_FORMAT", "plain").lower()
if KERJASAMA_LOG_FORMAT not in {"plain", "json"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"KERJASAMA_LOG_FORMAT={KERJASAMA_LOG_FORMAT!r}: expected 'plain' or 'json'")
# One access line per request (logger kerjasama.request: view, method, status, duration); on with json logs.
KERJASAMA_ACCESS_LOG = env_bool("KERJASAMA_ACCESS_LOG", default=KERJASAMA_LOG_FORMAT == "json")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "kerjasama.core.jsonlog.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": KERJASAMA_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # pyHanko logs a warning with a traceback for every document changed after signing; the outcome is
        # recorded on the SignatureCheck row and shown to the reader, so only its errors reach the log.
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}

# Open data (kerjasama.oversight.conf): requests per minute per client address on the public API
# /api/v1/public/ (no login; over it: 429 with Retry-After; 0: off), and the OCDS ocid prefix [U].
KERJASAMA_PUBLIC_API_RATE_PER_MINUTE = env_int("KERJASAMA_PUBLIC_API_RATE_PER_MINUTE", 60)
# Seconds an access token of a machine client (OAuth2 client credentials at /api/v1/oauth/token) lasts
# (issue 15 item 10; local policy, RFC 6749 sets none).
KERJASAMA_OAUTH_TOKEN_SECONDS = env_int("KERJASAMA_OAUTH_TOKEN_SECONDS", 3600)
KERJASAMA_OCDS_PREFIX = env_str("KERJASAMA_OCDS_PREFIX", "ocds-ksd000")
# The package described for the portals regions run (issue 15 item 8; kerjasama.oversight.portals): the CKAN
# organisation it is published under and the dataset's name there (default: the package's name), the portal's
# API token for `kerjasama open-data --ckan-push` (env only, never a command-line argument), and the Satu Data
# Indonesia producer (produsen data) and custodian (walidata, default: the producer) with an office e-mail
# (Perpres 39/2019) [U: the default names the ministry's directorate; a region's installation names its own].
KERJASAMA_CKAN_ORGANIZATION = env_str("KERJASAMA_CKAN_ORGANIZATION", "")
KERJASAMA_CKAN_DATASET_NAME = env_str("KERJASAMA_CKAN_DATASET_NAME", "")
KERJASAMA_CKAN_TOKEN = env_str("KERJASAMA_CKAN_TOKEN", "")
KERJASAMA_SDI_PRODUCER = env_str(
    "KERJASAMA_SDI_PRODUCER", "Kementerian Dalam Negeri, Direktorat Jenderal Bina Administrasi Kewilayahan"
)
KERJASAMA_SDI_CUSTODIAN = env_str("KERJASAMA_SDI_CUSTODIAN", KERJASAMA_SDI_PRODUCER)
KERJASAMA_SDI_EMAIL = env_str("KERJASAMA_SDI_EMAIL", "")

# Prometheus metrics (kerjasama.core.metrics; docs/operations.md): off unless 1. /metrics then answers the
# addresses or networks in KERJASAMA_METRICS_ALLOWED, or a request with "Authorization: Bearer
# <KERJASAMA_METRICS_TOKEN>" (when set); others 403. Several processes: PROMETHEUS_MULTIPROC_DIR (read by
# prometheus_client itself at start-up, not here).
KERJASAMA_METRICS = env_bool("KERJASAMA_METRICS", default=False)
KERJASAMA_METRICS_ALLOWED = env_list("KERJASAMA_METRICS_ALLOWED", ["127.0.0.1", "::1"])
KERJASAMA_METRICS_TOKEN = env_str("KERJASAMA_METRICS_TOKEN", "")

# Error reporting to a Sentry-compatible service (kerjasama.core.errorreport): off while SENTRY_DSN is empty;
# never personal data (send_default_pii=False, secrets and NIKs masked before sending).
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production" if PRODUCTION else "development")
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)
