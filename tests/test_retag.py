"""manage.py retag: the topic rules re-applied to everything stored, analysts' topics left alone."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles import ingest
from articles.models import Article, ArticleTopic, Statement, StatementTopic, Topic, TopicLink

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
