from django.contrib.auth.decorators import login_not_required
from django.urls import path

from kerjasama.accounts import audit_views, sso_views, views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("token/", views.token_create, name="token_create"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("organisasi/", views.my_organisation, name="my_organisation"),
    path("organisasi/<int:pk>/", views.organisation_detail, name="organisation"),
    path("audit/", audit_views.audit_trail, name="audit_trail"),
]

auth_urlpatterns = [
    path("masuk/", login_not_required(views.LoginView.as_view()), name="login"),
    path("keluar/", sso_views.SsoAwareLogoutView.as_view(), name="logout"),
    # Single sign-on (issue 15 item 5; 404 unless KERJASAMA_OIDC_ENABLED).
    path("masuk/sso/", login_not_required(sso_views.SsoStartView.as_view()), name="sso_start"),
    path("masuk/sso/kembali/", login_not_required(sso_views.SsoCallbackView.as_view()), name="sso_callback"),
    path("masuk/sso/belum-ditautkan/", login_not_required(sso_views.not_linked), name="sso_not_linked"),
]
