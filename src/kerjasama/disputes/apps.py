from django.apps import AppConfig


class DisputesConfig(AppConfig):
    """Perselisihan: disputes arising from regional cooperation (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8,
    21). The early warning (``domain/``, ``kerjasama risk``,
    ``POST /api/v1/disputes/risk``) and the cases: registration, screening, deliberation."""

    name = "kerjasama.disputes"
    label = "disputes"
    verbose_name = "Perselisihan / Disputes"

    def ready(self) -> None:
        # The evidence of a case is a document attached to it: readable by whoever may view the case (its
        # parties, the resolver, the ministry), whichever region it was filed under.
        from kerjasama.core.scoping import register_attachment_owner
        from kerjasama.disputes.models import Dispute

        register_attachment_owner("disputes.dispute", Dispute, exclusive=True)
        # The lessons' permission (``disputes.record_lesson``) is registered by its module.
        import kerjasama.disputes.lessons  # noqa: F401

        # The SLA of each open step as deadlines of `kerjasama remind`, with their escalations.
        from kerjasama.deadlines.registry import register_source
        from kerjasama.disputes import deadlines

        register_source(deadlines.SOURCE, deadlines.dispute_items, own_areas=("dispute",))
        # The early warning: who records risk events, and the hook that recomputes an agreement's risk when
        # the rows it reads change (the other apps never import disputes).
        from kerjasama.disputes import risk_rules, risk_signals

        del risk_rules
        risk_signals.connect()
