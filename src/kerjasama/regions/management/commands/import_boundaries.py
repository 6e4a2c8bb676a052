"""``kerjasama import-boundaries PATH``: compute adjacency and centroids from boundary polygons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.regions.services import import_boundaries


class Command(KerjasamaCommand):
    help = (
        "Impor poligon batas wilayah / Import boundary polygons: reads GeoJSON FeatureCollections keyed by "
        "region code (a file or a directory of *.geojson; kab/kota polygons required, province polygons "
        "optional), repairs invalid geometry, computes neighbour pairs, shared-border lengths and centroids, "
        "and stores them in one transaction. Bad or partial input changes nothing."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="GeoJSON file(s) or a directory")
        parser.add_argument(
            "--tolerance",
            type=float,
            metavar="METRES",
            help="count polygons this close as bordering (default: KERJASAMA_ADJACENCY_TOLERANCE_M, 100)",
        )
        parser.add_argument(
            "--border-tolerance",
            type=float,
            metavar="METRES",
            help=(
                "measure a shared border as the length of one boundary within this band of the other "
                "(default: KERJASAMA_BORDER_TOLERANCE_M, 1500)"
            ),
        )
        parser.add_argument(
            "--export",
            metavar="FILE",
            help="also write the derived table (pairs, lengths, flags, centroids) in the shipped package format",
        )

    def run(self, *args: Any, **options: Any) -> None:
        report = import_boundaries(
            actor=SYSTEM,
            paths=[Path(p) for p in options["paths"]],
            tolerance_m=options.get("tolerance"),
            border_tolerance_m=options.get("border_tolerance"),
            export_to=Path(options["export"]) if options.get("export") else None,
        )
        if options["json"]:
            self.emit_json(report.__dict__)
            return
        self.stdout.write(
            f"Poligon kab/kota / kab/kota polygons: {report.kabkota_shapes}; provinsi / provinces: "
            f"{report.province_shapes}; diperbaiki / repaired: {report.repaired}\n"
            f"Pasangan bertetangga / neighbour pairs: {report.pairs} ({report.pairs_exact} exact, "
            f"{report.pairs - report.pairs_exact} within {report.tolerance_m:g} m)"
        )
