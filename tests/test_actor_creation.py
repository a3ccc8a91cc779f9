"""A page's new actors are made together (actors.evidence._create_all): one insert, each slug still unique."""

from unittest import mock

import pytest
from django.db import IntegrityError

from actors import evidence
from actors.models import Actor
from actors.resolution import Root


def roots(*names):
    return [Root(id=f"p:{name.casefold()}", name=name, kind="person") for name in names]


@pytest.mark.parametrize(
    ("stored", "names", "slugs"),
    [
        ([], ["Arvo Kask", "Lene Tamm"], ["arvo-kask", "lene-tamm"]),
        # A slug another actor holds: the new one gets the next free one.
        (["Arvo Kask"], ["Arvo Kask"], ["arvo-kask-2"]),
        # Two new actors of one slug on a page: the second is made after the first, with the next one.
        ([], ["Arvo Kask", "Arvo  Kask"], ["arvo-kask", "arvo-kask-2"]),
        ([], [], []),
    ],
)
def test_new_actors_get_free_slugs_and_their_roots(db, stored, names, slugs):
    for name in stored:
        Actor.objects.create(name=name, slug="arvo-kask", kind="person")
    made = evidence._create_all(roots(*names))
    assert [made[root.id].slug for root in roots(*names)] == slugs
    for root in roots(*names):
        actor = Actor.objects.get(pk=made[root.id].pk)
        assert (actor.name, actor.root_key, actor.kind) == (root.name, root.id, "person")


def test_a_page_of_new_actors_is_one_insert(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # the slugs' look-up, a savepoint, the insert, its release
        evidence._create_all(roots("Arvo Kask", "Lene Tamm", "Mart Saar", "Piret Ilves"))
    assert Actor.objects.count() == 4


def test_a_slug_taken_meanwhile_makes_each_on_its_own(db):
    # Another ingest took a slug between the look-up and the insert: the batch is undone, each made alone.
    with mock.patch.object(Actor.objects, "bulk_create", side_effect=IntegrityError("slug taken")):
        made = evidence._create_all(roots("Arvo Kask", "Lene Tamm"))
    assert sorted(a.slug for a in made.values()) == ["arvo-kask", "lene-tamm"]
    assert Actor.objects.count() == 2
