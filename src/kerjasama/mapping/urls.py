from django.urls import path

from kerjasama.mapping import run_views, views

app_name = "mapping"

urlpatterns = [
    path("", views.national_page, name="national"),
    path("nasional/jalankan/", run_views.national_run_request, name="national_run"),
    path("provinsi/<str:code>/", views.province_page, name="province"),
    path("<str:code>/", views.region_page, name="region"),
    path("<str:code>/ekspor.<str:fmt>", views.region_export, name="export"),
    path("<str:code>/profil/templat.xlsx", views.profile_template, name="profile_template"),
    path("<str:code>/profil/impor/", views.profile_upload, name="profile_upload"),
    path("<str:code>/profil/nilai/", views.profile_value, name="profile_value"),
    path("<str:code>/identifikasi/<str:affair>/", views.identification_edit, name="identification"),
    # Before the action route, which would otherwise take "lihat" for an action.
    path(
        "<str:code>/identifikasi/<str:affair>/lihat/",
        views.identification_detail,
        name="identification_detail",
    ),
    path(
        "<str:code>/identifikasi/<str:affair>/<str:action>/",
        views.identification_action,
        name="identification_action",
    ),
]
