"""``kerjasama annual-report --year Y [--province CODE] [--out DIR]``: generate the annual report of regional
cooperation (issue 13 item 6), national or of one province, here (not through the worker), from the dashboards'
stored figures; prints where the PDF and XLSX are stored and, with ``--out``, copies them into DIR."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.oversight.annual_services import generate_annual_report, request_annual_report, stored_file
from kerjasama.oversight.choices import AnnualReportStatus
from kerjasama.oversight.dashboard import NATIONAL


class Command(KerjasamaCommand):
    help = (
        "Laporan tahunan kerja sama daerah / annual report of regional cooperation: generate the national report "
        "(or --province CODE) for --year Y as PDF and XLSX from the dashboards' figures; --out DIR copies the files "
        "into DIR; --json prints the result as JSON."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True, help="the year the report covers")
        parser.add_argument("--province", metavar="CODE", default="", help="a province's code, e.g. 32")
        parser.add_argument("--out", metavar="DIR", default="", help="folder to copy the PDF and XLSX into")

    def run(self, *args: Any, **options: Any) -> None:
        scope = options["province"] or NATIONAL
        out = Path(options["out"]) if options["out"] else None
        if out is not None and out.exists() and not out.is_dir():
            self.fail("annual_report.not_a_directory", f"{out} bukan folder.", f"{out} is not a folder.")
        report = request_annual_report(actor=SYSTEM, scope=scope, year=options["year"], enqueue=False)
        report = generate_annual_report(actor=SYSTEM, report_id=report.pk)
        if report.status != AnnualReportStatus.DONE:
            self.fail(
                "annual_report.failed",
                f"Laporan tahunan gagal disusun: {report.error}",
                f"The annual report failed: {report.error}",
            )
        files: list[str] = []
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            for kind in ("pdf", "xlsx"):
                path = out / f"laporan-tahunan-kerja-sama-{scope}-{report.year}.{kind}"
                path.write_bytes(stored_file(report, kind))
                files.append(str(path))
        payload = {
            "scope": scope,
            "year": report.year,
            "status": report.status,
            "data_as_of": report.data_as_of.isoformat() if report.data_as_of else None,
            "pdf": report.pdf_name,
            "xlsx": report.xlsx_name,
            "files": files,
        }
        if options.get("json"):
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(
            f"Laporan tahunan {scope} {report.year} selesai / annual report done: "
            + (", ".join(files) if files else f"{report.pdf_name}, {report.xlsx_name}")
        )
