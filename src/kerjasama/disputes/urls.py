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

# The statistics and lessons pages (issue 12 item 7), ahead of the case's step route.
from kerjasama.disputes.stats_urls import urlpatterns as stats_urlpatterns  # noqa: E402

urlpatterns = [*stats_urlpatterns, *urlpatterns]
# The early warning (issue 12 items 5 and 9): its own module.
from kerjasama.disputes.risk_urls import urlpatterns as risk_urlpatterns  # noqa: E402

urlpatterns += risk_urlpatterns
