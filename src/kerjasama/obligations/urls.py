from django.urls import path

from kerjasama.obligations import views

app_name = "obligations"

# Mounted at kerja-sama/<int:agreement_id>/kewajiban/ (before the agreements' own kerja-sama/ include).
urlpatterns = [
    path("", views.obligations_page, name="list"),
    path("ekspor.xlsx", views.obligations_export, name="export"),
    path("jatuh-tempo/<int:due_id>/<str:action>/", views.due_action, name="due_action"),
]
