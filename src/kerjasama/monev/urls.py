from django.urls import path

from kerjasama.monev import views

app_name = "monev"

#: Mounted at ``kerja-sama/<int:agreement_id>/monev/`` (before the agreements' own ``kerja-sama/`` routes).
urlpatterns = [
    path("", views.agreement_page, name="agreement"),
    path("ekspor.xlsx", views.export_xlsx, name="export"),
    path("buka-periode/", views.open_periods, name="open_periods"),
    path("<int:period_id>/mandiri/<int:party_id>/", views.self_assessment, name="self_assessment"),
    path("<int:period_id>/tkksd/<int:party_id>/", views.tkksd_evaluation, name="tkksd_evaluation"),
    path("<int:period_id>/gubernur/", views.governor_evaluation, name="governor_evaluation"),
]
