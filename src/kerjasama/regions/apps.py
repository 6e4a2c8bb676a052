from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kerjasama.regions"
    label = "regions"
    verbose_name = "Daerah / Regions"
