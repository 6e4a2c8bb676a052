"""``kerjasama resolver CODE CODE``: who settles a dispute between these parties, with the legal basis."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from kerjasama.compliance.contract import error_body
from kerjasama.compliance.selectors import reference_data, rulebook_settings
from kerjasama.regions.domain.codes import normalise
from kerjasama.rulebook import DISPUTE_TYPES, DisputeInputError, resolve_dispute


class Command(BaseCommand):
    help = (
        "Siapa yang menyelesaikan perselisihan / Who settles a dispute between the parties (UU 23/2014 Pasal "
        "370; PP 28/2018 Pasal 8, 21). Prints {authority, region, basis, facilitation, notes} as JSON "
        "(facilitation: the authority only facilitates, e.g. the Minister in a synergy dispute, R34); exit 2 "
        "for bad input (an unknown or repeated code, the wrong number of parties) with {error: {code, message}}."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "codes", nargs="+", metavar="CODE", help="two (or more) region codes; one for KSDPK"
        )
        parser.add_argument("--type", choices=DISPUTE_TYPES, default="KSDD")

    def handle(self, *args: Any, **options: Any) -> None:
        codes = [normalise(c) for c in options["codes"]]
        try:
            route = resolve_dispute(reference_data(), codes, options["type"], rulebook_settings())
        except DisputeInputError as exc:
            self.stdout.write(
                json.dumps(
                    error_body(exc.code, exc.message_id, exc.message_en, exc.field), ensure_ascii=False
                )
            )
            self.stderr.write(f"Galat [{exc.code}]: {exc.message_id}\nError [{exc.code}]: {exc.message_en}")
            sys.exit(2)
        self.stdout.write(
            json.dumps(
                {
                    "authority": route.authority,
                    "region": route.region,
                    "basis": route.basis,
                    "facilitation": route.facilitation,
                    "notes": [n.to_dict() for n in route.notes],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
