"""``kerjasama adjacency-override``: record, list or revoke manual adjacency corrections."""

from __future__ import annotations

from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.errors import NotFound
from kerjasama.regions.models import AdjacencyOverride
from kerjasama.regions.services import add_adjacency_override, revoke_adjacency_override


class Command(KerjasamaCommand):
    help = (
        "Koreksi ketetanggaan manual / Manual adjacency overrides, e.g. a maritime border between island "
        "regions. Every change needs a reason and a source and is written to the audit trail."
    )

    def add_command_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="record that two kab/kota border (or do not border) each other")
        add.add_argument("code_a")
        add.add_argument("code_b")
        add.add_argument("--effect", choices=["add", "remove"], default="add")
        add.add_argument("--reason", required=True, help="why, in words")
        add.add_argument("--source", required=True, help="the document or map that shows it")
        listing = sub.add_parser("list", help="list the active overrides")
        revoke = sub.add_parser("revoke", help="withdraw an override by its id")
        revoke.add_argument("id", type=int)
        revoke.add_argument("--reason", required=True)
        for subparser in (add, listing, revoke):
            subparser.add_argument("--json", action="store_true", help="print JSON (errors too)")

    def run(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            override = add_adjacency_override(
                actor=SYSTEM,
                code_a=options["code_a"],
                code_b=options["code_b"],
                effect=options["effect"],
                reason=options["reason"],
                source=options["source"],
            )
            if options["json"]:
                self.emit_json(
                    {
                        "id": override.pk,
                        "code_a": override.region_a_id,
                        "code_b": override.region_b_id,
                        "effect": override.effect,
                    }
                )
            else:
                self.stdout.write(f"#{override.pk} {override}")
        elif action == "revoke":
            found = AdjacencyOverride.objects.filter(pk=options["id"]).first()
            if found is None:
                raise NotFound(
                    "regions.unknown_override",
                    f"Koreksi #{options['id']} tidak ada.",
                    f"Override #{options['id']} does not exist.",
                )
            revoke_adjacency_override(actor=SYSTEM, override=found, reason=options["reason"])
            self.stdout.write(f"#{found.pk} dicabut / revoked")
        else:
            rows = AdjacencyOverride.objects.filter(is_active=True)
            if options["json"]:
                self.emit_json(
                    [
                        {
                            "id": o.pk,
                            "code_a": o.region_a_id,
                            "code_b": o.region_b_id,
                            "effect": o.effect,
                            "reason": o.reason,
                            "source": o.source,
                        }
                        for o in rows
                    ]
                )
                return
            for o in rows:
                self.stdout.write(
                    f"#{o.pk} {o.region_a_id} {o.region_b_id} {o.effect}: {o.reason} ({o.source})"
                )
