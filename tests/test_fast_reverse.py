"""newsdesk.fast_reverse gives the URLs Django's reverse() gives, under any script prefix."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import clear_script_prefix, path, reverse, set_script_prefix

from newsdesk.fast_reverse import reverse_one

CASES = [
    ("actors:detail", "jane-doe"),
    ("actors:detail", "x"),
    ("actors:detail", "a_b-9"),
    ("articles:detail", 1),
    ("articles:detail", 123456789),
    ("articles:utterance", 42),
    ("articles:outlet", "daily-planet"),
]


def view(request, **kwargs):
    return HttpResponse()


# For the tests that swap the URLconf.
urlpatterns = [
    path("people/<slug:slug>/profile/", view, name="detail"),
    path("918273645546372819/<int:n>/", view, name="twice"),
]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    clear_script_prefix()


@pytest.mark.parametrize(("name", "arg"), CASES)
@pytest.mark.parametrize("prefix", ["/", "/desk/", "/a b/", "//evil/"])
def test_it_gives_what_reverse_gives(script_prefix, name, arg, prefix):
    script_prefix(prefix)
    assert reverse_one(name, arg) == reverse(name, args=[arg])


def test_it_follows_another_urlconf():
    assert reverse_one("actors:detail", "jane-doe") == "/actors/jane-doe/"
    with override_settings(ROOT_URLCONF=__name__):
        assert reverse_one("detail", "jane-doe") == "/people/jane-doe/profile/"


@override_settings(ROOT_URLCONF=__name__)
def test_a_marker_seen_twice_falls_back_to_reverse():
    assert reverse_one("twice", 7) == reverse("twice", args=[7]) == "/918273645546372819/7/"
