"""``/kerja-sama/impor/``: the import of the register of existing agreements (included by the project urls)."""

from django.urls import path

from kerjasama.agreements import import_views

app_name = "agreements_import"

urlpatterns = [
    path("", import_views.import_page, name="page"),
    path("templat/", import_views.template_download, name="template"),
]
