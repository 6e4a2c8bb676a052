from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Files attached to cooperation records: content-addressed, versioned, permission-checked downloads."""

    name = "kerjasama.documents"
    label = "documents"
    verbose_name = "Dokumen / Documents"
