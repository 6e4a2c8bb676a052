from django.apps import AppConfig


class AffairsConfig(AppConfig):
    name = "kerjasama.affairs"
    label = "affairs"
    verbose_name = "Urusan pemerintahan / Government affairs"
