from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    """The Django side of the pure ``kerjasama.rulebook``: national data in, findings out (CLI, API, pages)."""

    name = "kerjasama.compliance"
    label = "compliance"
    verbose_name = "Pemeriksaan aturan / Rule checks"

    def ready(self) -> None:
        from kerjasama.compliance import checks  # noqa: F401  (registers the system check)
