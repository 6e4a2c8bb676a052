"""Django settings for Kerjasama, read from the environment (see ``.env.example``).

SQLite under ``var/`` is the default (WAL, IMMEDIATE transactions so writers queue instead of failing);
``DB=postgres`` switches to PostgreSQL for the national deployment and for CI's second run.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from kerjasama.core.env import env_bool, env_float, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The working directory holds .env and var/ (the README's commands run from the repository root).
BASE_DIR = Path(os.environ.get("KERJASAMA_HOME", Path.cwd())).resolve()
load_dotenv(BASE_DIR / ".env", override=False)

VAR_DIR = Path(env_str("KERJASAMA_VAR_DIR", str(BASE_DIR / "var"))).resolve()
PRODUCTION = env_str("KERJASAMA_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when KERJASAMA_ENV=production")
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
    "kerjasama.core",
    "kerjasama.accounts",
    "kerjasama.regions",
    "kerjasama.affairs",
    "kerjasama.compliance",
    "kerjasama.notifications",
    "kerjasama.documents",
    "kerjasama.mapping",
    "kerjasama.portal",
    "kerjasama.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kerjasama.core.middleware.RequestIdMiddleware",
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
]

ROOT_URLCONF = "kerjasama.urls"
WSGI_APPLICATION = "kerjasama.wsgi.application"

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
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "login"

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
if KERJASAMA_TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")

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

# Two polygons closer than this count as bordering (simplified boundary data leaves slivers between
# neighbours). About 100 m; the pair is flagged touch_exact=False when it needed the tolerance.
KERJASAMA_ADJACENCY_TOLERANCE_M = env_float("KERJASAMA_ADJACENCY_TOLERANCE_M", 100.0)

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

# Demo organisations and users are example data; the password is for local trials only.
KERJASAMA_LOAD_DEMO = env_bool("KERJASAMA_LOAD_DEMO", default=True)
KERJASAMA_DEMO_PASSWORD = env_str("KERJASAMA_DEMO_PASSWORD", "kerjasama-demo-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
