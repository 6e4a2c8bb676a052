from django.apps import AppConfig


class MappingConfig(AppConfig):
    """Pemetaan urusan yang dapat dikerjasamakan (PP 28/2018 Pasal 5; Permendagri 22/2020 Pasal 5)."""

    name = "kerjasama.mapping"
    label = "mapping"
    verbose_name = "Pemetaan urusan / Mapping of cooperable affairs"
