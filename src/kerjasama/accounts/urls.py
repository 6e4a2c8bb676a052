from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from kerjasama.accounts import audit_views, views

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
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
