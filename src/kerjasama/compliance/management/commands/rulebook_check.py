"""``kerjasama check [FILE|-]``: check a cooperation plan against the rulebook (a stable scripting contract)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kerjasama.compliance.contract import error_body, evaluate
from kerjasama.compliance.selectors import rulebook_settings
from kerjasama.rulebook.plan import plan_defaults_text
from kerjasama.rulebook.subjects import CATEGORIES, PLAN_TYPES


def _one_of(values: tuple[str, ...]) -> str:
    return "|".join(f'"{v}"' for v in values)


EPILOG = f"""
Input (JSON object):
  {{"type": {_one_of(PLAN_TYPES)}, "category": {_one_of(CATEGORIES)} (KSDD only),
   "parties": ["34.71", "34.04"] (region codes; exactly one for KSDPK),
   "third_party": {{"kind": "...", "name": "..."}} (KSDPK only; the kinds are listed below),
   "affairs": ["1.03"], "sub_affairs": ["1.03.03"] (sub-affair identifiers: kerjasama affairs --sub),
   "justification": {{"externality": bool, "efficiency": bool}},
   "burdens_public": bool, "budgeted_in_apbd": bool, "feasibility_study": bool (KSDPK), "term_years": number}}

Defaults for omitted fields:
@DEFAULTS@

Output on stdout (JSON): {{"valid", "category_allowed": {{"wajib", "sukarela"}}, "requires_dprd_approval",
  "dispute_resolver": {{"authority", "region", "basis"}}, "findings": [{{"rule", "severity", "message_id",
  "message_en", "basis"}}]}}

Exit status: 0 valid; 1 a rule is violated (a finding with severity error); 2 bad input (malformed JSON,
unknown region or affair code, unknown sub-affair identifier, a field of the wrong type, a party listed twice,
a term outside its range), with
{{"error": {{"code", "message"}}}} on stdout and a sentence on stderr.
"""


def _defaults_text() -> str:
    text = plan_defaults_text(rulebook_settings())
    return "\n".join(f"  {line}" for line in text.strip().splitlines())


def _write_error(command: BaseCommand, error: dict[str, Any]) -> None:
    command.stderr.write(f"Galat [{error['code']}]: {error['message_id']}")
    command.stderr.write(f"Error [{error['code']}]: {error['message_en']}")


class Command(BaseCommand):
    help = (
        "Periksa rencana kerja sama / Check a cooperation plan against the rules of UU 23/2014, PP 28/2018 and "
        "Permendagri 22/2020. Reads JSON from FILE, or from stdin when FILE is '-' or omitted."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = EPILOG.replace("@DEFAULTS@", _defaults_text())
        return parser

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", metavar="FILE|-", help="the plan as JSON (default: stdin)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"]
        try:
            raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        except OSError as exc:
            status, body = (
                2,
                error_body(
                    "input.unreadable",
                    f"Berkas tidak dapat dibaca: {source} ({exc.strerror}).",
                    f"Cannot read the file: {source} ({exc.strerror}).",
                ),
            )
        else:
            status, body = evaluate(raw)
        self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        if status == 2:
            _write_error(self, body["error"])
        elif status == 1:
            rules = sorted({f["rule"] for f in body["findings"] if f["severity"] == "error"})
            self.stderr.write(
                f"Rencana tidak sah: melanggar {', '.join(rules)}. / "
                f"The plan is not valid: it breaks {', '.join(rules)}."
            )
        sys.exit(status)
