from __future__ import annotations

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    """Kerja sama daerah: the shared record of each cooperation (PP 28/2018 Pasal 6, 19, 46)."""

    name = "kerjasama.agreements"
    label = "agreements"
    verbose_name = "Kerja sama / Agreements"
