from django.urls import path

from kerjasama.lifecycle import views

app_name = "lifecycle"

# Mounted under kerja-sama/<int:agreement_id>/ (before the agreements' own kerja-sama/ include).
urlpatterns = [
    path("adendum/", views.amendments_page, name="amendments"),
    path("perpanjangan/", views.extension, name="extension"),
    path("pengakhiran/", views.termination_page, name="termination"),
    path("pengakhiran/butir/<int:item_id>/", views.settlement_item, name="settlement_item"),
]
