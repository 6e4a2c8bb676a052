from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kerjasama.core"
    label = "core"
    verbose_name = "Inti / Core"
