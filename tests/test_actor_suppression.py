"""An actor an analyst says is no actor stays hidden: through new pages, changed pages and deciding again.

Pages are written as ExtractedPage values (as in test_actor_resolution) so the
evidence is exactly what each test says.
"""

import hashlib

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from actors.evidence import suppress
from actors.models import Actor
from articles.extraction.page import ExtractedActor, ExtractedPage, ExtractedStatement
from articles.models import Article
from articles.storing import delete_articles, store_extracted

JUNK = "Quillon Nexbar"  # a menu's two words the extractor took for a person


def store(origin, *names, body="Words."):
    actors = [ExtractedActor(name, "person", 1, None, []) for name in names]
    statements = [ExtractedStatement("Irena Volkhart", "We will meet again in May.", "direct", 0)]
    page = ExtractedPage(title=origin, body=body, actors=actors, statements=statements, format="text")
    content = hashlib.sha256(repr((origin, names, body)).encode()).hexdigest()
    with transaction.atomic():
        article, _ = store_extracted(
            page, origin=f"test:{origin}", file_name=origin, content_hash=content, extractor_version="test"
        )
    return article


def junk():
    return Actor.objects.get(name=JUNK)


@pytest.fixture
def hidden(db):
    """A page naming a real person and the junk 'person'; the analyst hides the junk."""
    store("first", "Irena Volkhart", JUNK)
    suppress([junk()])
    return junk()


def test_a_hidden_actor_is_left_out_of_what_analysts_browse(hidden, analyst_client):
    article = hidden.mentions.get().article

    assert JUNK not in analyst_client.get(reverse("actors:list")).text
    assert JUNK not in analyst_client.get(reverse("actors:suggest"), {"q": "Quillon"}).text
    assert analyst_client.get(reverse("actors:detail", args=[hidden.slug])).status_code == 404
    page = analyst_client.get(article.get_absolute_url()).text
    assert "Irena Volkhart" in page
    assert JUNK not in page
    listing = analyst_client.get(reverse("articles:list"), {"actor": hidden.slug})
    assert listing.status_code == 400  # no such actor to filter by


def test_pages_naming_it_again_keep_the_one_hidden_record(hidden):
    store("first", "Irena Volkhart", JUNK, body="Words, changed.")  # the same page, changed
    store("second", JUNK)
    call_command("resolve_actors", verbosity=0)

    assert Actor.objects.filter(name=JUNK).count() == 1
    assert junk().pk == hidden.pk
    assert junk().suppressed
    assert junk().article_count == 2  # its coverage is still counted (first and second), only not shown


def test_a_hidden_actor_outlives_every_page_that_named_it(hidden):
    delete_articles(Article.objects.all())
    store("later", JUNK)

    assert junk().pk == hidden.pk
    assert junk().suppressed


def test_showing_it_again_brings_it_back(hidden, analyst_client):
    suppress([hidden], suppressed=False)

    assert JUNK in analyst_client.get(reverse("actors:list")).text


def test_the_admin_action_hides_the_selected_for_analysts_who_may_change_actors(db, client, django_user_model):
    store("first", "Irena Volkhart", JUNK)
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actor"))
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_actor", "change_actor"]))
    action = {"action": "suppress_actors", "_selected_action": [junk().pk]}
    url = reverse("admin:actors_actor_changelist")

    client.force_login(viewer)
    client.post(url, action)
    assert not junk().suppressed

    client.force_login(editor)
    client.post(url, action)
    assert junk().suppressed
    assert not Actor.objects.get(name="Irena Volkhart").suppressed


def test_a_quote_of_a_hidden_speaker_names_it_without_a_link_to_its_hidden_page(db, analyst_client):
    store("first", "Irena Volkhart", JUNK)
    irena = Actor.objects.get(name="Irena Volkhart")
    suppress([irena])

    page = analyst_client.get(reverse("articles:statements")).text

    assert "Irena Volkhart" in page
    assert irena.get_absolute_url() not in page
