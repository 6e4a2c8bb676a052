from django.urls import path

from kerjasama.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("wilayah/", views.region_list, name="regions"),
    path("wilayah/<str:code>/", views.region_detail, name="region"),
    path("urusan/", views.affair_list, name="affairs"),
    path("urusan/<str:code>/", views.affair_detail, name="affair"),
]
