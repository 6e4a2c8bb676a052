from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class TkksdConfig(AppConfig):
    """Tim Koordinasi Kerja Sama Daerah as a body of each region (rulebook R21; Permendagri 22/2020 [S])."""

    name = "kerjasama.tkksd"
    label = "tkksd"
    verbose_name = "TKKSD / Regional cooperation coordination team"
    #: The example teams belong to regions and link the demo's accounts and units.
    bootstrap_after = ("regions", "accounts", "mapping")

    def ready(self) -> None:
        from kerjasama.tkksd import subjects

        subjects.register_mapping_subjects()

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """Example TKKSD decrees, members and one held meeting for Kota Yogyakarta and Kabupaten Sleman
        (DATA CONTOH); a second run changes nothing."""
        from kerjasama.tkksd.demo import load_tkksd_demo

        created = load_tkksd_demo(actor=actor)
        if not created:
            return None
        return f"TKKSD contoh / example TKKSD: {created} daerah / regions (DATA CONTOH / EXAMPLE DATA)"
