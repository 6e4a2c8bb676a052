"""``kerjasama export-web-boundaries SOURCE_DIR``: the simplified boundary files the web maps load.

Reads ``provinsi.geojson`` and ``kabkota.geojson`` from SOURCE_DIR (the cahyadsn/wilayah_boundaries
derivation, MIT; see its README) and writes ``provinsi.json`` and ``kabkota.json`` (strongly simplified,
``regions.domain.boundaries.web_feature_collection``) with the upstream licence into the regions app's static
files, where the maps fetch them. The output is derived by this command and committed, so a fresh
installation has maps without the source polygons; rerun it when the source changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.errors import KerjasamaError
from kerjasama.regions.domain.boundaries import (
    WEB_DECIMALS,
    WEB_TOLERANCE_DEG,
    parse_geojson,
    web_feature_collection,
)

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "static" / "regions" / "boundaries"
LICENCE = "LICENSE.cahyadsn-wilayah_boundaries.txt"
ATTRIBUTION = (
    "Batas wilayah disederhanakan dari cahyadsn/wilayah_boundaries (MIT, Copyright (c) 2024 Cahya DSN) / "
    "Region boundaries simplified from cahyadsn/wilayah_boundaries (MIT, Copyright (c) 2024 Cahya DSN)"
)


class Command(KerjasamaCommand):
    help = (
        "Ekspor batas wilayah untuk peta web / Export web-map boundaries: simplifies provinsi.geojson and "
        "kabkota.geojson from SOURCE_DIR into the static files the mapping pages load (with the licence)."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("source", metavar="SOURCE_DIR", help="folder with provinsi.geojson and kabkota.geojson")
        parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: the app's static)")
        parser.add_argument("--tolerance", type=float, default=WEB_TOLERANCE_DEG, help="degrees (default 0.01)")
        parser.add_argument("--decimals", type=int, default=WEB_DECIMALS, help="coordinate decimals (default 3)")

    def run(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        out = Path(options["out"])
        missing = [n for n in ("provinsi.geojson", "kabkota.geojson", LICENCE) if not (source / n).is_file()]
        if missing:
            raise KerjasamaError(
                "boundaries.missing_source",
                f"Berkas sumber tidak ada di {source}: {', '.join(missing)}.",
                f"Source files missing in {source}: {', '.join(missing)}.",
            )
        written: dict[str, Any] = {}
        results = {}
        # Everything is computed before anything is written: bad input leaves the shipped files untouched.
        for level in ("provinsi", "kabkota"):
            shapes = parse_geojson((source / f"{level}.geojson").read_bytes(), source=f"{level}.geojson")
            collection = web_feature_collection(
                shapes, tolerance_deg=options["tolerance"], decimals=options["decimals"]
            )
            collection["attribution"] = ATTRIBUTION
            collection["tolerance_deg"] = options["tolerance"]
            results[level] = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
        out.mkdir(parents=True, exist_ok=True)
        for level, text in results.items():
            (out / f"{level}.json").write_text(text + "\n", encoding="utf-8")
            written[f"{level}.json"] = {"features": text.count('"type":"Feature"'), "bytes": len(text) + 1}
        (out / LICENCE).write_text((source / LICENCE).read_text(encoding="utf-8"), encoding="utf-8")
        if options["json"]:
            self.emit_json({"out": str(out), "files": written})
            return
        for name, info in written.items():
            self.stdout.write(f"{out / name}: {info['features']} wilayah / regions, {info['bytes']} bytes")
