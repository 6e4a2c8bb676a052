from django.urls import path

from kerjasama.disputes import outcome_views, views

app_name = "disputes"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("daftar/", views.dispute_register, name="register"),
    path("<int:dispute_id>/", views.dispute_detail, name="detail"),
    path("<int:dispute_id>/hasil/", outcome_views.outcome_page, name="outcomes"),
    path("<int:dispute_id>/<str:step>/", views.dispute_step, name="step"),
]
