"""One article: /articles/<id>/."""

from datetime import date

import pytest

from articles.models import Statement

QUOTE = "Sanctions must stay in place until a settlement is signed."
REPORTED = "the alliance would keep up the pressure"


@pytest.fixture
def article(make_actor, make_topic, make_article, make_statement):
    lepp = make_actor("Kadri Lepp", role="Foreign Minister")
    rutte = make_actor("Mark Rutte")
    article = make_article(
        "Ministers split over sanctions",
        body=f"Ministers met in Tallinn.\n\n“{QUOTE}” Lepp said.\n\nRutte said {REPORTED} on Moscow.",
        source="Harbour Ledger",
        author="Anna Novak",
        published=date(2025, 5, 14),
        actors=[lepp, rutte],
        topics=[make_topic("sanctions")],
    )
    make_statement(article, QUOTE, speaker=lepp)
    make_statement(article, REPORTED, speaker=rutte, kind=Statement.Kind.INDIRECT)
    return article


def test_it_requires_login(client, article):
    response = client.get(article.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_title_outlet_author_date_topics_and_actors(analyst_client, article):
    html = analyst_client.get(article.get_absolute_url()).content.decode()

    assert "<h1>Ministers split over sanctions</h1>" in html
    assert "Harbour Ledger" in html
    assert "Anna Novak" in html
    assert "14 May 2025" in html
    assert ">Sanctions</a>" in html
    assert '<a href="/actors/kadri-lepp/">Kadri Lepp</a>' in html
    assert '<a href="/actors/mark-rutte/">Mark Rutte</a>' in html


def test_it_highlights_each_statement_in_the_body_and_links_its_speaker(analyst_client, article):
    html = analyst_client.get(article.get_absolute_url()).content.decode()

    direct, indirect = article.statements.order_by("position")
    assert (
        f'<p>“<mark class="quote quote-direct" id="statement-{direct.pk}" title="Kadri Lepp">{QUOTE}</mark> '
        '<a class="speaker" href="/actors/kadri-lepp/">Kadri Lepp</a>” Lepp said.</p>'
    ) in html
    assert (
        f'<mark class="quote quote-indirect" id="statement-{indirect.pk}" title="Mark Rutte">{REPORTED}</mark> '
        '<a class="speaker" href="/actors/mark-rutte/">Mark Rutte</a>'
    ) in html
    assert "<p>Ministers met in Tallinn.</p>" in html


def test_it_finds_a_statement_whose_quote_marks_and_spacing_differ_from_the_body(
    analyst_client, make_article, make_statement
):
    article = make_article(body="He said: 'We will not   give up' and left.")
    statement = make_statement(article, "“We will not give up”")

    html = analyst_client.get(article.get_absolute_url()).content.decode()

    assert f'id="statement-{statement.pk}" title="Unattributed">We will not   give up</mark>' in html
    assert '<span class="speaker speaker-unknown">unattributed</span>' in html


def test_it_lists_statements_it_cannot_place_in_the_body(analyst_client, make_article, make_statement):
    article = make_article(body="A short body.")
    statement = make_statement(article, "Words that are not in the body.")

    html = analyst_client.get(article.get_absolute_url()).content.decode()

    assert "Not found in the text" in html
    assert f'<li id="statement-{statement.pk}"><q>Words that are not in the body.</q>' in html


def test_it_escapes_page_text_in_the_body_and_in_statements(analyst_client, make_actor, make_article, make_statement):
    speaker = make_actor("<img src=x onerror=alert(1)>")
    article = make_article("<i>Title</i>", body="<script>alert('body')</script>\n\nShe said <b>stop</b> now & then.")
    make_statement(article, "<b>stop</b>", speaker=speaker)

    html = analyst_client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "<b>stop</b>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;stop&lt;/b&gt;</mark>" in html
    assert "now &amp; then" in html
    assert "&lt;i&gt;Title&lt;/i&gt;" in html


def test_it_shows_an_undated_article_as_undated(analyst_client, make_article):
    article = make_article(published=None)

    html = analyst_client.get(article.get_absolute_url()).content.decode()

    assert '<span class="undated">Undated</span>' in html


def test_it_answers_404_for_an_unknown_article(analyst_client, db):
    assert analyst_client.get("/articles/999999/").status_code == 404


def test_it_costs_the_same_queries_however_many_statements(
    analyst_client, make_actor, make_article, make_statement, django_assert_num_queries
):
    speakers = [make_actor(f"Speaker {n}") for n in range(10)]
    sentences = [f"Sentence number {n} was said." for n in range(30)]
    article = make_article(body=" ".join(sentences), actors=speakers)
    for n, sentence in enumerate(sentences):
        make_statement(article, sentence, speaker=speakers[n % 10])

    # 1 session, 2 user, 3 the article and its outlet, 4 its statements and speakers,
    # 5 their topics, 6 the article's topics, 7 its mentions and their actors.
    with django_assert_num_queries(7):
        response = analyst_client.get(article.get_absolute_url())

    assert response.content.decode().count('<mark class="quote quote-direct" id="statement-') == 30


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://harbour-ledger.example/2025/05/ministers", True),
        ("HTTP://harbour-ledger.example/ministers", True),
        ("javascript:alert(document.cookie)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("  javascript:alert(1)", False),
    ],
)
def test_the_original_link_is_only_ever_a_web_address(analyst_client, article, url, linked):
    article.url = url
    article.save(update_fields=["url"])

    html = analyst_client.get(article.get_absolute_url()).content.decode()

    assert ("<dt>Original</dt>" in html) is linked
    assert "javascript:" not in html
    assert "data:text/html" not in html
