from __future__ import annotations

from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    """An agreement in force: amendments (adendum), extension and renewal as lineage, termination with its
    settlement, and the automatic end of an expired term (issue 11, items 3 and 4; PP 28/2018 Pasal 9, 22)."""

    name = "kerjasama.lifecycle"
    label = "lifecycle"
    verbose_name = "Siklus kerja sama / Agreement lifecycle"
    bootstrap_after = ("agreements",)
