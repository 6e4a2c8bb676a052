from django.contrib import admin
from django.urls import include, path

from kerjasama.accounts.urls import auth_urlpatterns
from kerjasama.api.api import api
from kerjasama.core import health, metrics

admin.site.site_header = "Kerjasama — administrasi"
admin.site.site_title = "Kerjasama"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("kerjasama.accounts.urls")),
    path("", include("kerjasama.compliance.urls")),
    path("pemetaan/", include("kerjasama.mapping.urls")),
    path("tkksd/", include("kerjasama.tkksd.urls")),
    path("kerja-sama/impor/", include("kerjasama.agreements.import_urls")),
    path("kerja-sama/<int:agreement_id>/monev/", include("kerjasama.monev.urls")),
    path("kerja-sama/<int:agreement_id>/", include("kerjasama.lifecycle.urls")),
    path("", include("kerjasama.oversight.urls")),
    path("kerja-sama/<int:agreement_id>/kewajiban/", include("kerjasama.obligations.urls")),
    path("kerja-sama/", include("kerjasama.agreements.urls")),
    path("notifikasi/", include("kerjasama.notifications.urls")),
    path("", include("kerjasama.deadlines.urls")),
    path("dokumen/", include("kerjasama.documents.urls")),
    path("laporan/", include("kerjasama.reports.urls")),
    path("perselisihan/", include("kerjasama.disputes.urls")),
    path("kerja-sama/<int:agreement_id>/surat/", include("kerjasama.letters.urls")),
    path("surat/", include("kerjasama.letters.region_urls")),
    path("", include("kerjasama.signing.urls")),
    path("privasi/", include("kerjasama.privacy.urls")),
    *auth_urlpatterns,
    path("", include("kerjasama.portal.urls")),
]

# The error pages in the site's layout, in Indonesian (English when chosen): templates 404.html, 403.html and
# 500.html of the portal; a refusal says in words what the account may not do.
handler403 = "kerjasama.portal.views.permission_denied"
# A database outage (PostgreSQL restarting, the network cut) answers 503 with a bilingual message and the stable
# code database.unavailable instead of the 500 page (kerjasama.core.unavailable, issue 14 item 5).
handler500 = "kerjasama.core.unavailable.server_error"
