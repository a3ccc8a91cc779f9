"""Production error pages (templates/404.html and the others), the favicon."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path

from newsdesk import urls as site_urls


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [*site_urls.urlpatterns, path("boom/", boom), path("forbidden/", forbidden)]


def test_an_unknown_actor_gets_the_sites_404_page_not_the_debug_one(analyst_client):
    response = analyst_client.get("/actors/no-such-actor/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert "There is nothing at this address" in html
    assert 'href="/static/newsdesk.css"' in html
    assert "Traceback" not in html and "URLconf" not in html


def test_an_unknown_outlet_and_article_get_it_too(analyst_client):
    for url in ("/outlets/nowhere/", "/articles/999999/", "/no/such/page/"):
        assert "There is nothing at this address" in analyst_client.get(url).content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_gets_the_sites_500_page_without_details(db, analyst):
    client = Client(raise_request_exception=False)
    client.force_login(analyst)

    response = client.get("/boom/")

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "a bug" not in html and "RuntimeError" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_a_page_without_the_permission_gets_the_403_page(analyst_client):
    response = analyst_client.get("/forbidden/")

    assert response.status_code == 403
    assert "You may not open this page" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/articles/", "/actors/no-such-actor/"])
def test_every_page_links_the_favicon(analyst_client, url):
    assert 'rel="icon" href="/static/favicon.svg"' in analyst_client.get(url).content.decode()


def test_favicon_ico_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
