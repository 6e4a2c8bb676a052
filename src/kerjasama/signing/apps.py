from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "kerjasama.signing"
    label = "signing"
    verbose_name = _("Electronic signing")
    default_auto_field = "django.db.models.BigAutoField"
