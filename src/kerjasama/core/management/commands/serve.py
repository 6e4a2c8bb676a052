"""``kerjasama serve``: serve Kerjasama with gunicorn (static files through whitenoise)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Jalankan server / Serve Kerjasama with gunicorn on HOST:PORT (default 127.0.0.1:8000). "
        "Run `kerjasama setup` first."
    )

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")

    def run(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from kerjasama.core.management.commands.setup import demo_logins
        from kerjasama.wsgi import application

        host, port = options["host"], options["port"]
        if not 0 < port < 65536:
            self.fail("serve.bad_port", f"Port tidak sah: {port}.", f"Invalid port: {port}.")

        class App(BaseApplication):
            def load_config(self) -> None:
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", options["workers"])
                self.cfg.set("accesslog", "-")
                self.cfg.set("timeout", 120)

            def load(self) -> Any:
                return application

        self.stdout.write(f"Kerjasama: http://{host}:{port}/  (Ctrl+C untuk berhenti / to stop)")
        if settings.KERJASAMA_LOAD_DEMO:
            self.stdout.write(demo_logins())
        self.stdout.flush()
        App().run()
