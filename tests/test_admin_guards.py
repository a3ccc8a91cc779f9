"""The admin: every action declares the permission it needs, long ones are queued, and no URL can break a list."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError

from articles import ingest
from articles.models import Article, Topic
from articles.tagging import retag_task

PAGE = (
    "Drone sightings close a Baltic airport\n\n"
    "Flights at the airport of the coastal city were halted for three hours on Sunday after drones were seen"
    " over the runway, the second closure this month.\n\n"
    "Airport director Maren Holt said the interceptors ordered in the spring had not yet been delivered.\n"
)


def staff(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def drones_rule_added(db):
    """An article stored before a topic whose rules match it: retagging would add the topic."""
    result = ingest.ingest_bytes(PAGE.encode(), name="drones.txt", origin="test:drones")
    Topic.objects.create(name="Drones", slug="drones", rules="drone\ninterceptor")
    return Article.objects.get(pk=result.article_id)


def topics_of(article):
    return set(article.topics.values_list("slug", flat=True))


def retag_action(client):
    topic = Topic.objects.first()
    return client.post("/admin/articles/topic/", {"action": "retag_topics", "_selected_action": [topic.pk]})


def test_every_admin_action_declares_the_permissions_it_needs():
    undeclared = [
        f"{model.__name__}: {name}"
        for model, model_admin in admin.site._registry.items()
        for func, name, _ in model_admin._get_base_actions()
        if not getattr(func, "allowed_permissions", None)
    ]

    assert undeclared == []


def test_a_user_who_may_only_view_topics_cannot_retag(django_user_model, drones_rule_added):
    viewer = staff(django_user_model, "viewer", "view_topic")

    with mock.patch.object(retag_task, "apply_async") as queued:
        retag_action(viewer)

    queued.assert_not_called()
    assert "drones" not in topics_of(drones_rule_added)
    assert "retag_topics" not in viewer.get("/admin/articles/topic/").content.decode()


def test_retagging_from_the_admin_is_queued_not_run_in_the_request(django_user_model, drones_rule_added):
    editor = staff(django_user_model, "editor", "view_topic", "change_topic")

    with mock.patch.object(retag_task, "apply_async") as queued:
        response = retag_action(editor)

    queued.assert_called_once()
    assert queued.call_args.kwargs["args"] == [[Topic.objects.first().pk]]
    assert "drones" not in topics_of(drones_rule_added)
    assert "Queued" in editor.get(response["Location"]).content.decode()


def test_an_unreachable_queue_is_reported_and_nothing_runs(django_user_model, drones_rule_added):
    editor = staff(django_user_model, "editor", "view_topic", "change_topic")

    with mock.patch.object(retag_task, "apply_async", side_effect=OperationalError("Connection refused")):
        response = retag_action(editor)

    page = editor.get(response["Location"]).content.decode()
    assert "The task queue cannot be reached (Connection refused)" in page
    assert "manage.py retag" in page
    assert "drones" not in topics_of(drones_rule_added)


def test_the_queued_task_retags_every_article(drones_rule_added):
    assert retag_task() == "Retagged 1 articles: 2 articles or statements changed, 0 failed"

    assert "drones" in topics_of(drones_rule_added)


def test_the_queued_task_applies_only_the_selected_topics(drones_rule_added):
    Topic.objects.create(name="Airports", slug="airports", rules="airport")

    retag_task([Topic.objects.get(slug="airports").pk])

    assert topics_of(drones_rule_added) == {"airports"}


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
@pytest.mark.parametrize("lookup", ["id__regex=(", "pk__search=-" + "-" * 40])
def test_no_changelist_runs_a_pattern_the_database_parses(admin_client, model, lookup):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    assert admin_client.get(f"{url}?{lookup}").status_code == 400
