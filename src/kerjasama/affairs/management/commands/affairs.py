"""``kerjasama affairs``: the 32 affairs, or with ``--sub`` the sub-affairs of the authority matrix."""

from __future__ import annotations

from typing import Any

from kerjasama.affairs.selectors import affairs_with_authority, sub_affair_out, sub_affairs
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.rulebook.facts import AFFAIR_CODE_RE


class Command(KerjasamaCommand):
    help = (
        "Daftar urusan dan sub-urusan / List the 32 concurrent affairs with what each level holds, or with "
        "--sub the sub-affairs (sub urusan) of the UU 23/2014 Lampiran matrix with their stable identifiers "
        "(e.g. 3.28.02), which `kerjasama check` accepts as sub_affairs."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--sub", action="store_true", help="list sub-affairs instead of affairs")
        parser.add_argument("--affair", metavar="CODE", help="only this affair, e.g. 3.28")

    def run(self, *args: Any, **options: Any) -> None:
        affair = options.get("affair") or ""
        items = affairs_with_authority(None)
        known = {item.affair.code for item in items}
        if affair and (AFFAIR_CODE_RE.fullmatch(affair) is None or affair not in known):
            shown = affair if len(affair) <= 12 else affair[:12] + "…"
            self.fail(
                "affairs.unknown_affair",
                f"Urusan {shown!r} tidak dikenal; gunakan kode seperti 3.28 (1.01-3.32).",
                f"Unknown affair {shown!r}; use a code such as 3.28 (1.01-3.32).",
            )
        if options["sub"]:
            rows = [sub_affair_out(e) for e in sub_affairs(None, affair=affair)]
            if options["json"]:
                self.emit_json(rows)
                return
            for row in rows:
                holders = ", ".join(row["holders"]) or "-"
                self.stdout.write(f"{row['id']:<8} {row['name']}  [{holders}]")
            return
        chosen = [item for item in items if not affair or item.affair.code == affair]
        if options["json"]:
            self.emit_json(
                [
                    {
                        "code": item.affair.code,
                        "name_id": item.affair.name_id,
                        "name_en": item.affair.name_en,
                        "category": item.affair.category,
                        "covered_by_matrix": item.covered,
                        "authority": item.statuses,
                        "not_covered_reason": item.not_covered_reason,
                    }
                    for item in chosen
                ]
            )
            return
        for item in chosen:
            note = (
                ""
                if item.covered
                else f"  (belum tercakup matriks / not covered: {item.not_covered_reason or '-'})"
            )
            self.stdout.write(f"{item.affair.code:<5} {item.affair.name_id}{note}")
