from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "kerjasama.portal"
    label = "portal"
    verbose_name = "Portal"
