from __future__ import annotations

from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    """Tenggat dan pengingat: every dated item as a deadline, renewal-aware reminders, the ICS feed."""

    name = "kerjasama.deadlines"
    label = "deadlines"
    verbose_name = "Tenggat / Deadlines"

    def ready(self) -> None:
        from kerjasama.deadlines import sources
        from kerjasama.deadlines.registry import register_source

        register_source(sources.EXPIRY, sources.expiry_items)
        register_source(sources.STAGES, sources.stage_clock_items)
        # The obligations, monev and lifecycle apps' deadlines, escalations and lineage (deadlines.plugins).
        from kerjasama.deadlines import plugins

        plugins.register()
