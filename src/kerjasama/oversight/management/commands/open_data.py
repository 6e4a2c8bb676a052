"""``kerjasama open-data DIR``: write the open-data package of the public register into a folder, for
publishing on a data portal (issue 13 item 4); the same files as ``/data-terbuka/``, with the CKAN dataset
(``ckan.json``) and DCAT metadata (``dcat.jsonld``) of issue 15 item 8.

``kerjasama open-data --ckan-push URL [--dry-run]`` publishes the CKAN dataset on a portal (``ckan_push``):
``--dry-run`` shows what would be published and contacts nobody; without it the portal's token is read from
``KERJASAMA_CKAN_TOKEN``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.oversight import ckan_push
from kerjasama.oversight.opendata import package_files, write_package
from kerjasama.oversight.portals import ckan_dataset


class Command(KerjasamaCommand):
    help = (
        "Data terbuka / Open data: write the Frictionless Data Package of the public register (datapackage.json, "
        "CSV and JSON tables, ocds.json, ckan.json, dcat.jsonld) into DIR (created if missing; files of the same "
        "name are replaced); --json prints the files written. --ckan-push URL publishes the CKAN dataset on a "
        "CKAN portal (token from KERJASAMA_CKAN_TOKEN); with --dry-run it only shows what would be published."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("directory", metavar="DIR", nargs="?", help="folder to write the package into")
        parser.add_argument("--ckan-push", metavar="URL", help="a CKAN portal's address, e.g. https://data.contoh.go.id")
        parser.add_argument("--dry-run", action="store_true", help="with --ckan-push: show, publish nothing")

    def run(self, *args: Any, **options: Any) -> None:
        if options["ckan_push"]:
            self._push(options)
            if not options["directory"]:
                return
        elif options["dry_run"]:
            self.fail(
                "opendata.dry_run_without_push",
                "--dry-run hanya berlaku bersama --ckan-push URL.",
                "--dry-run only applies with --ckan-push URL.",
            )
        if not options["directory"]:
            self.fail(
                "opendata.no_directory",
                "Sebutkan folder tujuan (DIR) atau --ckan-push URL.",
                "Name the folder to write into (DIR) or --ckan-push URL.",
            )
        directory = Path(options["directory"])
        if directory.exists() and not directory.is_dir():
            self.fail(
                "opendata.not_a_directory",
                f"{directory} bukan folder.",
                f"{directory} is not a folder.",
            )
        try:
            written = write_package(directory)
        except OSError as exc:
            self.fail(
                "opendata.cannot_write",
                f"Tidak dapat menulis ke {directory}: {exc.strerror}.",
                f"Cannot write to {directory}: {exc.strerror}.",
            )
            return
        if options["json"]:
            self.emit_json({"directory": str(directory), "files": sorted(p.name for p in written)})
            return
        for path in sorted(written):
            self.stdout.write(str(path))
        self.stdout.write(f"{len(written)} berkas / files")

    def _push(self, options: dict[str, Any]) -> None:
        portal = ckan_push.check_portal_url(options["ckan_push"])
        dataset = ckan_dataset(json.loads(package_files()["datapackage.json"]))
        token = settings.KERJASAMA_CKAN_TOKEN
        if options["dry_run"]:
            shown = ckan_push.plan(dataset, portal, token=token)
            if options["json"]:
                self.emit_json(shown)
                return
            self.stdout.write(f"Uji coba / dry run: {portal}, dataset {shown['dataset']}, token {shown['token']}")
            for call in shown["calls"]:
                self.stdout.write(f"  POST {call['url']}")
            for resource in shown["resources"]:
                self.stdout.write(f"  resource {resource['name']}: {resource['url']}")
            for problem in shown["problems"]:
                self.stdout.write(f"  belum siap / not ready: {problem}")
            return
        done = ckan_push.push(dataset, portal, token=token)
        if options["json"]:
            self.emit_json(done)
            return
        self.stdout.write(f"{done['action']}: {done['name']} ({done['id']}) di / on {portal}")
