"""``kerjasama neighbours CODE``: the regions that border a region."""

from __future__ import annotations

from typing import Any

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region
from kerjasama.regions.selectors import adjacency_method, neighbours_of


class Command(KerjasamaCommand):
    help = (
        "Wilayah yang berbatasan / Regions sharing a border with CODE (kab/kota neighbours for a kab/kota, "
        "neighbouring provinces for a province), with the approximate shared-border length."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 34.71 or 34")

    def run(self, *args: Any, **options: Any) -> None:
        code = codes.normalise(options["code"])
        region = Region.objects.filter(code=code).first()
        if region is None:
            self.fail(
                "regions.unknown_region",
                f"Wilayah dengan kode {code!r} tidak ada.",
                f"No region has the code {code!r}.",
            )
            return
        neighbours = neighbours_of(region)
        if options["json"]:
            self.emit_json(
                {
                    "region": {"code": region.code, "name": region.name},
                    "neighbours": [n.as_dict() for n in neighbours],
                    "method": adjacency_method(),
                }
            )
            return
        self.stdout.write(f"{region.code} {region.name}: {len(neighbours)} tetangga / neighbours")
        for n in neighbours:
            km = f"{n.shared_border_km:.1f} km" if n.shared_border_km is not None else "-"
            note = "" if n.touch_exact in (True, None) else " (dalam toleransi / within tolerance)"
            if n.override_reason:
                note += f" [koreksi manual / manual override: {n.override_reason}]"
            self.stdout.write(f"  {n.code:<6} {n.name:<40} {km}{note}")
        method = adjacency_method()
        self.stdout.write(f"Metode / method: {method['description_id']}")
