from __future__ import annotations

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    """Kerja sama daerah: the shared record of each cooperation (PP 28/2018 Pasal 6, 19, 46)."""

    name = "kerjasama.agreements"
    label = "agreements"
    verbose_name = "Kerja sama / Agreements"

    def ready(self) -> None:
        # The mapping engine reads the register of agreements in force (issue 10, item 7); mapping sits below
        # this app in the layers, so the reader is handed to it here.
        from kerjasama.agreements.selectors import engine_agreements
        from kerjasama.mapping import runner

        runner.register_agreement_source(engine_agreements)
        # A party region's TKKSD reviews the proposal by a decision in its meeting (the tkksd app's subject).
        from kerjasama.agreements.tkksd_link import register_agreement_subjects

        register_agreement_subjects()
