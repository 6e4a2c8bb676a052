from django.urls import path

from kerjasama.compliance import views

app_name = "compliance"

urlpatterns = [
    path("periksa/", views.plan_check, name="plan_check"),
    path("aturan/", views.rule_catalogue, name="rules"),
]
