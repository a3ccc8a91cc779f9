"""What list rows and filter forms render in Python gives the markup Django's own templates and filters gave."""

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django import forms
from django.test import override_settings
from django.utils import dateformat, timezone

from articles.filters import SelectWidget
from articles.templatetags.newsdesk import published, statement_speaker, topic_chips


def squeezed(html):
    return re.sub(r"\s+", "", str(html))


@pytest.mark.parametrize(
    ("when", "has_time"),
    [
        (datetime(2024, 3, 9, 7, 5, tzinfo=UTC), True),
        (datetime(2024, 3, 9, 7, 5, tzinfo=UTC), False),
        (datetime(2024, 12, 31, 23, 59, tzinfo=UTC), True),
        (datetime(7, 1, 1, 0, 0, tzinfo=UTC), True),  # a page's typo for a year
        (datetime(999, 11, 30, 12, 0, tzinfo=UTC), False),
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/New_York"])
def test_published_reads_as_djangos_date_format(when, has_time, zone):
    article = SimpleNamespace(published=when, published_has_time=has_time)
    with override_settings(TIME_ZONE=zone), timezone.override(zone):
        expected = dateformat.format(timezone.localtime(when), "j M Y, H:i" if has_time else "j M Y")
        assert published(article) == expected


def test_published_says_undated_without_a_date():
    assert published(SimpleNamespace(published=None, published_has_time=False)) == "Undated"


CHOICES = [("", "Any kind"), ("direct", "Direct <quote>"), ("indirect", "Reported & said")]


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (CHOICES, "", {"id": "id_kind"}),
        (CHOICES, "direct", {"id": "id_kind"}),
        (CHOICES, "nothing", None),
        (CHOICES, "indirect", {"id": "id_kind", "aria-invalid": "true", "disabled": True, "hidden": False}),
        ([("Group <1>", [("a", "A"), ("b", "B")]), ("c", 'C "quoted"')], "b", {"id": "x"}),
    ],
)
def test_select_widget_writes_what_djangos_select_writes(choices, value, attrs):
    ours = SelectWidget(choices=choices).render("kind", value, attrs)
    django = forms.Select(choices=choices).render("kind", value, attrs)
    assert squeezed(ours) == squeezed(django)


def test_select_widget_keeps_the_css_class_of_a_select():
    field = forms.Form()
    field.fields["kind"] = forms.ChoiceField(choices=CHOICES, widget=SelectWidget)
    assert field["kind"].widget_type == "select"


def test_topic_chips_link_each_topic_escaped():
    topics = [SimpleNamespace(slug="trade", name="Trade & tariffs"), SimpleNamespace(slug="war", name="<War>")]
    assert topic_chips(topics, "/articles/") == (
        '<a class="chip chip-topic" href="/articles/?topic=trade">Trade &amp; tariffs</a>'
        '<a class="chip chip-topic" href="/articles/?topic=war">&lt;War&gt;</a>'
    )


class Speaker(SimpleNamespace):
    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/actors/{self.slug}/"


@pytest.mark.parametrize(
    ("statement", "html"),
    [
        (
            SimpleNamespace(speaker=Speaker(name="Ana <Ruiz>", slug="ana-ruiz", suppressed=False)),
            '<a href="/actors/ana-ruiz/">Ana &lt;Ruiz&gt;</a>',
        ),
        (SimpleNamespace(speaker=Speaker(name="A & B", slug="a-b", suppressed=True)), "A &amp; B"),
        (
            SimpleNamespace(speaker=None, unnamed=True, source_description="a senior <official>"),
            '<span class="unnamed-source">a senior &lt;official&gt;</span> <span class="badge badge-unnamed" '
            'title="The article does not name this source">Unnamed</span>',
        ),
        (
            SimpleNamespace(speaker=None, unnamed=True, source_description=""),
            '<span class="unnamed-source">Unnamed source</span> <span class="badge badge-unnamed" '
            'title="The article does not name this source">Unnamed</span>',
        ),
        (SimpleNamespace(speaker=None, unnamed=False), '<span class="muted">Unattributed</span>'),
    ],
)
def test_statement_speaker_says_who_it_is_from(statement, html):
    assert statement_speaker(statement) == html
