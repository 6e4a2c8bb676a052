from django.urls import path

from kerjasama.oversight import annual_views, dashboard_views, map_views, opendata_views, quality_views, views

app_name = "oversight"

#: Mounted at the root: the consent page beside the agreement's own pages, the public register on its own path.
urlpatterns = [
    path("kerja-sama/<int:agreement_id>/publikasi/", views.consent_page, name="consent"),
    path("daftar-kerja-sama/", views.register_list, name="register"),
    path("daftar-kerja-sama/wilayah/<str:code>/", views.register_region, name="register_region"),
    path("daftar-kerja-sama/<int:pk>/", views.register_detail, name="register_detail"),
    path("daftar-kerja-sama/<int:pk>/pks/", views.register_pks, name="register_pks"),
    # Data-quality scores (issue 13 item 5).
    path("pengawasan/kualitas/", quality_views.quality_home, name="quality"),
    path("pengawasan/kualitas/nasional/", quality_views.quality_national, name="quality_national"),
    path(
        "pengawasan/kualitas/nasional.xlsx", quality_views.quality_national_xlsx, name="quality_national_xlsx"
    ),
    path("pengawasan/kualitas/provinsi/<str:code>/", quality_views.quality_province, name="quality_province"),
    path(
        "pengawasan/kualitas/provinsi/<str:code>.xlsx",
        quality_views.quality_province_xlsx,
        name="quality_province_xlsx",
    ),
    path("pengawasan/kualitas/wilayah/<str:code>/", quality_views.quality_region, name="quality_region"),
    path("data-terbuka/", opendata_views.open_data_page, name="open_data"),
    path(f"data-terbuka/{opendata_views.ZIP_NAME}", opendata_views.open_data_zip, name="open_data_zip"),
    path("data-terbuka/<str:name>", opendata_views.open_data_file, name="open_data_file"),
    # Dashboards per role (issue 13 item 1).
    path("pengawasan/", dashboard_views.dashboard_home, name="dashboard"),
    path("pengawasan/nasional/", dashboard_views.dashboard_national, name="dashboard_national"),
    path("pengawasan/provinsi/<str:code>/", dashboard_views.dashboard_province, name="dashboard_province"),
    path("pengawasan/wilayah/<str:code>/", dashboard_views.dashboard_region, name="dashboard_region"),
    path("pengawasan/unduh/<str:scope>.xlsx", dashboard_views.dashboard_xlsx, name="dashboard_xlsx"),
]

# Maps and the cooperation network (issue 13 item 2).
urlpatterns += [
    path("pengawasan/peta/", map_views.map_page, name="map"),
    path("pengawasan/peta.xlsx", map_views.map_xlsx, name="map_xlsx"),
    path("pengawasan/jaringan/", map_views.network_page, name="network"),
    path("daftar-kerja-sama/peta/", map_views.public_map, name="public_map"),
    path("daftar-kerja-sama/peta.xlsx", map_views.public_map_xlsx, name="public_map_xlsx"),
    path("daftar-kerja-sama/jaringan/", map_views.public_network, name="public_network"),
]

# Annual reports of regional cooperation (issue 13 item 6).
urlpatterns += [
    path("pengawasan/laporan-tahunan/", annual_views.annual_reports, name="annual_reports"),
    path(
        "pengawasan/laporan-tahunan/<int:pk>/status.json",
        annual_views.annual_report_status,
        name="annual_report_status",
    ),
    path(
        "pengawasan/laporan-tahunan/<int:pk>/unduh.<str:kind>",
        annual_views.annual_report_download,
        name="annual_report_download",
    ),
]
