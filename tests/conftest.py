"""Builders for the analyst pages' tests: a logged-in analyst and small, explicit coverage data.

Each make_* fixture is a function; call it with only what the test is about.
"""

import itertools
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from actors.models import Actor, Role
from articles.models import Article, ArticleTopic, FeedToken, Mention, Source, Statement, StatementTopic, Topic

from .hostile import SPEAKER, ingest_hostile_pages

_numbers = itertools.count(1)
DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _no_seeded_roles(request):
    """Tests start with no actors, as their invented world assumes: the roles the actors migration
    fills, and the actors it made for them, are taken out, except for tests marked seeded_roles."""
    wants_db = DB_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker("django_db")
    if not wants_db or request.node.get_closest_marker("seeded_roles"):
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    roles = Role.objects.all()
    made = {pk for pk in roles.values_list("holders__holder", flat=True) if pk}
    made |= {pk for pk in roles.values_list("organisation", flat=True) if pk}
    roles.delete()
    Actor.objects.filter(pk__in=made).delete()


@pytest.fixture
def analyst(django_user_model):
    """An analyst who has been here before: their feed key exists (the first list page they open makes it)."""
    user = django_user_model.objects.create_user(username="analyst", email="analyst@example.com")
    FeedToken.objects.for_user(user)
    return user


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def make_source(db):
    def make(name="Harbour Ledger"):
        return Source.objects.for_name(name)

    return make


@pytest.fixture
def make_topic(db):
    """A topic by slug; the default topics (ceasefire, sanctions, summit) come from a migration."""

    def make(slug, name=None):
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})
        return topic

    return make


@pytest.fixture
def make_actor(db):
    def make(name, kind=Actor.Kind.PERSON, role=""):
        return Actor.objects.resolve(name, kind=kind, role=role)

    return make


@pytest.fixture
def make_article(db, make_source):
    """An article; `published` is a date (stored at noon UTC, as ingest does), a datetime, or None."""

    def make(
        title="Ministers weigh guarantees",
        body="Foreign ministers met in Tallinn on Thursday.",
        source="Harbour Ledger",
        published=date(2025, 6, 20),
        author="",
        actors=(),
        topics=(),
    ):
        n = next(_numbers)
        if isinstance(published, date) and not isinstance(published, datetime):
            published = timezone.make_aware(datetime.combine(published, time(12, 0)))
        article = Article.objects.create(
            title=title,
            body=body,
            source=make_source(source) if isinstance(source, str) else source,
            published=published,
            author=author,
            url=f"https://example.com/{n}",
            origin=f"https://example.com/{n}",
            content_hash=f"{n:064d}",
            extractor_version="test",
        )
        for actor in actors:
            Mention.objects.create(article=article, actor=actor, count=1)
        for topic in topics:
            ArticleTopic.objects.create(article=article, topic=topic)
        return article

    return make


@pytest.fixture
def make_statement(db):
    """A statement of `article`, at the offset of its text in the body (0 when the body lacks it)."""

    def make(article, text, speaker=None, kind=Statement.Kind.DIRECT, topics=(), status=Statement.Status.NEW):
        statement = Statement.objects.create(
            article=article,
            speaker=speaker,
            text=text,
            kind=kind,
            status=status,
            position=max(article.body.find(text), 0),
            fingerprint=f"{next(_numbers):064d}",
        )
        for topic in topics:
            StatementTopic.objects.create(statement=statement, topic=topic)
        return statement

    return make


@pytest.fixture
def hostile(db, tmp_path):
    """The hostile pages of tests/hostile.py, ingested for real, and what the tests look at in them."""
    html_article, text_article = ingest_hostile_pages(tmp_path)
    return {
        "html": html_article,
        "text": text_article,
        "speaker": Actor.objects.get(name=SPEAKER),
        "halvorsen": Actor.objects.get(name="Gerda Halvorsen"),
        "statement": html_article.statements.get(speaker__name=SPEAKER),
    }
