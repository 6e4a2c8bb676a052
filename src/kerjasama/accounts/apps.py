from __future__ import annotations

from django.apps import AppConfig
from django.conf import settings

from kerjasama.core.actors import Actor


class AccountsConfig(AppConfig):
    """Users, organisations (Kemendagri, Pemda, OPD, third parties), roles and jurisdiction."""

    name = "kerjasama.accounts"
    label = "accounts"
    verbose_name = "Akun dan organisasi / Accounts and organisations"

    def ready(self) -> None:
        # Core's region-scoped queryset asks accounts for a user's jurisdiction (core imports no domain app).
        from kerjasama.accounts.policy import jurisdiction_of
        from kerjasama.core.scoping import register_scope_resolver

        register_scope_resolver(jurisdiction_of)

        # Logins, failed logins, lockouts and logouts go into the audit trail.
        from kerjasama.accounts import login_audit

        login_audit.connect()

    def load_demo_data(self, *, actor: Actor) -> None:
        """The example organisations and users of the permission matrix (``accounts.demo``); they join the
        Pemda organisations that ``regions`` loads with its reference data. Idempotent."""
        # Imported here: models cannot be imported while the app registry is being populated.
        from kerjasama.accounts.demo import load_demo

        load_demo(actor=actor)

    def demo_notice(self) -> str:
        """The demo logins, printed after ``kerjasama setup`` loaded the demo and by ``kerjasama serve``."""
        from kerjasama.accounts.demo import DEMO_USERS

        lines = [
            "",
            "Akun contoh (DATA CONTOH, bukan pejabat sebenarnya) / Demo logins (EXAMPLE DATA, not real officials):",
            f"  kata sandi / password: {settings.KERJASAMA_DEMO_PASSWORD}",
        ]
        lines += [f"  {u.username:<18} {u.description}" for u in DEMO_USERS]
        return "\n".join(lines)
