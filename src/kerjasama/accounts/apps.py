from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kerjasama.accounts"
    label = "accounts"
    verbose_name = "Akun dan organisasi / Accounts and organisations"

    def ready(self) -> None:
        # Core's region-scoped queryset asks accounts for a user's jurisdiction (core imports no domain app).
        from kerjasama.accounts.policy import jurisdiction_of
        from kerjasama.core.scoping import register_scope_resolver

        register_scope_resolver(jurisdiction_of)
