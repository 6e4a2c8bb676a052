"""Benchmark: one region's mapping as an official PDF (prints JSON).

Uses the configured installation (run `kerjasama setup` first: the demo mapping of Kota Yogyakarta), reads the
region's mapping as its cooperation-unit operator and renders the PDF ``--repeat`` times. Target (issue 9):
under 2 s for one region on the 2-core machine.

    .venv/bin/python bench/export_pdf.py [--region 34.71] [--user operator.yogya] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--region", default="34.71")
    parser.add_argument("--user", default="operator.yogya")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kerjasama.core.settings")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from kerjasama.accounts.models import User
    from kerjasama.mapping import exports
    from kerjasama.mapping.selectors import region_mapping
    from kerjasama.regions.models import Region

    user = User.objects.get(username=args.user)
    region = Region.objects.get(code=args.region)
    times, cpu, size = [], [], 0
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        mapping = region_mapping(region, user)
        pdf = exports.region_pdf(mapping, exports.document_header(region))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        size = len(pdf)
    print(
        json.dumps(
            {
                "benchmark": "export_pdf",
                "region": args.region,
                "recommendations": sum(len(r) for r in mapping.recommendations.values()),
                "identifications": len(mapping.identifications),
                "bytes": size,
                "first_seconds": round(times[0], 3),
                "median_seconds": round(statistics.median(times), 3),
                "max_seconds": round(max(times), 3),
                # CPU time of this process: what the export costs when the machine is not shared.
                "median_cpu_seconds": round(statistics.median(cpu), 3),
                "target_seconds": 2.0,
                "cpu_load_1min": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
