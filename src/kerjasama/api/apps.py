from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kerjasama.api"
    label = "api"
    verbose_name = "API"
