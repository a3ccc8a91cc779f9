"""Feeds by key (/feeds/<key>/<list>/) for feed readers, the feeds page that revokes keys, and the admin."""

import hashlib
import logging
from datetime import date
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from articles.models import FeedToken

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def coverage(make_actor, make_topic, make_article, make_statement):
    rubio, rutte = make_actor("Marco Rubio"), make_actor("Mark Rutte")
    call = make_article(
        "Rubio & Rutte talk <sanctions>",
        body="Rubio said: Talks go on.",
        published=date(2025, 5, 22),
        actors=[rubio, rutte],
        topics=[make_topic("sanctions")],
    )
    make_statement(call, "Talks go on.", speaker=rubio)
    summit = make_article("Rutte prepares the Hague summit", published=date(2025, 6, 21), actors=[rutte])
    make_statement(summit, "The summit will decide.", speaker=rutte)
    return {"call": call}


@pytest.fixture
def key(analyst):
    return FeedToken.objects.for_user(analyst).key


def titles(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


@pytest.mark.parametrize(
    "name, filters, expected",
    [
        ("articles", {"topic": "sanctions"}, ["Rubio & Rutte talk <sanctions>"]),
        ("articles", {"actor": "mark-rutte"}, ["Rutte prepares the Hague summit", "Rubio & Rutte talk <sanctions>"]),
        ("statements", {"speaker": "marco-rubio"}, ["Marco Rubio: Talks go on."]),
        ("statements", {"speaker": "mark-rutte"}, ["Mark Rutte: The summit will decide."]),
        ("actors", {"q": "rutte"}, ["Mark Rutte"]),
    ],
)
def test_a_key_serves_each_feed_with_its_filters_without_a_session(client, key, coverage, name, filters, expected):
    response = client.get(f"/feeds/{key}/{name}/", filters)

    assert titles(response) == expected
    assert "sessionid" not in response.cookies


def test_a_key_feed_is_the_lists_feed(analyst_client, client, key, coverage):
    by_key = client.get(f"/feeds/{key}/articles/", {"topic": "sanctions"})
    by_session = analyst_client.get("/articles/", {"topic": "sanctions", "format": "atom"})

    assert titles(by_key) == titles(by_session)
    root = ElementTree.fromstring(by_key.content)
    assert root.find(f"{ATOM}title").text == "Newsdesk: articles (topic sanctions)"
    # The feed links to the list page, which asks for a login, not to another URL with the key.
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/articles/?topic=sanctions"


def test_a_key_feed_is_private_and_not_for_search_engines(client, key, coverage):
    response = client.get(f"/feeds/{key}/statements/")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_a_key_feed_escapes_hostile_titles(client, key, coverage):
    body = client.get(f"/feeds/{key}/articles/").content.decode()

    assert "Rubio &amp; Rutte talk &lt;sanctions&gt;" in body
    assert "<sanctions>" not in body


def test_a_key_feed_with_invalid_filters_answers_400_as_the_list_does(analyst_client, client, key, coverage):
    by_key = client.get(f"/feeds/{key}/articles/", {"topic": "weather"})
    by_session = analyst_client.get("/articles/", {"topic": "weather", "format": "atom"})

    assert by_key.status_code == by_session.status_code == 400
    assert by_key.json() == by_session.json()
    assert by_key["X-Robots-Tag"] == "noindex"


def test_an_unknown_key_is_404_not_a_login_redirect(client, key, coverage):
    response = client.get("/feeds/not-a-key-of-anybody/articles/")

    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex"


def test_an_unknown_list_is_404(client, key):
    assert client.get(f"/feeds/{key}/sources/").status_code == 404


def test_an_inactive_users_key_is_404(client, analyst, key, coverage):
    analyst.is_active = False
    analyst.save()

    assert client.get(f"/feeds/{key}/articles/").status_code == 404


def test_a_key_feed_answers_only_get_and_head(client, key, coverage):
    assert client.head(f"/feeds/{key}/articles/").status_code == 200
    assert client.post(f"/feeds/{key}/articles/").status_code == 405


def test_a_regenerated_key_stops_the_old_urls_at_once(client, analyst, key, coverage):
    FeedToken.objects.for_user(analyst).regenerate()

    assert client.get(f"/feeds/{key}/articles/").status_code == 404
    new_key = FeedToken.objects.for_user(analyst).key
    assert client.get(f"/feeds/{new_key}/articles/").status_code == 200


def test_refused_keys_stay_out_of_the_logs(client, analyst, key, coverage, caplog):
    FeedToken.objects.for_user(analyst).regenerate()
    live_key = FeedToken.objects.for_user(analyst).key

    with caplog.at_level(logging.INFO):
        assert client.get(f"/feeds/{key}/articles/").status_code == 404
        assert client.get(f"/feeds/{live_key}/articles/", {"topic": "weather"}).status_code == 400
        assert client.post(f"/feeds/{live_key}/articles/").status_code == 405

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/feeds/<slug:key>/<slug:name>/" in logged
    assert key not in logged
    assert live_key not in logged


def test_the_list_feed_still_needs_a_login(client, coverage):
    for url in ("/articles/", "/statements/", "/actors/"):
        response = client.get(url, {"format": "atom"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url, name", [("/articles/", "articles"), ("/statements/", "statements"), ("/actors/", "actors")]
)
def test_the_list_pages_feed_links_carry_the_key_and_filters(analyst_client, analyst, coverage, url, name):
    html = analyst_client.get(url, {"q": "rutte", "page": 1, "per_page": 10}).content.decode()

    key = FeedToken.objects.get(user=analyst).key
    assert f'<link rel="alternate" type="application/atom+xml" title="Newsdesk {name}" ' in html
    assert html.count(f'href="/feeds/{key}/{name}/?q=rutte"') == 2  # the head link and the export link


def test_the_feeds_page_shows_the_users_feed_urls(analyst_client, key):
    response = analyst_client.get("/account/feeds/")

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("articles", "statements", "actors"):
        assert f"http://testserver/feeds/{key}/{name}/" in html
    assert "no-store" in response["Cache-Control"]


def test_the_feeds_page_needs_a_login(client):
    response = client.get("/account/feeds/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_nav_links_to_the_feeds_page(analyst_client):
    assert 'href="/account/feeds/"' in analyst_client.get("/").content.decode()


def test_revoking_makes_a_new_key_and_says_so(analyst_client, client, analyst, key, coverage):
    response = analyst_client.post("/account/feeds/", follow=True)

    assert response.redirect_chain == [("/account/feeds/", 302)]
    assert "The old feed URLs no longer work" in response.content.decode()
    new_key = FeedToken.objects.get(user=analyst).key
    assert new_key != key
    assert new_key in response.content.decode()
    assert client.get(f"/feeds/{key}/articles/").status_code == 404
    assert client.get(f"/feeds/{new_key}/articles/").status_code == 200


def test_the_revoke_form_needs_its_csrf_token(analyst, key):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)

    assert client.post("/account/feeds/").status_code == 403
    assert FeedToken.objects.get(user=analyst).key == key

    client.get("/account/feeds/")
    token = client.cookies["csrftoken"].value
    assert client.post("/account/feeds/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert FeedToken.objects.get(user=analyst).key != key


def test_the_admin_shows_tokens_without_their_keys(admin_client, analyst, key):
    token = FeedToken.objects.get(user=analyst)
    listing = admin_client.get("/admin/articles/feedtoken/").content.decode()
    form = admin_client.get(f"/admin/articles/feedtoken/{token.pk}/change/").content.decode()

    assert "analyst" in listing
    assert f"{key[:4]}…" in listing
    assert key not in listing
    assert key not in form


def test_the_admin_action_revokes_the_selected_keys(admin_client, analyst, key):
    token = FeedToken.objects.get(user=analyst)

    response = admin_client.post(
        "/admin/articles/feedtoken/", {"action": "regenerate_feed_keys", "_selected_action": [token.pk]}
    )

    assert response.status_code == 302
    assert FeedToken.objects.get(user=analyst).key != key
    assert FeedToken.objects.user_for_key(key) is None


def test_keys_are_stored_only_as_their_hash_and_first_characters(analyst, key):
    stored = FeedToken.objects.filter(user=analyst).values().get()

    assert not any(key in str(value) for value in stored.values())
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["key_prefix"] == key[:4]


@pytest.fixture
def token_viewer(django_user_model):
    """Staff who may only look at feed tokens: they must not learn any key."""
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_feedtoken"))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "lookup",
    [
        "key__regex=^a",
        "key__startswith=a",
        "key_hash__startswith=a",
        "key_hash__regex=^a",
        "nonce__startswith=a",
        "key_prefix__exact=abcd",
        "previous_key_hash__startswith=a",
        "user__feed_token__key_hash__startswith=a",
    ],
)
def test_the_admin_cannot_be_filtered_by_anything_about_keys(token_viewer, analyst, key, lookup):
    response = token_viewer.get(f"/admin/articles/feedtoken/?{lookup}")

    assert response.status_code == 400


def test_the_admin_still_finds_tokens_by_user(token_viewer, analyst, key):
    response = token_viewer.get("/admin/articles/feedtoken/", {"q": "analyst"})

    assert response.status_code == 200
    assert "analyst" in response.content.decode()


def make_legacy_token(user, old_key):
    """A token as migration 0012 leaves a key stored before keys were hashed."""
    FeedToken.objects.filter(user=user).update(
        nonce="", key_hash=hashlib.sha256(old_key.encode()).hexdigest(), key_prefix=old_key[:4]
    )


def test_a_key_stored_before_hashing_keeps_working_and_the_pages_show_a_new_one(analyst_client, client, analyst):
    old_key = "an-old-key-from-before-hashing-" + "x" * 12
    make_legacy_token(analyst, old_key)
    assert client.get(f"/feeds/{old_key}/articles/").status_code == 200

    page = analyst_client.get("/account/feeds/").content.decode()

    new_key = FeedToken.objects.get(user=analyst).key
    assert new_key and new_key != old_key
    assert f"/feeds/{new_key}/articles/" in page
    assert old_key not in page
    assert "also still work" in page
    assert client.get(f"/feeds/{old_key}/articles/").status_code == 200
    assert client.get(f"/feeds/{new_key}/articles/").status_code == 200

    analyst_client.post("/account/feeds/")

    assert client.get(f"/feeds/{old_key}/articles/").status_code == 404
    assert client.get(f"/feeds/{new_key}/articles/").status_code == 404


def test_after_the_secret_key_changes_the_old_urls_work_until_revoked(client, analyst, key, settings):
    settings.SECRET_KEY = "another-secret-key-" + "y" * 50

    new_key = FeedToken.objects.for_user(analyst).key

    assert new_key != key
    assert client.get(f"/feeds/{key}/statements/").status_code == 200
    assert client.get(f"/feeds/{new_key}/statements/").status_code == 200


def test_two_pages_renewing_a_key_at_once_show_the_same_one(analyst):
    make_legacy_token(analyst, "k" * 43)
    first, second = FeedToken.objects.get(user=analyst), FeedToken.objects.get(user=analyst)

    first.renew()
    second.renew()

    assert first.key == second.key == FeedToken.objects.get(user=analyst).key


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_stored_keys_and_keeps_their_urls_working(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0011_unique_article_content")])
    old_apps = executor.loader.project_state([("articles", "0011_unique_article_content")]).apps
    user = django_user_model.objects.create_user("migrated")
    old_apps.get_model("articles", "FeedToken").objects.create(user_id=user.pk, key="stored-in-clear-" + "z" * 27)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    token = FeedToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(("stored-in-clear-" + "z" * 27).encode()).hexdigest()
    assert token.key_prefix == "stor"
    assert token.key is None
    assert FeedToken.objects.user_for_key("stored-in-clear-" + "z" * 27) == user
