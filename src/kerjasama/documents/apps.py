from django.apps import AppConfig
from django.core import checks

from kerjasama.documents.checks import check_document_settings


class DocumentsConfig(AppConfig):
    """Files attached to cooperation records: content-addressed, versioned, permission-checked downloads."""

    name = "kerjasama.documents"
    label = "documents"
    verbose_name = "Dokumen / Documents"

    def ready(self) -> None:
        checks.register(check_document_settings)
