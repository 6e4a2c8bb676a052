"""Where an installation lives, and whether it is ready: what the ``kerjasama`` command checks before it runs.

**The installation directory** (``BASE_DIR``: its ``.env``, and ``var/`` with the SQLite database, the
development secret key, static files and documents) is resolved explicitly, never from the current directory
by accident, in this order:

1. ``KERJASAMA_HOME``, when set;
2. the source checkout the package runs from (an editable install, ``pip install -e .`` / ``make run``): the
   directory holding ``pyproject.toml`` and ``src/kerjasama``;
3. the parent of the virtual environment the package is installed in (``/srv/kerjasama/.venv`` →
   ``/srv/kerjasama``), as the README's production steps lay it out;
4. the current directory, only when it already is an installation (it holds ``.env`` or ``var/``).

Otherwise the command stops and says to set ``KERJASAMA_HOME`` (exit status 6). So a command run from another
directory uses the installation it belongs to instead of creating ``var/``, a secret key and an empty database
wherever it was started.

**Exit statuses** of ``kerjasama`` beyond those of each command (0 done, 1 refused, 2 bad input, 3 conflict):
5 the database is not set up yet (run ``kerjasama setup``); 6 the installation is not configured (no
installation directory, ``SECRET_KEY`` missing in production, a malformed variable, an unreachable database).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from kerjasama.core.errors import KerjasamaError

#: ``kerjasama`` exits with this when the database has no tables yet: ``kerjasama setup`` is the remedy.
EXIT_NOT_SET_UP = 5
#: ``kerjasama`` exits with this when the installation's configuration stops it from starting.
EXIT_CONFIGURATION = 6


class ConfigurationError(ImproperlyConfigured):
    """Settings that cannot start, said in both languages with what to do (raised while settings load)."""

    def __init__(self, code: str, message_id: str, message_en: str) -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        super().__init__(f"[{code}] {message_id} / {message_en}")


class Misconfigured(KerjasamaError):
    """The installation's configuration stops it from starting."""

    exit_code = EXIT_CONFIGURATION
    http_status = 503


class NotSetUp(KerjasamaError):
    """The database has no Kerjasama tables (``kerjasama setup`` has not run)."""

    exit_code = EXIT_NOT_SET_UP
    http_status = 503


class Unreachable(Misconfigured):
    """The database cannot be opened or reached."""


def _is_checkout(root: Path) -> bool:
    return (root / "pyproject.toml").is_file() and (root / "src" / "kerjasama").is_dir()


def resolve_home(
    *,
    environ: dict[str, str] | None = None,
    package_dir: Path | None = None,
    prefix: str | None = None,
    base_prefix: str | None = None,
    cwd: Path | None = None,
) -> Path:
    """The installation directory (see the module docstring); the arguments default to this process's."""
    import os

    environ = dict(os.environ) if environ is None else environ
    package_dir = Path(__file__).resolve().parent.parent if package_dir is None else package_dir
    prefix = sys.prefix if prefix is None else prefix
    base_prefix = sys.base_prefix if base_prefix is None else base_prefix
    cwd = Path.cwd() if cwd is None else cwd

    explicit = environ.get("KERJASAMA_HOME", "").strip()
    if explicit:
        return Path(explicit).expanduser().resolve()
    checkout = package_dir.parent.parent
    if package_dir.parent.name == "src" and _is_checkout(checkout):
        return checkout.resolve()
    if prefix != base_prefix:  # a virtual environment
        return Path(prefix).resolve().parent
    if (cwd / ".env").is_file() or (cwd / "var").is_dir():
        return cwd.resolve()
    raise ConfigurationError(
        "config.no_home",
        "Direktori instalasi Kerjasama tidak diketahui: isi KERJASAMA_HOME dengan direktori yang memuat .env "
        f"dan var/ (misalnya export KERJASAMA_HOME=/srv/kerjasama), atau jalankan perintah dari direktori itu. "
        f"Direktori kini ({cwd}) bukan instalasi.",
        "The Kerjasama installation directory is unknown: set KERJASAMA_HOME to the directory that holds .env "
        f"and var/ (e.g. export KERJASAMA_HOME=/srv/kerjasama), or run the command from there. The current "
        f"directory ({cwd}) is not an installation.",
    )


def missing_secret_key(home: Path) -> ConfigurationError:
    return ConfigurationError(
        "config.secret_key_missing",
        "SECRET_KEY wajib diisi bila KERJASAMA_ENV=production: tambahkan SECRET_KEY=<nilai acak panjang> ke "
        f'lingkungan atau ke {home / ".env"} (buat dengan: python3 -c "import secrets; '
        'print(secrets.token_urlsafe(50))"), lalu jalankan lagi.',
        "SECRET_KEY must be set when KERJASAMA_ENV=production: add SECRET_KEY=<a long random value> to the "
        f'environment or to {home / ".env"} (make one with: python3 -c "import secrets; '
        'print(secrets.token_urlsafe(50))"), then start again.',
    )


def configuration_problem(exc: Exception) -> Misconfigured:
    """A settings failure (``ImproperlyConfigured``, a malformed variable) as a bilingual, coded error."""
    if isinstance(exc, ConfigurationError):
        return Misconfigured(exc.code, exc.message_id, exc.message_en)
    return Misconfigured(
        "config.invalid",
        f"Konfigurasi tidak dapat dipakai: {exc}. Periksa variabel lingkungan dan .env (lihat .env.example).",
        f"The configuration cannot be used: {exc}. Check the environment variables and .env (see .env.example).",
    )


def database_problem() -> KerjasamaError | None:
    """``NotSetUp`` when the database lacks Kerjasama's tables, ``Unreachable`` when it cannot be opened, else
    ``None``. A SQLite file that does not exist is not created by the check."""
    from django.apps import apps
    from django.db import DatabaseError, connection

    not_set_up = NotSetUp(
        "setup.required",
        "Basis data belum disiapkan: jalankan `kerjasama setup` terlebih dahulu.",
        "The database is not set up yet: run `kerjasama setup` first.",
    )
    name = str(connection.settings_dict.get("NAME") or "")
    on_disk = connection.vendor == "sqlite" and name != ":memory:" and not name.startswith("file:")
    if on_disk and not Path(name).is_file():
        return not_set_up
    try:
        tables = set(connection.introspection.table_names())
    except DatabaseError as exc:
        return Unreachable(
            "setup.database_unreachable",
            f"Basis data tidak dapat dibuka: {exc}. Periksa DB, DB_HOST, DB_NAME, SQLITE_PATH (lihat .env.example).",
            f"The database cannot be opened: {exc}. Check DB, DB_HOST, DB_NAME, SQLITE_PATH (see .env.example).",
        )
    wanted = {
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model.__module__.startswith("kerjasama.")
    }
    wanted |= {"django_migrations"}
    return not_set_up if not wanted <= tables else None
