from django.urls import path

from kerjasama.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.reports_list, name="list"),
    path("susun/", views.generate, name="generate"),
    path("provinsi/<str:code>/", views.province_page, name="province"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/laporan.xlsx", views.export_xlsx, name="xlsx"),
    path("<int:report_id>/laporan.pdf", views.export_pdf, name="pdf"),
    path("<int:report_id>/<str:action>/", views.act, name="act"),
]
