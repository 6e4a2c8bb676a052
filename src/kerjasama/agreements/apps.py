from __future__ import annotations

from django.apps import AppConfig

from kerjasama.core.actors import Actor


class AgreementsConfig(AppConfig):
    """Kerja sama daerah: the shared record of each cooperation (PP 28/2018 Pasal 6, 19, 46)."""

    name = "kerjasama.agreements"
    label = "agreements"
    verbose_name = "Kerja sama / Agreements"
    #: The example agreements name the demo's regions, affairs, organisations and users; the mapping demo
    #: stores its first national run before them (the register's pairs are recomputed below).
    bootstrap_after = ("regions", "affairs", "accounts", "documents", "mapping", "tkksd")

    def ready(self) -> None:
        # The mapping engine reads the register of agreements in force (issue 10, item 7); mapping sits below
        # this app in the layers, so the reader is handed to it here.
        from kerjasama.agreements.selectors import engine_agreements
        from kerjasama.mapping import runner

        runner.register_agreement_source(engine_agreements)
        # A party region's TKKSD reviews the proposal by a decision in its meeting (the tkksd app's subject).
        from kerjasama.agreements.tkksd_link import register_agreement_subjects

        register_agreement_subjects()
        # One record seen identically by every party (issue 10): the documents attached to an agreement are
        # readable by everyone who may view the agreement, not only within the uploading region.
        from kerjasama.agreements.models import Agreement
        from kerjasama.core.scoping import register_attachment_owner

        register_attachment_owner("agreements.agreement", Agreement)

    def load_demo_data(self, *, actor: Actor) -> str | None:
        """Example agreements in every stage (DATA CONTOH, ``agreements.demo``); a second run changes nothing.
        The regions of the example agreements in force get their stored recommendations recomputed, so the
        mapping pages do not recommend what the example register already holds."""
        from kerjasama.agreements.demo import REGISTER_REGIONS, load_agreements_demo
        from kerjasama.agreements.workflow import collecting_register_changes
        from kerjasama.mapping import runner
        from kerjasama.mapping.models import Recommendation

        # Example agreements entering or leaving implementation would mark their parties for the refresh
        # task; only the parties' own recommendations depend on an agreement, so they are recomputed here at
        # once and a new installation starts with an empty refresh queue.
        with collecting_register_changes() as changed:
            created = load_agreements_demo(actor=actor)
        if not created:
            return None
        if Recommendation.objects.exists():
            runner.run(actor=actor, regions=changed | set(REGISTER_REGIONS), store=True)
        return f"Kerja sama contoh / example agreements: {created} (DATA CONTOH / EXAMPLE DATA)"
