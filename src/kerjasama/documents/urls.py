from django.urls import path

from kerjasama.documents import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/versi/baru/", views.version_upload, name="version_upload"),
    path("<int:pk>/versi/<int:number>/unduh/", views.version_download, name="download"),
]
