"""``kerjasama risk [FILE|-]``: the early warning of one agreement (a stable scripting contract, issue 12 item 6)."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import (
    CAVEAT_EN,
    CAVEAT_ID,
    EVENT_KINDS,
    SECTORS,
    RiskInputError,
    assess_document,
)

EPILOG = f"""
Input (one JSON object; ? = optional, null counts as omitted; unknown fields are bad input):
  {{"as_of": "YYYY-MM-DD",
   "agreement": {{"type": "KSDD"|"KSDPK"|"SINERGI", "parties": ["32.73", "32.04"], "third_party": {{"kind",
     "name"}}?, "affairs": ["1.03"]?, "sector": SECTOR?, "start": date, "end": date|null,
     "budgeted_in_apbd": bool?, "review_every_years": int?}},
   "events": [{{"date": date, "kind": KIND, "party": code?, "amount_idr": number?, "days_late": int?,
     "rating": 1-5 (5 best)?, "note": text?}}]}}
  SECTOR: {"|".join(SECTORS)}.
{textwrap.fill("KIND: " + ", ".join(EVENT_KINDS) + ".", 110, initial_indent="  ", subsequent_indent="    ")}
  An event's party is one of agreement.parties (or the third party's name). Events after as_of are ignored.

Output on stdout (JSON): {{"score": 0-100, "band": 1-5, "label_id", "label_en", "indicators": [{{"code", "band",
  "weight", "message_id", "message_en", "evidence": [event indexes]}}], "mitigations": [{{"code", "message_id",
  "message_en"}}], "completeness": 0-1}}

The indicators, weights and thresholds are the system's heuristics, not law (KERJASAMA_RISK_* settings,
docs/risk.md). {CAVEAT_ID} / {CAVEAT_EN}

Exit status: 0 assessed; 2 bad input (malformed JSON, an unknown event kind or field, a party that is not a
party of the agreement, a bad date), with {{"error": {{"code", "message"}}}} on stdout and a sentence on stderr.
"""


class Command(BaseCommand):
    help = (
        "Peringatan dini perselisihan / Early warning of a dispute: scores one agreement and its events (JSON from "
        "FILE, or stdin when FILE is '-' or omitted) and explains each indicator. A high score is not proof of a "
        "dispute."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = EPILOG
        return parser

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            default="-",
            metavar="FILE|-",
            help="the agreement and its events as JSON (default: stdin)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"]
        try:
            try:
                raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
            except OSError as exc:
                raise RiskInputError(
                    "input.unreadable",
                    f"Berkas tidak dapat dibaca: {source} ({exc.strerror}).",
                    f"Cannot read the file: {source} ({exc.strerror}).",
                ) from exc
            result = assess_document(raw, risk_config())
        except RiskInputError as exc:
            self.stdout.write(json.dumps({"error": exc.as_dict()}, ensure_ascii=False))
            self.stderr.write(exc.human())
            sys.exit(2)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
