"""``kerjasama createuser``: create an account in an organisation with a role."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from kerjasama.accounts import services
from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.models import Organisation
from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.errors import KerjasamaError


class Command(KerjasamaCommand):
    help = (
        "Buat akun pengguna / Create a user account. The organisation is given by --organisation ID or, for "
        "a regional government, by --region CODE (its Pemda); the password comes from --password-stdin or an "
        "interactive prompt (never from the command line)."
    )

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--organisation", type=int, metavar="ID", help="organisation id")
        group.add_argument("--region", metavar="CODE", help="the Pemda of this region, e.g. 34.71")
        group.add_argument("--kemendagri", action="store_true", help="the Kemendagri organisation")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--unit-head",
            action="store_true",
            help="heads the unit (e.g. Kepala Bagian Kerja Sama): receives escalations of late obligations",
        )
        parser.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    def run(self, *args: Any, **options: Any) -> None:
        organisation = self._organisation(options)
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Kata sandi / Password: ")
            if password != getpass.getpass("Ulangi / Repeat: "):
                raise KerjasamaError(
                    "accounts.password_mismatch", "Kata sandi tidak sama.", "The passwords do not match."
                )
        user = services.create_user(
            actor=SYSTEM,
            username=options["username"],
            organisation=organisation,
            role=options["role"],
            password=password,
            full_name=options["full_name"],
            email=options["email"],
            is_unit_head=options["unit_head"],
        )
        self.stdout.write(f"Dibuat / created: {user.username} ({user.role}, {organisation})")

    def _organisation(self, options: dict[str, Any]) -> Organisation | None:
        if options.get("organisation"):
            org = Organisation.objects.filter(pk=options["organisation"]).first()
        elif options.get("region"):
            org = Organisation.objects.filter(
                kind=OrganisationKind.PEMDA, region_id=options["region"]
            ).first()
        elif options.get("kemendagri"):
            org = Organisation.objects.filter(kind=OrganisationKind.KEMENDAGRI).order_by("pk").first()
        else:
            return None
        if org is None:
            raise KerjasamaError(
                "accounts.unknown_organisation",
                "Organisasi tidak ditemukan.",
                "The organisation was not found.",
            )
        return org
