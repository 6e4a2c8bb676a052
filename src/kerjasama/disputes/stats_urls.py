"""The statistics pages and the lessons page of the disputes (issue 12 item 7), mounted by ``disputes.urls``
before the case's step route (``<id>/<step>/`` would otherwise take ``<id>/pelajaran/``)."""

from django.urls import path

from kerjasama.disputes import stats_views

urlpatterns = [
    path("statistik/", stats_views.national, name="stats"),
    path("statistik/unduh.xlsx", stats_views.national_xlsx, name="stats_xlsx"),
    path("statistik/<int:year>.pdf", stats_views.annual_pdf, name="stats_pdf"),
    path("statistik/provinsi/<str:code>/", stats_views.provincial, name="stats_province"),
    path("statistik/provinsi/<str:code>/unduh.xlsx", stats_views.provincial_xlsx, name="stats_province_xlsx"),
    path("<int:dispute_id>/pelajaran/", stats_views.lessons_page, name="lessons"),
]
