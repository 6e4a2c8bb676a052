from django.urls import path

from kerjasama.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list_page, name="list"),
    path("ekspor.xlsx", views.agreement_export, name="export"),
    path("baru/", views.agreement_new, name="new"),
    path("<int:pk>/", views.agreement_detail_page, name="detail"),
    path("<int:pk>/unggah/", views.agreement_upload, name="upload"),
    path("<int:pk>/aksi/<str:action>/", views.agreement_action, name="action"),
]
