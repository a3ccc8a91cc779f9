"""?format=csv and ?format=json for every list: all matching rows, streamed.

Rows are read with QuerySet.iterator(chunk_size=...) so memory stays flat
however many rows match; prefetches run once per chunk. JSON is one array of
objects; CSV has one header row and flattens lists with "; ".
"""

import csv
import json

from django.db.models import Prefetch
from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.utils import timezone

from .models import Mention

CHUNK_SIZE = 500
FORMATS = ("csv", "json")


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def stream(request, rows, export, fmt):
    """A streaming response of every row of `rows` (a filtered queryset) as `fmt`."""
    records = (export.record(obj, request) for obj in export.prepare(rows).iterator(chunk_size=CHUNK_SIZE))
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        writer = csv.writer(Echo())
        lines = (writer.writerow(line) for line in _csv_lines(export, records))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="newsdesk-{export.name}-{stamp}.csv"'
        return response
    response = StreamingHttpResponse(_json_array(records), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="newsdesk-{export.name}-{stamp}.json"'
    return response


def invalid_filters(filterset):
    """400 with the form errors as JSON, so a script or feed reader can show what was wrong."""
    return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)


def unknown_format(fmt):
    return HttpResponseBadRequest(f"Unknown format {fmt!r}: use csv, json or atom.", content_type="text/plain")


def _csv_lines(export, records):
    yield export.columns
    for record in records:
        yield [_cell(value) for value in export.csv_row(record)]


def _cell(value):
    # A cell starting with = + - @ is run as a formula by spreadsheets; a
    # leading apostrophe keeps it text (OWASP's advice for CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _json_array(records):
    yield "["
    for i, record in enumerate(records):
        yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _published(article):
    if article.published is None:
        return None
    local = timezone.localtime(article.published)
    return local.isoformat() if article.published_has_time else local.date().isoformat()


def _named(obj):
    return {"name": obj.name, "slug": obj.slug} if obj is not None else None


def _joined(items, key):
    return "; ".join(item[key] for item in items)


class ArticleExport:
    name = "articles"
    columns = [
        "id",
        "title",
        "source",
        "source_slug",
        "author",
        "published",
        "url",
        "link",
        "topics",
        "actors",
        "actor_slugs",
        "statements",
    ]

    @staticmethod
    def prepare(rows):
        mentions = Mention.objects.select_related("actor").order_by("-count", "actor__name")
        return (
            rows.select_related("source")
            .defer("body")
            .with_statement_count()
            .prefetch_related("topics", Prefetch("mentions", queryset=mentions))
        )

    @staticmethod
    def record(article, request):
        return {
            "id": article.pk,
            "title": article.title,
            "source": _named(article.source),
            "author": article.author,
            "published": _published(article),
            "url": article.url,
            "link": request.build_absolute_uri(article.get_absolute_url()),
            "topics": [{"slug": t.slug, "name": t.name} for t in article.topics.all()],
            "actors": [
                {"name": m.actor.name, "slug": m.actor.slug, "kind": m.actor.kind, "mentions": m.count}
                for m in article.mentions.all()
            ],
            "statement_count": article.statement_count,
        }

    @staticmethod
    def csv_row(r):
        source = r["source"] or {"name": "", "slug": ""}
        return [
            r["id"],
            r["title"],
            source["name"],
            source["slug"],
            r["author"],
            r["published"] or "",
            r["url"],
            r["link"],
            _joined(r["topics"], "slug"),
            _joined(r["actors"], "name"),
            _joined(r["actors"], "slug"),
            r["statement_count"],
        ]


class StatementExport:
    name = "statements"
    columns = [
        "id",
        "speaker",
        "speaker_slug",
        "text",
        "kind",
        "status",
        "article_id",
        "article_title",
        "source",
        "source_slug",
        "published",
        "topics",
        "link",
    ]

    @staticmethod
    def prepare(rows):
        return rows.for_list()

    @staticmethod
    def record(statement, request):
        article = statement.article
        link = request.build_absolute_uri(f"{article.get_absolute_url()}#statement-{statement.pk}")
        return {
            "id": statement.pk,
            "speaker": _named(statement.speaker),
            "text": statement.text,
            "kind": statement.kind,
            "status": statement.status,
            "article": {"id": article.pk, "title": article.title, "url": article.url},
            "source": _named(article.source),
            "published": _published(article),
            "topics": [{"slug": t.slug, "name": t.name} for t in statement.topics.all()],
            "link": link,
        }

    @staticmethod
    def csv_row(r):
        speaker = r["speaker"] or {"name": "", "slug": ""}
        source = r["source"] or {"name": "", "slug": ""}
        return [
            r["id"],
            speaker["name"],
            speaker["slug"],
            r["text"],
            r["kind"],
            r["status"],
            r["article"]["id"],
            r["article"]["title"],
            source["name"],
            source["slug"],
            r["published"] or "",
            _joined(r["topics"], "slug"),
            r["link"],
        ]


class ActorExport:
    name = "actors"
    columns = ["id", "name", "slug", "kind", "role", "articles", "statements", "link"]

    @staticmethod
    def prepare(rows):
        return rows

    @staticmethod
    def record(actor, request):
        return {
            "id": actor.pk,
            "name": actor.name,
            "slug": actor.slug,
            "kind": actor.kind,
            "role": actor.role,
            "article_count": actor.article_count,
            "statement_count": actor.statement_count,
            "link": request.build_absolute_uri(actor.get_absolute_url()),
        }

    @staticmethod
    def csv_row(r):
        return [
            r["id"],
            r["name"],
            r["slug"],
            r["kind"],
            r["role"],
            r["article_count"],
            r["statement_count"],
            r["link"],
        ]
