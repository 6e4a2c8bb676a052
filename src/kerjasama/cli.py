"""The ``kerjasama`` command for operators.

``kerjasama <subcommand> --help`` explains each subcommand. Subcommands are Django management commands
(hyphens map to underscores); ``kerjasama manage ...`` reaches any other Django command.

Before a subcommand runs, the installation is checked (``kerjasama.core.installation``): settings that cannot
start (no installation directory, no ``SECRET_KEY`` in production, a malformed variable) end with exit status 6,
and a subcommand that needs the database ends with exit status 5 while ``kerjasama setup`` has not run; both
say what to do in Indonesian and English (and as ``{"error": ...}`` on stdout with ``--json`` or ``check``).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

SUBCOMMANDS: dict[str, str] = {
    "setup": "migrate, load national master data and the demo (idempotent)",
    "serve": "serve the web application (gunicorn) on --host/--port, with a task worker beside it",
    "worker": "run background tasks (database or Redis/RQ backend) [--burst] [--queue NAME]",
    "schedule": "enqueue the periodic tasks, for cron or a systemd timer [--every hourly|daily] [--list]",
    "regions": "list provinces and kab/kota [--level] [--province] [--json]",
    "neighbours": "regions that border CODE [--json]",
    "import-boundaries": "compute adjacency and centroids from boundary GeoJSON",
    "affairs": "list the 32 affairs, or --sub the sub-affairs of the authority matrix [--affair CODE] [--json]",
    "export-web-boundaries": "simplify boundary GeoJSON into the static files the web maps load",
    "import-affairs": "import the 32 affairs and the authority matrix from CSV",
    "import-functional-areas": "import functional areas (kawasan fungsional) and their members from CSV",
    "map": "recommend cooperation partners: --region CODE [--affair] or --all (stores results)",
    "adjacency-override": "add, list or revoke manual adjacency corrections",
    "region-codes": "show the difference a region-code instrument (Kepmendagri; JSON/CSV) makes; "
    "--apply [--yes] applies it [--json]",
    "createuser": "create a user account with a role in an organisation",
    "agreements": "list the register of agreements [--region CODE] [--status S] [--type T] [--json]",
    "remind": "plan and send deadline reminders for a day [--today YYYY-MM-DD] [--json] (daily, cron)",
    "import-agreements": "import existing agreements from the XLSX template [--dry-run]; --template FILE",
    "end-expired": "end agreements whose term expired without a successor in force [--today YYYY-MM-DD] [--json]",
    "quality-recompute": "recompute the data-quality scores the rankings read [--enqueue] [--json] (daily, cron)",
    "dashboard-recompute": "recompute the oversight dashboards' figures [--enqueue] [--json] (hourly, cron)",
    "annual-report": "annual report of regional cooperation, PDF and XLSX --year Y [--province CODE] [--out DIR]",
    "publication-recompute": "rebuild every agreement's stored publication state and the open-data package [--json]",
    "check": "check a cooperation plan (JSON from FILE or stdin) against the rulebook",
    "resolver": "who settles a dispute between CODE CODE [--type KSDD|KSDPK]",
    "risk": "early warning of a dispute: score one agreement and its events (JSON from FILE or stdin)",
    "risk-histories": "example histories for the early-warning backtest (JSON lines) --seed N --count M [--out FILE]",
    "import-nomenclature": "show what a planning-nomenclature decree's annex (CSV) changes; --apply records it",
    "api-client": "register, list or revoke the API's machine clients (OAuth2 client credentials, e.g. SPLP)",
    "open-data": "write the open-data package (CSV, JSON, datapackage.json, ckan.json, dcat.jsonld) into DIR "
    "[--ckan-push URL [--dry-run]]",
    "risk-recompute": "recompute the stored early warning of every agreement in force [--as-of YYYY-MM-DD]",
    "backup": "write one archive (database dump, documents, manifest with SHA-256) to PATH [--json] (nightly)",
    "restore": "restore an archive of `kerjasama backup` into an empty installation [--json]",
    "demo": "generate national example data: --scale national|small --years N [--seed N] [--agreements N]",
    "privacy-retention": "end processing of personal data whose JRA retention ran out [--dry-run] (daily, cron)",
    "manage": "run any other Django management command",
}

#: Subcommands whose Django command has another name (Django's own ``check`` runs system checks).
COMMAND_NAMES = {"check": "rulebook_check"}
#: Subcommands that run without a set-up database (``setup`` creates it; ``manage`` reaches Django's own).
WITHOUT_DATABASE = {"setup", "manage", "export-web-boundaries", "risk", "risk-histories", "restore"}
#: Subcommands that always answer in JSON on stdout.
JSON_SUBCOMMANDS = {"check", "risk"}

USAGE = (
    "usage: kerjasama <subcommand> [options]   (kerjasama <subcommand> --help)\n\nsubcommands:\n"
    + "\n".join(f"  {name:<20} {text}" for name, text in SUBCOMMANDS.items())
)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print("Kerjasama: sistem informasi Kerja Sama Daerah / regional cooperation\n\n" + USAGE)
        raise SystemExit(0)
    name, rest = args[0], args[1:]
    if name not in SUBCOMMANDS:
        sys.stderr.write(
            f"Galat: subperintah tidak dikenal '{name}'.\nError: unknown subcommand '{name}'.\n\n{USAGE}\n"
        )
        raise SystemExit(2)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    _check_installation(name, rest)
    from django.core.management import execute_from_command_line

    if name == "manage":
        execute_from_command_line(["kerjasama manage", *rest])
    else:
        execute_from_command_line(["kerjasama", COMMAND_NAMES.get(name, name.replace("-", "_")), *rest])


def _stop(error: Any, *, as_json: bool) -> None:
    """Print a ``KerjasamaError`` as the commands do (stderr, both languages; JSON too) and exit."""
    if as_json:
        sys.stdout.write(json.dumps({"error": error.as_dict()}, ensure_ascii=False) + "\n")
    sys.stderr.write(error.human() + "\n")
    raise SystemExit(error.exit_code)


def _check_installation(name: str, rest: list[str]) -> None:
    """Stop with exit 6 when the settings cannot load, with exit 5 when the subcommand needs a database that
    ``kerjasama setup`` has not prepared (not for ``--help`` or ``--no-db``)."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from kerjasama.core.env import EnvError
    from kerjasama.core.installation import configuration_problem, database_problem

    as_json = name in JSON_SUBCOMMANDS or "--json" in rest
    try:
        settings.INSTALLED_APPS  # noqa: B018  # loads the settings module
    except (ImproperlyConfigured, EnvError) as exc:
        _stop(configuration_problem(exc), as_json=as_json)
    if name in WITHOUT_DATABASE or {"-h", "--help", "--no-db"} & set(rest):
        return
    import django

    django.setup()
    problem = database_problem()
    if problem is not None:
        _stop(problem, as_json=as_json)


if __name__ == "__main__":
    main()
