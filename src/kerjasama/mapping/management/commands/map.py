"""``kerjasama map``: recommend who should cooperate on what (one region, or the national run)."""

from __future__ import annotations

from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.mapping import runner
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region


class Command(KerjasamaCommand):
    help = (
        "Pemetaan urusan yang dapat dikerjasamakan / Mapping of cooperable affairs: --region CODE computes the "
        "recommended partners of one region (optionally one --affair) and prints them; --all runs the whole "
        "country and stores the results (what the pages and the API show); --refresh recomputes at once the "
        "regions marked by profile and identification changes. The task worker does that by itself after each "
        "change (`kerjasama worker`, started by `kerjasama serve`; `kerjasama schedule` enqueues it hourly), so "
        "--refresh is for an operator who wants it now."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--region", metavar="CODE", help="one autonomous region, e.g. 34.71")
        group.add_argument("--all", action="store_true", help="every autonomous region (stores the results)")
        group.add_argument(
            "--refresh",
            action="store_true",
            help="recompute now the regions affected by profile/identification changes since the last refresh "
            "(the worker does it after each change; there is no --loop any more)",
        )
        parser.add_argument("--affair", metavar="CODE", help="only this affair, e.g. 2.11")

    def run(self, *args: Any, **options: Any) -> None:
        affair = options.get("affair") or None
        if affair and not (len(affair) == 4 and affair[1] == "." and affair.replace(".", "").isdigit()):
            self.fail(
                "mapping.bad_affair",
                f"Kode urusan tidak sah: {affair!r}.",
                f"Malformed affair code: {affair!r}.",
            )
        if options["refresh"]:
            count = runner.refresh_stale()
            self.stdout.write(f"Dihitung ulang / recomputed: {count} daerah / regions")
            return
        if options["all"]:
            report, recs = runner.run(actor=SYSTEM)
            if options["json"]:
                summary = {k: v for k, v in report.__dict__.items() if k != "recommendations"}
                self.emit_json(
                    {
                        **summary,
                        "recommendation_count": report.recommendations,
                        "seconds": report.seconds,
                        "recommendations": [r.to_dict() for r in recs],
                    }
                )
            else:
                self.stdout.write(
                    f"{report.recommendations} rekomendasi untuk {report.regions} daerah ({report.mandatory_eligible} "
                    f"wajib) dalam {report.seconds} dtk / recommendations for regions (mandatory-eligible) in s"
                )
            return
        code = codes.normalise(options["region"])
        region = Region.objects.filter(code=code, is_autonomous=True).first()
        if region is None:
            self.fail(
                "regions.unknown_region",
                f"Daerah otonom dengan kode {code!r} tidak ada.",
                f"No autonomous region has the code {code!r}.",
            )
            return
        _report, recs = runner.run(actor=SYSTEM, regions={code}, store=False)
        if affair:
            recs = [r for r in recs if r.affair == affair]
        if options["json"]:
            self.emit_json([r.to_dict() for r in recs])
            return
        self.stdout.write(f"{region.code} {region.name}: {len(recs)} rekomendasi / recommendations")
        for rec in recs:
            self.stdout.write(
                f"  {rec.affair} {rec.partner:<6} {rec.category:<9} {rec.score:5.1f}  "
                + "; ".join(r.text_id for r in rec.reasons)
            )
