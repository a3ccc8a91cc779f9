"""Atom feeds of the lists, with the list's current filters.

Two doors lead here: the list URL plus ?format=atom (with a session), and
/feeds/<key>/<list>/ (articles/feed_views.py) for feed readers, which cannot
log in. Either view validates the filters and hands the FilterSet over as
`filterset`, so a feed reader gets exactly the newest rows of the page the
analyst was looking at. Atom summaries are HTML to feed readers, so every
description escapes the page text it quotes.

Dates are the pages' own. An undated article or statement has no <published>;
its <updated> is when Newsdesk stored the article (never the time the feed is
made, which readers would show as new on every fetch), and its title and
summary say it is undated.
"""

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, get_tag_uri
from django.utils.html import escape
from django.utils.text import Truncator

FEED_SIZE = 50

# What XML 1.0 cannot hold: C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """`value` (a string, or a list of them) without the characters XML cannot hold; anything else as it is."""
    if isinstance(value, str):
        return NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return [xml_text(v) for v in value]
    return value


class XMLSafeAtom1Feed(Atom1Feed):
    """Atom that every stored text can go into.

    Ingest strips control characters, but rows stored before it did, or
    written by other means, may hold one; Django then refuses to write the
    whole feed (UnserializableContentError), a 500 for every reader of it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_text, args), **{name: xml_text(v) for name, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_text, args), **{name: xml_text(v) for name, v in kwargs.items()})


@dataclass
class Filtered:
    """A valid FilterSet, the list page it came from, and its filters in words."""

    filterset: object
    list_url: str
    summary: str
    # The feed's own URL with its filters, for its rel="self" link.
    self_url: str = ""

    @property
    def qs(self):
        return self.filterset.qs


UNDATED_TITLE = " (undated)"


def undated_note(article):
    """The start of an undated item's summary, saying which date its entry carries instead."""
    if article.published:
        return ""
    stored = article.ingested.strftime("%Y-%m-%d %H:%M UTC")
    return f"Undated: the page gives no date; this entry carries the time Newsdesk stored it ({stored}). "


def entry_id(link, article):
    """An entry's Atom id, as it was when undated entries carried their ingest time as published: stable."""
    return get_tag_uri(link, article.published or article.ingested)


class FilteredFeed(Feed):
    feed_type = XMLSafeAtom1Feed
    heading = ""

    def get_object(self, request, filterset, list_path=None):
        """The feed's subject; `list_path` is the list page when the request came by another URL.

        A key URL passes its list page, so the feed links to the page (which
        asks for a login), never to a URL that carries the key.
        """
        params = request.GET.copy()
        for name in ("format", "page", "per_page"):
            params.pop(name, None)
        summary = ", ".join(f"{name} {value}" for name, values in params.lists() for value in values if value)
        list_url = (list_path or request.path) + (f"?{params.urlencode()}" if params else "")
        own = request.GET.copy()
        for name in ("page", "per_page"):
            own.pop(name, None)
        self_url = request.path + (f"?{own.urlencode()}" if own else "")
        return Filtered(filterset, list_url, summary, self_url)

    def feed_url(self, filtered):
        return filtered.self_url

    def title(self, filtered):
        return f"Newsdesk: {self.heading}" + (f" ({filtered.summary})" if filtered.summary else "")

    def link(self, filtered):
        return filtered.list_url

    def description(self, filtered):
        return self.title(filtered)


class ArticleFeed(FilteredFeed):
    heading = "articles"

    def items(self, filtered):
        return filtered.qs.select_related("source").prefetch_related("topics")[:FEED_SIZE]

    def item_title(self, article):
        return str(article) + ("" if article.published else UNDATED_TITLE)

    def item_description(self, article):
        source = f"{article.source}. " if article.source else ""
        return escape(undated_note(article) + source + Truncator(article.body).words(60))

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return entry_id(self.item_link(article), article)

    def item_pubdate(self, article):
        return article.published

    def item_updateddate(self, article):
        # An undated article's entry keeps the time it was first stored, as its summary says.
        return article.updated if article.published else article.ingested

    def item_author_name(self, article):
        return article.author or None

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]


class StatementFeed(FilteredFeed):
    heading = "statements"

    def items(self, filtered):
        return filtered.qs.for_list()[:FEED_SIZE]

    def item_title(self, statement):
        speaker = statement.speaker.name if statement.speaker else "Unattributed"
        undated = "" if statement.article.published else UNDATED_TITLE
        return f"{speaker}: {Truncator(statement.text).words(16)}{undated}"

    def item_description(self, statement):
        article = statement.article
        source = f", {article.source}" if article.source else ""
        return escape(f"{undated_note(article)}{statement.text} (in “{article}”{source})")

    def item_link(self, statement):
        return f"{statement.article.get_absolute_url()}#statement-{statement.pk}"

    def item_guid(self, statement):
        return entry_id(self.item_link(statement), statement.article)

    def item_pubdate(self, statement):
        return statement.article.published

    def item_updateddate(self, statement):
        # Its article's date; an undated one's is when the article was first stored.
        return statement.article.published or statement.article.ingested

    def item_author_name(self, statement):
        return statement.speaker.name if statement.speaker else None

    def item_categories(self, statement):
        return [topic.name for topic in statement.topics.all()]


class ActorFeed(FilteredFeed):
    """Actors matching the filters, newest first: who has started turning up in coverage."""

    heading = "actors"

    def items(self, filtered):
        return filtered.qs.order_by("-created", "-pk")[:FEED_SIZE]

    def item_title(self, actor):
        return actor.name

    def item_description(self, actor):
        role = f"{actor.role}. " if actor.role else ""
        return escape(
            f"{role}{actor.get_kind_display()}: {actor.article_count} articles, {actor.statement_count} statements."
        )

    def item_link(self, actor):
        return actor.get_absolute_url()

    def item_pubdate(self, actor):
        return actor.created

    def item_updateddate(self, actor):
        return actor.created
