"""manage.py retag: the topic rules re-applied to everything stored, analysts' topics left alone."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles import ingest
from articles.models import Article, ArticleTopic, Statement, StatementTopic, Topic, TopicLink
from articles.tagging import retag as retag_articles

PAGE = (
    "Ministers agree on drone defence for the Baltic coast\n\n"
    "Defence ministers of Estonia, Latvia and Lithuania agreed on Monday to build a shared line of sensors "
    "and interceptors against drones along the coast, ahead of the summit of alliance leaders in June.\n\n"
    "Estonian Defence Minister Arvo Kask said the first interceptors would be delivered in the autumn.\n\n"
    "Latvian Defence Minister Ilze Ozola said the drones seen over the coast in the winter had come from the sea.\n"
)


@pytest.fixture
def article(db):
    result = ingest.ingest_bytes(PAGE.encode(), name="drones.txt", origin="test:drones")
    return Article.objects.get(pk=result.article_id)


def slugs(obj):
    return set(obj.topics.values_list("slug", flat=True))


def retag():
    out = StringIO()
    call_command("retag", stdout=out)
    return out.getvalue()


def test_it_applies_a_new_topic_to_articles_and_statements(article):
    Topic.objects.create(name="Drones", slug="drones", rules="drone\ninterceptor")

    output = retag()

    assert slugs(article) == {"summit", "drones"}
    kask, ozola = article.statements.order_by("position")
    assert slugs(kask) == {"drones"}
    assert slugs(ozola) == {"drones"}
    assert output.startswith("Retagged 1 articles: 3 articles or statements changed, 0 failed")


def test_it_takes_off_a_topic_whose_rules_no_longer_match(article):
    Topic.objects.filter(slug="summit").update(rules="summit meeting")

    retag()

    assert slugs(article) == set()


def test_it_keeps_topics_an_analyst_added(article):
    sanctions = Topic.objects.get(slug="sanctions")
    ArticleTopic.objects.create(article=article, topic=sanctions, origin=TopicLink.Origin.ANALYST)
    statement = article.statements.first()
    StatementTopic.objects.create(statement=statement, topic=sanctions, origin=TopicLink.Origin.ANALYST)

    retag()

    assert article.topic_links.get(topic=sanctions).origin == TopicLink.Origin.ANALYST
    assert statement.topic_links.get(topic=sanctions).origin == TopicLink.Origin.ANALYST


def test_it_does_not_put_back_a_topic_an_analyst_removed(article):
    summit = Topic.objects.get(slug="summit")
    article.topic_links.filter(topic=summit).delete()
    article.removed_topics.add(summit)

    retag()

    assert slugs(article) == set()


def test_an_analyst_topic_that_the_rules_also_give_stays_the_analysts(article):
    drones = Topic.objects.create(name="Drones", slug="drones", rules="drone")
    statement = Statement.objects.get(article=article, speaker__name="Ilze Ozola")
    StatementTopic.objects.create(statement=statement, topic=drones, origin=TopicLink.Origin.ANALYST)

    retag()

    assert list(statement.topic_links.values_list("origin", flat=True)) == [TopicLink.Origin.ANALYST]


def test_running_it_twice_changes_nothing_the_second_time(article):
    Topic.objects.create(name="Drones", slug="drones", rules="drone")
    retag()

    assert "0 articles or statements changed" in retag()


def test_it_retags_a_batch_of_articles_in_a_fixed_number_of_queries(article, django_assert_num_queries):
    for n in range(3):
        ingest.ingest_bytes(PAGE.replace("Baltic", f"Baltic {n}").encode(), name=f"{n}.txt", origin=f"test:{n}")
    Topic.objects.create(name="Drones", slug="drones", rules="drone")

    # The topics, their rules, the article ids; then for the batch, in a savepoint: the articles' links,
    # removed topics, titles and bodies, one insert of links (none to delete); the statements, their links,
    # removed topics, one insert; the release. The same for one article or BATCH of them.
    with django_assert_num_queries(13):
        done = retag_articles(Article.objects.all())

    assert done.articles == 4
    assert all("drones" in slugs(a) for a in Article.objects.all())


def test_it_gives_an_article_and_its_statements_the_topics_ingest_gave_them(db):
    # A rule matching the title only, one matching the body and a statement, and the default ones.
    Topic.objects.create(name="Baltic", slug="baltic", rules="Baltic")
    Topic.objects.create(name="Drones", slug="drones", rules="interceptor")
    stored = Article.objects.get(pk=ingest.ingest_bytes(PAGE.encode(), name="d.txt", origin="test:d").article_id)
    at_ingest = (slugs(stored), {s.pk: slugs(s) for s in stored.statements.all()})
    assert at_ingest[0] == {"baltic", "drones", "summit"}
    assert {frozenset(s) for s in at_ingest[1].values()} == {frozenset({"drones"}), frozenset()}

    ArticleTopic.objects.all().delete()
    StatementTopic.objects.all().delete()
    retag()

    assert (slugs(stored), {s.pk: slugs(s) for s in stored.statements.all()}) == at_ingest
