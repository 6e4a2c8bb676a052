from django.urls import path

from kerjasama.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox_page, name="inbox"),
    path("<int:pk>/buka/", views.open_notification, name="open"),
    path("<int:pk>/dibaca/", views.mark_read_view, name="mark_read"),
    path("semua-dibaca/", views.mark_all_read_view, name="mark_all_read"),
    path("pengaturan/", views.preferences_view, name="preferences"),
    path("terkirim/<str:object_type>/<str:object_id>/", views.sent_log_page, name="sent_log"),
]
