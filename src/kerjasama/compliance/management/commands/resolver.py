"""``kerjasama resolver CODE CODE``: who settles a dispute between these parties, with the legal basis."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from kerjasama.compliance.contract import error_body
from kerjasama.compliance.selectors import reference_data, rulebook_settings
from kerjasama.regions.domain.codes import normalise
from kerjasama.rulebook import resolve_dispute


class Command(BaseCommand):
    help = (
        "Siapa yang menyelesaikan perselisihan / Who settles a dispute between the parties (UU 23/2014 Pasal "
        "370; PP 28/2018 Pasal 8, 21). Prints {authority, region, basis} as JSON; exit 2 for unknown codes."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "codes", nargs="+", metavar="CODE", help="two (or more) region codes; one for KSDPK"
        )
        parser.add_argument("--type", choices=["KSDD", "KSDPK"], default="KSDD")

    def handle(self, *args: Any, **options: Any) -> None:
        ref = reference_data()
        codes = [normalise(c) for c in options["codes"]]
        unknown = [c for c in codes if ref.region(c) is None]
        needed = 1 if options["type"] == "KSDPK" else 2
        problem = None
        if unknown:
            problem = (
                "input.unknown_region",
                f"Kode wilayah tidak dikenal: {', '.join(unknown)}.",
                f"Unknown region code: {', '.join(unknown)}.",
            )
        elif len(set(codes)) != len(codes):
            problem = (
                "input.duplicate_party",
                "Pihak yang sama disebut dua kali.",
                "A party is listed twice.",
            )
        elif len(codes) < needed:
            problem = (
                "input.party_count",
                f"{options['type']} membutuhkan sedikitnya {needed} pihak.",
                f"{options['type']} needs at least {needed} parties.",
            )
        if problem:
            code, message_id, message_en = problem
            self.stdout.write(json.dumps(error_body(code, message_id, message_en), ensure_ascii=False))
            self.stderr.write(f"Galat [{code}]: {message_id}\nError [{code}]: {message_en}")
            sys.exit(2)
        route = resolve_dispute(ref, codes, options["type"], rulebook_settings())
        self.stdout.write(
            json.dumps(
                {"authority": route["authority"], "region": route["region"], "basis": route["basis"]},
                ensure_ascii=False,
                indent=2,
            )
        )
