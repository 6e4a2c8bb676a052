from django.urls import path

from kerjasama.signing import views

app_name = "signing"

urlpatterns = [
    path("verifikasi/", views.verify_upload, name="verify"),
    path("verifikasi/<str:token>/", views.verify_token, name="verify_token"),
]
