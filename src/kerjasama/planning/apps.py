from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class PlanningConfig(AppConfig):
    """The planning nomenclature (programmes, activities, sub-activities) keyed by the decree that set it."""

    name = "kerjasama.planning"
    label = "planning"
    verbose_name = "Nomenklatur perencanaan / Planning nomenclature"

    def load_reference_data(self, *, actor: Actor) -> str:
        """The codes the project may ship with their sources (``data/nomenclature_seed.csv``): idempotent."""
        from kerjasama.planning.services import load_seed

        return load_seed(actor=actor)
