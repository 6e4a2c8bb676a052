"""Shared behaviour of the operator commands: errors to stderr in both languages, non-zero exit."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from kerjasama.core.errors import KerjasamaError


class KerjasamaCommand(BaseCommand):
    """A management command whose ``run`` may raise :class:`KerjasamaError` for bad input.

    The error is printed to stderr with its stable code and both messages (and, with ``--json``, also as
    ``{"error": {...}}`` on stdout) and the command exits with the error's ``exit_code``: 2 for bad input,
    1 for a refused action, 3 for a conflict (someone changed the record first).
    """

    json_flag = False

    def add_arguments(self, parser: Any) -> None:
        if self.json_flag:
            parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        self.add_command_arguments(parser)

    def add_command_arguments(self, parser: Any) -> None:
        """Subclasses add their own arguments here."""

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.run(*args, **options)
        except KerjasamaError as exc:
            if options.get("json"):
                self.stdout.write(json.dumps({"error": exc.as_dict()}, ensure_ascii=False))
            self.stderr.write(exc.human())
            raise SystemExit(exc.exit_code) from None

    def run(self, *args: Any, **options: Any) -> None:
        raise NotImplementedError

    def emit_json(self, payload: Any) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def fail(self, code: str, message_id: str, message_en: str) -> None:
        raise KerjasamaError(code, message_id, message_en)
