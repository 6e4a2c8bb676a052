from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kerjasama.accounts"
    label = "accounts"
    verbose_name = "Akun dan organisasi / Accounts and organisations"
