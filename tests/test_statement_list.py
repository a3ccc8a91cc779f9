"""The quote browser: /statements/."""

from datetime import date, timedelta

import pytest
from django.db import connection

from articles.models import Statement

URL = "/statements/"
RUBIO_QUOTE = "Washington will keep talking to both sides."
RUTTE_QUOTE = "The alliance will stand by Ukraine."


def row_of(html, text):
    """The table row (<tr>…</tr>) of `html` that contains `text`."""
    at = html.index(text)
    return html[html.rindex("<tr>", 0, at) : html.index("</tr>", at)]


@pytest.fixture
def quotes(make_actor, make_topic, make_article, make_statement):
    rubio, rutte = make_actor("Marco Rubio"), make_actor("Mark Rutte")
    ceasefire = make_topic("ceasefire")
    article = make_article(
        "Rubio says talks must go on",
        body=f"In Antalya: “{RUBIO_QUOTE}” Rutte added: “{RUTTE_QUOTE}”",
        source="Ankara Daily",
        published=date(2025, 5, 22),
        actors=[rubio, rutte],
    )
    make_statement(article, RUBIO_QUOTE, speaker=rubio, topics=[ceasefire], status=Statement.Status.VERIFIED)
    make_statement(article, RUTTE_QUOTE, speaker=rutte, kind=Statement.Kind.INDIRECT)
    return {"rubio": rubio, "article": article}


def test_it_requires_login(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/statements/"


def test_each_row_shows_speaker_quote_outlet_date_topics_and_a_link_to_the_article(analyst_client, quotes):
    html = analyst_client.get(URL).content.decode()

    row = row_of(html, RUBIO_QUOTE)
    statement = Statement.objects.get(text=RUBIO_QUOTE)
    assert '<a href="/actors/marco-rubio/">Marco Rubio</a>' in row
    assert "Ankara Daily" in row
    assert "22 May 2025" in row
    assert ">Ceasefire</a>" in row
    assert "Verified" in row
    assert f'href="/articles/{quotes["article"].pk}/#statement-{statement.pk}"' in row


def test_it_filters_by_speaker(analyst_client, quotes):
    response = analyst_client.get(URL, {"speaker": quotes["rubio"].slug})

    assert [s.text for s in response.context["page"]] == [RUBIO_QUOTE]
    assert RUTTE_QUOTE not in response.content.decode()


def test_it_filters_by_kind_verification_and_topic(analyst_client, quotes):
    assert [s.text for s in analyst_client.get(URL, {"kind": "indirect"}).context["page"]] == [RUTTE_QUOTE]
    assert [s.text for s in analyst_client.get(URL, {"verified": "yes"}).context["page"]] == [RUBIO_QUOTE]
    assert [s.text for s in analyst_client.get(URL, {"topic": "ceasefire"}).context["page"]] == [RUBIO_QUOTE]


UNNAMED_QUOTE = "The talks will need another round."


@pytest.fixture
def unnamed_quote(quotes, make_statement):
    statement = make_statement(quotes["article"], UNNAMED_QUOTE, kind=Statement.Kind.INDIRECT)
    statement.unnamed = True
    statement.source_description = "a senior NATO official"
    statement.save(update_fields=["unnamed", "source_description"])
    return statement


def test_it_filters_statements_from_unnamed_sources(analyst_client, unnamed_quote):
    only_unnamed = analyst_client.get(URL, {"unnamed": "yes"})
    named = analyst_client.get(URL, {"unnamed": "no"})

    assert [s.text for s in only_unnamed.context["page"]] == [UNNAMED_QUOTE]
    row = row_of(only_unnamed.content.decode(), UNNAMED_QUOTE)
    assert "a senior NATO official" in row
    assert "Unnamed" in row
    assert sorted(s.text for s in named.context["page"]) == [RUTTE_QUOTE, RUBIO_QUOTE]
    assert len(analyst_client.get(URL).context["page"]) == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"speaker": "nobody"}, "There is no speaker “nobody”."),
        ({"kind": "rumour"}, "Select a valid choice. rumour is not one of the available choices."),
        ({"verified": "maybe"}, "Select a valid choice. maybe is not one of the available choices."),
        ({"unnamed": "perhaps"}, "Select a valid choice. perhaps is not one of the available choices."),
        ({"published_before": "2025-13-01"}, "Enter a date as YYYY-MM-DD."),
    ],
)
def test_it_shows_invalid_filter_values_as_form_errors(analyst_client, quotes, params, message):
    response = analyst_client.get(URL, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(response.context["page"]) == []


@pytest.fixture
def hundred_statements(make_actor, make_topic, make_article, make_statement):
    speakers = [make_actor(f"Minister {n}") for n in range(5)]
    topic = make_topic("summit")
    for i in range(50):
        article = make_article(
            f"Article {i}",
            body="First: We meet again. Second: We part again.",
            published=date(2025, 1, 1) + timedelta(days=i),
            actors=speakers[:2],
        )
        make_statement(article, "We meet again.", speaker=speakers[i % 5], topics=[topic])
        make_statement(article, "We part again.", speaker=speakers[(i + 1) % 5])


@pytest.mark.parametrize("per_page", [10, 100])
def test_a_page_of_100_costs_the_same_queries_as_a_page_of_10(
    analyst_client, hundred_statements, per_page, django_assert_num_queries
):
    # 1 session, 2 user,
    # 3-4 the paginator's count, unfiltered: the actors' stored statement counts and the unattributed statements,
    # 5 the page of statements (found by key, then loaded with speaker, article and outlet),
    # 6 their topics,
    # 7-8 the choices of the filter form: topics, outlets. Actors and speakers are typed: no query.
    # 9 the analyst's feed key, for the feed links.
    with django_assert_num_queries(9):
        response = analyst_client.get(URL, {"per_page": per_page})

    assert len(response.context["page"].object_list) == per_page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking and snippets need PostgreSQL")
def test_a_search_marks_the_matching_words_in_each_quote(analyst_client, quotes):
    response = analyst_client.get(URL, {"q": "talk"})

    assert [s.text for s in response.context["page"]] == [RUBIO_QUOTE]
    assert "Washington will keep <mark>talking</mark> to both sides." in response.content.decode()
