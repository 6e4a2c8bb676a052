"""``kerjasama api-client``: register, list and revoke the API's machine clients (OAuth2 client credentials;
issue 15 item 10; ``accounts.api_clients``). Run by the operator, as the system."""

from __future__ import annotations

from typing import Any

from kerjasama.accounts import api_clients
from kerjasama.accounts import scopes as api_scopes
from kerjasama.accounts.models import ApiClient, User
from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Klien mesin API / The API's machine clients (OAuth2 client credentials, e.g. the SPLP gateway): "
        "`create --user USERNAME --name NAME --scope read [--scope write:agreements ...]` prints the client id "
        "and the secret once; `list`; `revoke CLIENT_ID` (its access tokens end at once). Scopes: "
        + ", ".join(api_scopes.ALL_SCOPES)
        + "."
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("client_id", nargs="?", help="for revoke")
        parser.add_argument("--user", help="the service account the client acts as (create)")
        parser.add_argument("--name", default="", help="what the client is, e.g. 'SPLP Kemendagri' (create)")
        parser.add_argument("--scope", action="append", default=[], help="a scope (repeat); default: read")

    def run(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        if not options["user"]:
            self.fail("accounts.no_user", "Sebutkan --user USERNAME.", "Give --user USERNAME.")
        user = User.objects.filter(username=options["user"]).select_related("organisation").first()
        if user is None:
            self.fail(
                "accounts.unknown_user",
                f"Pengguna {options['user']} tidak ada.",
                f"No user {options['user']}.",
            )
            return
        client, secret = api_clients.register_client(
            actor=SYSTEM, user=user, name=options["name"], scopes=options["scope"] or [api_scopes.READ]
        )
        shown = {"client_id": client.client_id, "client_secret": secret, "scopes": client.scopes}
        if options["json"]:
            self.emit_json(shown)
            return
        self.stdout.write(f"client_id:     {client.client_id}")
        self.stdout.write(f"client_secret: {secret}")
        self.stdout.write(f"scopes:        {client.scopes}")
        self.stdout.write(
            "Simpan rahasia ini sekarang: tidak akan ditampilkan lagi. / Keep the secret now: it is not shown again."
        )

    def _list(self, options: dict[str, Any]) -> None:
        rows = [
            {
                "client_id": c.client_id,
                "name": c.name,
                "user": c.user.username,
                "scopes": c.scopes,
                "active": c.revoked_at is None,
            }
            for c in ApiClient.objects.select_related("user").order_by("name")
        ]
        if options["json"]:
            self.emit_json(rows)
            return
        for row in rows:
            state = "aktif / active" if row["active"] else "dicabut / revoked"
            self.stdout.write(f"{row['client_id']}  {row['name']}  {row['user']}  [{row['scopes']}]  {state}")

    def _revoke(self, options: dict[str, Any]) -> None:
        client = ApiClient.objects.select_related("user").filter(client_id=options["client_id"] or "").first()
        if client is None:
            self.fail(
                "accounts.unknown_client",
                f"Klien {options['client_id']} tidak ada.",
                f"No client {options['client_id']}.",
            )
            return
        api_clients.revoke_client(actor=SYSTEM, client=client)
        if options["json"]:
            self.emit_json({"client_id": client.client_id, "revoked": True})
            return
        self.stdout.write(f"{client.client_id}: dicabut / revoked")
