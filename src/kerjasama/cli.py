"""The ``kerjasama`` command for operators.

``kerjasama <subcommand> --help`` explains each subcommand. Subcommands are Django management commands
(hyphens map to underscores); ``kerjasama manage ...`` reaches any other Django command.
"""

from __future__ import annotations

import os
import sys

SUBCOMMANDS: dict[str, str] = {
    "setup": "migrate, load national master data and the demo (idempotent)",
    "serve": "serve the web application (gunicorn) on --host/--port, with a task worker beside it",
    "worker": "run background tasks (database or Redis/RQ backend) [--burst] [--queue NAME]",
    "schedule": "enqueue the periodic tasks, for cron or a systemd timer [--every hourly|daily] [--list]",
    "regions": "list provinces and kab/kota [--level] [--province] [--json]",
    "neighbours": "regions that border CODE [--json]",
    "import-boundaries": "compute adjacency and centroids from boundary GeoJSON",
    "import-affairs": "import the 32 affairs and the authority matrix from CSV",
    "import-functional-areas": "import functional areas (kawasan fungsional) and their members from CSV",
    "map": "recommend cooperation partners: --region CODE [--affair] or --all (stores results)",
    "adjacency-override": "add, list or revoke manual adjacency corrections",
    "createuser": "create a user account with a role in an organisation",
    "check": "check a cooperation plan (JSON from FILE or stdin) against the rulebook",
    "resolver": "who settles a dispute between CODE CODE [--type KSDD|KSDPK]",
    "manage": "run any other Django management command",
}

#: Subcommands whose Django command has another name (Django's own ``check`` runs system checks).
COMMAND_NAMES = {"check": "rulebook_check"}

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
    from django.core.management import execute_from_command_line

    if name == "manage":
        execute_from_command_line(["kerjasama manage", *rest])
    else:
        execute_from_command_line(["kerjasama", COMMAND_NAMES.get(name, name.replace("-", "_")), *rest])


if __name__ == "__main__":
    main()
