from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class OversightConfig(AppConfig):
    """Public oversight (issue 13): publication consent and the public register (UU 14/2008 Pasal 11, 17)."""

    name = "kerjasama.oversight"
    label = "oversight"
    verbose_name = "Pengawasan publik / Public oversight"
    #: The example consents belong to the example agreements in force.
    bootstrap_after = ("regions", "accounts", "agreements", "lifecycle")

    def ready(self) -> None:
        from kerjasama.agreements.publication import set_publication_provider
        from kerjasama.oversight import (
            publication_store,
            rules,  # noqa: F401 - registers the permissions
        )
        from kerjasama.oversight.selectors import publication_states

        set_publication_provider(publication_states)
        publication_store.connect()

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """Every party of each example agreement in force consents to its publication (DATA CONTOH)."""
        from kerjasama.oversight.demo import load_publication_demo

        made = load_publication_demo(actor=actor)
        if not made:
            return None
        return f"Publikasi contoh / example publication: {made} persetujuan / consents (DATA CONTOH / EXAMPLE DATA)"
