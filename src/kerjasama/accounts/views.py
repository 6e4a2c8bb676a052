"""Account pages: login, password, profile with API tokens, organisation with its users."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts import services, sso
from kerjasama.accounts.forms import ServicePasswordChangeForm, TokenForm
from kerjasama.accounts.models import ApiToken, Organisation, User
from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.accounts.sso_views import refusal_text
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.pages import error_text, show_error


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # "Masuk dengan SSO" beside the local form (issue 15 item 5); a refused SSO login is shown once.
        context["sso_enabled"] = sso.enabled()
        context["sso_refusal"] = refusal_text(self.request)
        return context


def password_change(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ServicePasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(actor=user, user=user, new_password=form.cleaned_data["new_password1"])
        except KerjasamaError as exc:
            form.add_error("new_password1", error_text(exc))
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


def profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
    new_key = request.session.pop("new_api_key", None)
    response = render(
        request,
        "accounts/profile.html",
        {
            "profile_user": user,
            "scope": jurisdiction_of(user),
            "tokens": tokens,
            "token_form": TokenForm(),
            "new_key": new_key,
        },
    )
    # The page shows a new API key once: no browser cache or proxy may keep a copy of it.
    add_never_cache_headers(response)
    response["Pragma"] = "no-cache"
    return response


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TokenForm(request.POST)
    if form.is_valid():
        _token, key = services.issue_api_token(
            actor=user,
            user=user,
            name=form.cleaned_data["name"],
            scopes=TokenForm.ACCESS[form.cleaned_data["access"] or "read"],
        )
        # Shown once on the next page, then gone: only the hash is stored.
        request.session["new_api_key"] = key
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    else:
        messages.error(request, _("Give the token a name."))
    return redirect("accounts:profile")


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    try:
        services.revoke_api_token(actor=user, token=token)
        messages.success(request, _("Token revoked."))
    except KerjasamaError as exc:
        show_error(request, exc)
    return redirect("accounts:profile")


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = (
        Organisation.objects.restrict(request.user, "view")
        .select_related("region", "parent")
        .filter(pk=pk)
        .first()
    )
    if organisation is None or not can(request.user, "accounts.view_organisation", organisation):
        # Same answer for "does not exist" and "not yours": no probing of other organisations.
        raise Http404
    users = User.objects.restrict(request.user, "view").filter(organisation=organisation).order_by("username")
    units = Organisation.objects.restrict(request.user, "view").filter(parent=organisation).order_by("name")
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "users": users,
            "units": units,
            "can_manage": can(request.user, "accounts.manage_users", organisation),
        },
    )


def my_organisation(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.organisation_id is None:
        raise Http404
    return redirect("accounts:organisation", pk=user.organisation_id)
