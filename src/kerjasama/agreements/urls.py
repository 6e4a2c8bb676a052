from django.urls import path

from kerjasama.agreements import budget_views, views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list_page, name="list"),
    path("ekspor.xlsx", views.agreement_export, name="export"),
    path("baru/", views.agreement_new, name="new"),
    path("<int:pk>/", views.agreement_detail_page, name="detail"),
    path("<int:pk>/unggah/", views.agreement_upload, name="upload"),
    path("<int:pk>/aksi/<str:action>/", views.agreement_action, name="action"),
    path("<int:pk>/anggaran/", budget_views.budget_add, name="budget_add"),
    path("<int:pk>/anggaran/<int:line_id>/hapus/", budget_views.budget_remove, name="budget_remove"),
]
