from __future__ import annotations

from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Public oversight (issue 13): publication consent and the public register (UU 14/2008 Pasal 11, 17)."""

    name = "kerjasama.oversight"
    label = "oversight"
    verbose_name = "Pengawasan publik / Public oversight"

    def ready(self) -> None:
        from kerjasama.agreements.publication import set_publication_provider
        from kerjasama.oversight import rules  # noqa: F401 - registers the permissions
        from kerjasama.oversight.selectors import publication_states

        set_publication_provider(publication_states)
