"""``kerjasama regions``: list provinces and kab/kota with their Kemendagri codes."""

from __future__ import annotations

from typing import Any

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region
from kerjasama.regions.selectors import search_regions


class Command(KerjasamaCommand):
    help = (
        "Daftar wilayah (38 provinsi, 514 kabupaten/kota) / List regions (38 provinces, 514 regencies/cities). "
        "DKI Jakarta's administrative cities/regency are listed with autonomous=false."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--level", choices=["provinsi", "kabkota"], help="only provinces or only kab/kota"
        )
        parser.add_argument("--province", metavar="CODE", help="only this province and its kab/kota, e.g. 34")
        parser.add_argument("--kind", choices=["provinsi", "kabupaten", "kota"], help="only this kind")
        parser.add_argument(
            "--autonomous-only",
            action="store_true",
            help="leave out DKI Jakarta's administrative units (not autonomous, never a KSD party)",
        )

    def run(self, *args: Any, **options: Any) -> None:
        province = options.get("province") or ""
        if province and (
            codes.level_of(province) != "provinsi" or not Region.objects.filter(code=province).exists()
        ):
            self.fail(
                "regions.unknown_province",
                f"Provinsi dengan kode {province!r} tidak ada.",
                f"No province has the code {province!r}.",
            )
        regions = search_regions(
            user=None,
            level=options.get("level") or "",
            province=province,
            kind=options.get("kind") or "",
            autonomous_only=options["autonomous_only"],
        )
        if options["json"]:
            self.emit_json(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "level": r.level,
                        "kind": r.kind,
                        "province_code": r.province_id,
                        "autonomous": r.is_autonomous,
                        "centroid": [r.centroid_lat, r.centroid_lng] if r.centroid_lat is not None else None,
                    }
                    for r in regions
                ]
            )
            return
        for r in regions:
            flag = "" if r.is_autonomous else "  (bukan daerah otonom / not autonomous)"
            self.stdout.write(f"{r.code:<6} {r.kind:<10} {r.name}{flag}")
