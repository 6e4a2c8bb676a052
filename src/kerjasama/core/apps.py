from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kerjasama.core"
    label = "core"
    verbose_name = "Inti / Core"

    def ready(self) -> None:
        from kerjasama.core import choice_labels, errorreport, metrics

        choice_labels.install()
        metrics.connect_task_signals()
        errorreport.init_from_settings()  # only when SENTRY_DSN is set
