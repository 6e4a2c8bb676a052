from django.urls import path

from kerjasama.deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("tenggat/kalender/buat/", views.create_token_view, name="calendar_create"),
    path("tenggat/kalender/cabut/", views.revoke_token_view, name="calendar_revoke"),
]
