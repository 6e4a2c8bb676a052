from django.urls import path

from kerjasama.tkksd import views

app_name = "tkksd"

urlpatterns = [
    path("<str:code>/", views.region_page, name="region"),
    path("<str:code>/sk/baru/", views.decree_new, name="decree_new"),
    path("<str:code>/sk/<int:decree_id>/akhiri/", views.decree_end, name="decree_end"),
    path("<str:code>/anggota/baru/", views.member_new, name="member_new"),
    path("<str:code>/anggota/<int:member_id>/keluarkan/", views.member_remove, name="member_remove"),
    path("<str:code>/rapat/baru/", views.meeting_new, name="meeting_new"),
    path("<str:code>/rapat/<int:meeting_id>/", views.meeting_page, name="meeting"),
    path("<str:code>/rapat/<int:meeting_id>/terlaksana/", views.meeting_hold, name="meeting_hold"),
    path("<str:code>/rapat/<int:meeting_id>/keputusan/", views.decision_new, name="decision_new"),
]
