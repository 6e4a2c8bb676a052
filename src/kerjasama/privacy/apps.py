from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class PrivacyConfig(AppConfig):
    """Pelindungan Data Pribadi (UU 27/2022; issue 15 item 9): the register of processing, field classification,
    masking, retention by JRA class, data-subject requests and the breach log."""

    name = "kerjasama.privacy"
    label = "privacy"
    verbose_name = "Pelindungan data pribadi / Personal data protection"

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """An example data-subject request and an example breach (DATA CONTOH)."""
        from kerjasama.privacy.demo import load_privacy_demo

        made = load_privacy_demo(actor=actor)
        if not made:
            return None
        return f"Catatan privasi contoh / example privacy records: {made} (DATA CONTOH / EXAMPLE DATA)"
