"""Saved searches: saving a list's filters, new matches on the desk, their feeds, the e-mail digest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.http import QueryDict
from django.utils import timezone

from articles import ingest
from articles.models import Article, SavedSearch, Statement
from articles.saved_searches import SearchError, for_desk, save_search, send_digests

from .commands import run_command


@pytest.fixture
def coverage(make_actor, make_article, make_statement, make_topic):
    rutte = make_actor("Mark Rutte")
    summit = make_topic("summit")
    make_article("Rutte before the summit", actors=[rutte], topics=[summit])
    make_article("Unrelated", topics=[])
    return {"rutte": rutte, "summit": summit}


def age(*searches, days=2):
    """As if saved and last seen `days` ago, so what is made now is new."""
    then = timezone.now() - timedelta(days=days)
    SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(created=then, last_seen=then)
    Article.objects.update(ingested=then - timedelta(days=1))
    Statement.objects.update(arrived=then - timedelta(days=1))


def test_saving_from_a_list_keeps_its_filters_without_paging(analyst_client, analyst, coverage):
    response = analyst_client.post(
        "/searches/",
        {
            "list_name": "articles",
            "query": "actor=Mark+Rutte&page=2&per_page=10&format=csv",
            "name": "Rutte",
            "next": "/articles/?actor=Mark+Rutte",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/articles/?actor=Mark+Rutte"
    search = SavedSearch.objects.get(user=analyst)
    # The typed name is kept as the actor it stood for.
    assert (search.name, search.list_name, search.query) == ("Rutte", "articles", "actor=mark-rutte")


def test_the_list_page_offers_to_save_its_filters(analyst_client, coverage):
    html = analyst_client.get("/statements/", {"speaker": "mark-rutte"}).content.decode()

    assert 'name="query" value="speaker=mark-rutte"' in html
    assert 'name="list_name" value="statements"' in html


@pytest.mark.parametrize(
    ("list_name", "query", "name", "error"),
    [
        ("articles", "actor=nobody", "x", "Correct the filters"),
        ("articles", "", " ", "Give the search a name"),
        ("admin", "", "x", "Only the article"),
    ],
)
def test_what_cannot_be_saved_says_why(analyst, coverage, list_name, query, name, error):
    with pytest.raises(SearchError, match=error):
        save_search(analyst, list_name, QueryDict(query), name)


def test_a_name_is_used_once_per_analyst(analyst, coverage):
    save_search(analyst, "articles", QueryDict(""), "All")

    with pytest.raises(SearchError, match="already have"):
        save_search(analyst, "articles", QueryDict(""), "All")


def test_the_desk_counts_new_matches_since_the_search_was_last_opened(analyst_client, analyst, coverage, make_article):
    search = save_search(analyst, "articles", QueryDict("actor=mark-rutte"), "Rutte")
    age(search)
    make_article("Rutte after the summit", actors=[coverage["rutte"]])
    make_article("Another unrelated")

    html = analyst_client.get("/").content.decode()
    assert ">1 new</a>" in html

    opened = analyst_client.get(f"/searches/{search.pk}/")
    assert opened["Location"] == "/articles/?actor=mark-rutte"
    assert ">0 new<" in analyst_client.get("/").content.decode()


def test_the_desk_gives_each_search_its_feed_with_its_filters(analyst, coverage, rf):
    save_search(analyst, "statements", QueryDict("speaker=mark-rutte&topic=summit"), "Rutte on the summit")

    (row,) = for_desk(analyst, rf.get("/").build_absolute_uri)

    assert row.feed.startswith("http://testserver/feeds/")
    assert row.feed.endswith("/statements/?speaker=mark-rutte&topic=summit")


def test_another_analysts_search_cannot_be_opened_or_changed(client, django_user_model, analyst, coverage):
    search = save_search(analyst, "articles", QueryDict(""), "Mine")
    client.force_login(django_user_model.objects.create_user("other"))

    assert client.get(f"/searches/{search.pk}/").status_code == 404
    assert client.post(f"/searches/{search.pk}/change/", {"delete": "1"}).status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()


def test_the_digest_setting_can_be_changed_and_the_search_deleted(analyst_client, analyst, coverage):
    search = save_search(analyst, "articles", QueryDict(""), "All")

    analyst_client.post(f"/searches/{search.pk}/change/", {"digest": "weekly"})
    search.refresh_from_db()
    assert search.digest == "weekly"

    analyst_client.post(f"/searches/{search.pk}/change/", {"delete": "1"})
    assert not SavedSearch.objects.exists()


def test_the_daily_digest_mails_new_matches_once(analyst, coverage, make_article, settings):
    settings.SITE_URL = "https://desk.example"
    daily = save_search(analyst, "articles", QueryDict("actor=mark-rutte"), "Rutte", digest="daily")
    quiet = save_search(analyst, "articles", QueryDict("topic=ceasefire"), "Ceasefire", digest="daily")
    save_search(analyst, "articles", QueryDict(""), "Weekly everything", digest="weekly")
    age(daily, quiet)
    SavedSearch.objects.filter(name="Weekly everything").update(last_sent=timezone.now() - timedelta(days=2))
    new = make_article("Rutte after the summit", actors=[coverage["rutte"]])

    assert send_digests("daily") == (1, 2)
    assert send_digests("weekly") == (0, 0)

    (message,) = mail.outbox
    assert message.to == ["analyst@example.com"]
    assert "Rutte: 1 new" in message.body
    assert f"https://desk.example/articles/{new.pk}/" in message.body
    assert "Ceasefire" not in message.body
    # Sent: nothing is due again until tomorrow.
    assert send_digests("daily") == (0, 0)


def test_send_digests_command_sends_what_is_due(analyst, coverage, make_article):
    search = save_search(analyst, "articles", QueryDict(""), "Everything", digest="weekly")
    age(search, days=8)
    make_article("Fresh")

    code, out, _ = run_command("send_digests")

    assert code == 0
    assert "weekly: 1 e-mails for 1 saved searches due" in out
    assert len(mail.outbox) == 1


def test_celery_beat_runs_the_task_that_sends_them(analyst, coverage, make_article, settings):
    from articles.saved_searches import send_digests_task

    search = save_search(analyst, "articles", QueryDict(""), "Everything", digest="daily")
    age(search)
    make_article("Fresh")

    send_digests_task.apply()

    assert settings.CELERY_BEAT_SCHEDULE["saved-search-digests"]["task"] == send_digests_task.name
    assert [m.subject for m in mail.outbox] == ["Newsdesk: new in 1 of your saved searches"]


def test_a_quote_added_to_a_page_stored_before_is_new_to_its_search(analyst, tmp_path, settings):
    settings.SITE_URL = "https://desk.example"
    page = tmp_path / "talks.txt"
    first = (
        "Harbour Ledger\n\nEnvoys meet again on the truce\n\nBy Ines Varga\n\n"
        'Envoys gathered in Valletta on Monday. "We are close to a text," Marek Holm said after the session.\n'
    )
    page.write_text(first)
    assert ingest.ingest_file(page).outcome == ingest.STORED
    search = save_search(analyst, "statements", QueryDict(""), "Every quote", digest="daily")
    age(search)
    page.write_text(first + '\nLater in the day, Holm added: "The last gap is the monitoring mission."\n')

    assert ingest.ingest_file(page).outcome == ingest.UPDATED

    assert send_digests("daily") == (1, 1)
    body = mail.outbox[0].body
    assert "Every quote: 1 new" in body
