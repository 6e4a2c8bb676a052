from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class MonevConfig(AppConfig):
    """Monitoring and evaluation (monev) of agreements in force (PP 28/2018 Pasal 44(5) → PP 12/2017)."""

    name = "kerjasama.monev"
    label = "monev"
    verbose_name = "Monev / Monitoring and evaluation"
    #: The example monev belongs to the example agreements and TKKSD.
    bootstrap_after = ("regions", "accounts", "tkksd", "agreements")

    def ready(self) -> None:
        from kerjasama.monev import checks, rules, subjects  # noqa: F401 - registers the permissions and check

        subjects.register_monev_subjects()

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """The first-semester monev of the example Kota Yogyakarta–Kabupaten Sleman waste agreement by both
        parties and the TKKSD (DATA CONTOH); a second run changes nothing."""
        from kerjasama.monev.demo import load_monev_demo

        made = load_monev_demo(actor=actor)
        if not made:
            return None
        return f"Monev contoh / example monev: {made} entri / entries (DATA CONTOH / EXAMPLE DATA)"
