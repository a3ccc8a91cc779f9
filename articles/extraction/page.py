"""What the extraction pipeline returns: plain dataclasses, no Django.

The JSON shape of `manage.py extract --format json` is built from these in
`ExtractedPage.as_json()`; other tools read that output, so fields are added,
never renamed.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ExtractedActor:
    name: str
    kind: str  # "person", "organisation" or "country"
    mentions: int = 1
    role: str | None = None
    aliases: list[str] = field(default_factory=list)

    def as_json(self):
        return {
            "name": self.name,
            "kind": self.kind,
            "mentions": self.mentions,
            "role": self.role,
            "aliases": self.aliases,
        }


@dataclass
class ExtractedStatement:
    speaker: str | None
    text: str
    kind: str  # "direct" or "indirect"
    position: int = 0  # character offset of the statement in the body: text == body[position:end]
    topics: list[str] = field(default_factory=list)
    end: int | None = None  # character offset just after the statement
    cue: str | None = None  # the words that report it: "said", "warned", "according to"
    # Who the text says it comes from when that is not a named actor ("a senior NATO official"),
    # or the phrase that named the speaker.
    source_text: str | None = None
    unnamed: bool = False  # the source is a description that names nobody

    def as_json(self):
        return {
            "speaker": self.speaker,
            "text": self.text,
            "kind": self.kind,
            "position": self.position,
            "topics": self.topics,
            "end": self.end if self.end is not None else self.position + len(self.text),
            "cue": self.cue,
            "source_text": self.source_text,
            "unnamed": self.unnamed,
        }


@dataclass
class PageMetadata:
    """What a page says about itself: read from an HTML head (html_metadata) or a dump's lines."""

    title: str | None = None
    published: date | datetime | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass
class ExtractedPage(PageMetadata):
    body: str = ""
    actors: list[ExtractedActor] = field(default_factory=list)
    statements: list[ExtractedStatement] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    # "html" or "text": which stripper produced the body.
    format: str = "text"

    @property
    def paragraphs(self):
        return [p for p in self.body.split("\n\n") if p.strip()]

    def published_iso(self):
        if self.published is None:
            return None
        if isinstance(self.published, datetime):
            return self.published.isoformat(timespec="seconds" if self.published.second else "minutes")
        return self.published.isoformat()

    def as_json(self, path):
        return {
            "path": path,
            "title": self.title,
            "published": self.published_iso(),
            "source": self.source,
            "author": self.author,
            "url": self.url,
            "language": self.language,
            "body": self.body,
            "actors": [a.as_json() for a in self.actors],
            "statements": [s.as_json() for s in self.statements],
            "topics": self.topics,
            "format": self.format,
        }
