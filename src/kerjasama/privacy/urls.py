from django.urls import path

from kerjasama.privacy import views

app_name = "privacy"

# Mounted at privasi/.
urlpatterns = [
    path("", views.register_page, name="register"),
    path("catatan-pemrosesan.json", views.register_json_download, name="register_json"),
    path("catatan-pemrosesan.xlsx", views.register_xlsx_download, name="register_xlsx"),
    path("permintaan/", views.requests_page, name="requests"),
    path("permintaan/<int:pk>/", views.request_page, name="request"),
    path("permintaan/<int:pk>/surat.pdf", views.request_letter, name="request_letter"),
    path("permintaan/<int:pk>/data.json", views.request_export_json, name="request_export_json"),
    path("permintaan/<int:pk>/ringkasan.pdf", views.request_export_pdf, name="request_export_pdf"),
    path("insiden/", views.breaches_page, name="breaches"),
    path("insiden/<int:pk>/", views.breach_page, name="breach"),
    path("insiden/<int:pk>/surat.pdf", views.breach_letter, name="breach_letter"),
]
