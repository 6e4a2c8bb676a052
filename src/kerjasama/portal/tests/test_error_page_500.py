"""The 500 page renders in the site's layout without a request context or a database (issue 9 §7).

No ``django_db`` mark in this module: any query would fail the test."""

from __future__ import annotations

from django.test import RequestFactory
from django.views.defaults import server_error


def test_it_renders_the_500_page_without_a_request_or_a_database() -> None:
    # Django's server_error renders 500.html with no request and no context processors.
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500 and 'data-testid="error-500"' in html
    assert "Terjadi kesalahan pada server" in html and 'class="topbar"' in html
