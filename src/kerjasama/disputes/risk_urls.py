"""The early-warning pages, under ``/perselisihan/risiko/`` (added to ``disputes.urls``)."""

from django.urls import path

from kerjasama.disputes import risk_views

urlpatterns = [
    path("risiko/", risk_views.risk_dashboard, name="risk"),
    path("risiko/ambang/", risk_views.risk_thresholds, name="risk_thresholds"),
    path("risiko/ekspor.xlsx", risk_views.risk_export, name="risk_export"),
    path("risiko/kerja-sama/<int:agreement_id>/", risk_views.risk_agreement, name="risk_agreement"),
    path("risiko/kerja-sama/<int:agreement_id>/peristiwa/", risk_views.risk_event_record, name="risk_event"),
]
