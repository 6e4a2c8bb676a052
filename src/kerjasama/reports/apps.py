from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The periodic report upward of regional cooperation (PP 28/2018 Pasal 44(5) → PP 12/2017 Pasal 24)."""

    name = "kerjasama.reports"
    label = "reports"
    verbose_name = "Laporan / Periodic reports"

    def ready(self) -> None:
        from kerjasama.reports import checks, deadlines, rules  # noqa: F401 - registers the permissions and check

        deadlines.register()
