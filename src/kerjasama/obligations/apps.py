from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class ObligationsConfig(AppConfig):
    """Hak dan kewajiban: the obligations of the parties of an agreement in force (issue 11, item 1)."""

    name = "kerjasama.obligations"
    label = "obligations"
    verbose_name = "Kewajiban / Obligations"
    bootstrap_after = ("agreements",)

    def ready(self) -> None:
        # The evidence of a fulfilment is a document attached to the obligation: readable by everyone who may
        # view the obligation (every party of the agreement), not only inside the uploading region.
        from kerjasama.core.scoping import register_attachment_owner
        from kerjasama.obligations.models import Obligation

        register_attachment_owner("obligations.obligation", Obligation)

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """An example monthly obligation with fulfilled, confirmed and late occurrences (DATA CONTOH)."""
        from kerjasama.obligations.demo import load_obligations_demo

        made = load_obligations_demo(actor=actor)
        if not made:
            return None
        return f"Kewajiban contoh / example obligations: {made} (DATA CONTOH / EXAMPLE DATA)"
