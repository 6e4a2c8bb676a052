from django.apps import AppConfig


class DisputesConfig(AppConfig):
    """Perselisihan: disputes arising from regional cooperation (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8,
    21). The early warning (``domain/``, ``kerjasama risk``,
    ``POST /api/v1/disputes/risk``) and the cases: registration, screening, deliberation."""

    name = "kerjasama.disputes"
    label = "disputes"
    verbose_name = "Perselisihan / Disputes"
