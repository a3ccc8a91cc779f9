"""?format=csv and ?format=json for every list: all matching rows, streamed.

Rows are read as plain values (`values()` with QuerySet.iterator) in chunks
of CHUNK_SIZE, and each chunk's topics and actors come from one query per
kind keyed by row id: no model instances and no prefetch machinery, which
held exports to 1,900 rows/s. Memory stays flat however many rows match.
JSON is one array of objects; CSV has one header row and flattens lists with "; ".
The article and statement CSVs build their rows straight from value tuples
(csv_rows; the article CSV writes whole blocks, csv_blocks), not from the
JSON records: half the CPU, the same bytes. On PostgreSQL the article CSV
reads its chunks in a worker thread (read_ahead) while it writes the last one.
"""

import csv
import json
from contextlib import closing, nullcontext
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, groupby, islice
from operator import itemgetter

from django.db import connections, transaction
from django.db.models import F, Lookup, Q, TextField, Value
from django.db.models.functions import Cast
from django.http import HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor

from .models import Article, ArticleTopic, Mention, StatementTopic
from .read_ahead import read_ahead

CHUNK_SIZE = 2000
LINES_PER_WRITE = 200
FORMATS = ("csv", "json")


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def stream(request, rows, export, fmt):
    """A streaming response of every row of `rows` (a filtered queryset) as `fmt`."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        writer = csv.writer(Echo())
        if hasattr(export, "csv_blocks"):
            body = _headed(writer.writerow(export.columns), export.csv_blocks(rows, request))
        else:
            body = _blocks(map(writer.writerow, chain([export.columns], _csv_rows(export, rows, request))))
        response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="newsdesk-{export.name}-{stamp}.csv"'
        return response
    response = StreamingHttpResponse(
        _blocks(_json_array(export.records(rows, request))), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="newsdesk-{export.name}-{stamp}.json"'
    return response


def chunks(values, size=None):
    """Lists of up to `size` (CHUNK_SIZE) rows of a values() queryset, read through one streaming cursor.

    On PostgreSQL the rows are read inside a transaction: outside one, Django
    declares the cursor WITH HOLD, and PostgreSQL then computes every row
    before sending the first (2.5 s for 100,000 articles). SQLite is left in
    autocommit, where a transaction would hold its write lock for the whole download.
    """
    size = size or CHUNK_SIZE
    streaming = connections[values.db].vendor == "postgresql"
    # No savepoint: a read needs none, and inside a caller's transaction it would only add queries.
    with transaction.atomic(using=values.db, savepoint=False) if streaming else nullcontext():
        rows = values.iterator(chunk_size=size)
        try:
            while chunk := list(islice(rows, size)):
                yield chunk
        except GeneratorExit:
            # A download cut short. A read has nothing to undo: the block ends as a finished read's would (with
            # GeneratorExit it would mark a caller's transaction, a test's, as failed and refuse its next query).
            rows.close()


class AnyOf(Lookup):
    """`field = ANY(array)`, the array given as its text ("{1,2,3}"): a filter on a chunk's ids."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(({rhs})::bigint[])", (*lhs_params, *rhs_params)


def among(field, ids, using):
    """A filter for QuerySet.filter(): `field` is one of `ids` (the ids of a chunk).

    On PostgreSQL the ids travel as the text of one array: 2,000 placeholders
    cost more CPU in Django and psycopg (preparing and splitting the query)
    than the query took in the database, and psycopg dumps a list of ints in
    Python (3 ms a chunk). `= ANY` lets the planner see the ids: it reads the
    rows in one index scan and hashes the join to actors and topics, half
    the time of `IN (SELECT unnest(...))`, which it took for ten rows.
    """
    if connections[using].vendor == "postgresql":
        return AnyOf(F(field), Value("{" + ",".join(map(str, ids)) + "}", output_field=TextField()))
    return Q(**{f"{field}__in": ids})


def grouped(pairs):
    """{key: [values, ...]} from (key, value) pairs, in their order."""
    groups = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups


def link_parts(request, url_name):
    """(before, after): the absolute URL of `url_name` for a pk is f"{before}/{pk}/{after}"."""
    return tuple(request.build_absolute_uri(reverse(url_name, args=[0])).rsplit("/0/", 1))


def link_maker(request, url_name):
    """A function pk -> absolute URL of `url_name`, building the address once instead of once per row."""
    before, after = link_parts(request, url_name)
    return lambda pk: f"{before}/{pk}/{after}"


def invalid_filters(filterset):
    """400 with the form errors as JSON, so a script or feed reader can show what was wrong."""
    return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)


def unknown_format(fmt):
    return HttpResponseBadRequest(f"Unknown format {fmt!r}: use csv, json or atom.", content_type="text/plain")


def _blocks(pieces, size=LINES_PER_WRITE):
    """The pieces joined `size` at a time: one write per row cost more than writing the row."""
    while block := "".join(islice(pieces, size)):
        yield block


def _headed(header, blocks):
    """The header, then `blocks`: the header travels with the first rows, as it does in _blocks()."""
    yield header + next(blocks, "")
    yield from blocks


def _csv_rows(export, rows, request):
    """The CSV rows after the header: the export's own CSV reader when it has one, else its JSON records flattened."""
    if hasattr(export, "csv_rows"):
        return export.csv_rows(rows, request)
    return ([_cell(value) for value in export.csv_row(record)] for record in export.records(rows, request))


# A cell starting with = + - @ is run as a formula by spreadsheets; a
# leading apostrophe keeps it text (OWASP's advice for CSV injection).
FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))


def _cell(value):
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def _text(value):
    """_cell for a column that is always a str: no type check (a set lookup is half the cost of startswith(tuple))."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def _plain(text):
    """No delimiter, quote or line break in `text`: csv.writer would write cells made of it as they are."""
    return not ("," in text or '"' in text or "\n" in text or "\r" in text)


def _json_array(records):
    yield "["
    for i, record in enumerate(records):
        yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _published(published, has_time, zone):
    # `zone` is looked up once per export: timezone.localtime() looks it up per call, a tenth of an export's CPU.
    if published is None:
        return None
    local = published.astimezone(zone)
    return local.isoformat() if has_time else local.date().isoformat()


def published_text(field):
    """`field` (a DateTimeField) as the database writes it, for local_dates().

    psycopg's datetime loader, as Django registers it, is Python and cost
    more than the rest of a statement row (6 µs a value); the text of the
    value costs nothing to read and datetime.fromisoformat() parses it in C.
    """
    return Cast(field, output_field=TextField())


def local_dates(zone):
    """A function (published_text, has_time) -> the exported date, as _published() writes it.

    PostgreSQL writes "2025-05-01 09:30:00+00" (the connection is in UTC),
    SQLite the stored "2025-05-01 09:30:00" (UTC without an offset). The last
    CHUNK_SIZE answers are kept: a statement export repeats its article's date
    on each of its statements.
    """

    @lru_cache(maxsize=CHUNK_SIZE)
    def published(text, has_time):
        if text is None:
            return ""
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return _published(moment, has_time, zone)

    return published


def joined_by_key(pairs):
    """{key: "a; b"} from (key, value) pairs sorted by key: a CSV cell of a list, joined once per key."""
    return {key: "; ".join(map(itemgetter(1), group)) for key, group in groupby(pairs, itemgetter(0))}


NO_SOURCE = ("", "")


def _source_cells(name, slug):
    """The (name, slug) cells of a speaker or outlet: blank without one (_source() is None), as the JSON has it."""
    return (_text(name), _text(slug)) if slug else NO_SOURCE


def _source(row, prefix):
    return {"name": row[f"{prefix}name"], "slug": row[f"{prefix}slug"]} if row[f"{prefix}slug"] else None


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
        "story",
    ]

    @staticmethod
    def records(rows, request):
        link = link_maker(request, "articles:detail")
        zone = timezone.get_current_timezone()
        fields = ["id", "title", "source__name", "source__slug", "author", "published", "published_has_time", "url"]
        fields += ["story_id"]
        # The count is a subquery per row, served by the statements' article index: a grouped
        # count per chunk made PostgreSQL scan a whole index with `article_id = ANY(...)`.
        for chunk in chunks(rows.with_statement_count().values(*fields, "statement_count")):
            ids = among("article_id", [row["id"] for row in chunk], rows.db)
            # Sorted by article first: names are compared (by the collation, slowly) only within an article.
            topics = grouped(
                (article_id, {"slug": slug, "name": name})
                for article_id, slug, name in ArticleTopic.objects.using(rows.db)
                .filter(ids)
                .order_by("article_id", "topic__name")
                .values_list("article_id", "topic__slug", "topic__name")
            )
            actors = grouped(
                (article_id, {"name": name, "slug": slug, "kind": kind, "mentions": count})
                for article_id, name, slug, kind, count in Mention.objects.using(rows.db)
                .filter(ids)
                .order_by("article_id", "-count", "actor__name")
                .values_list("article_id", "actor__name", "actor__slug", "actor__kind", "count")
            )
            for row in chunk:
                pk = row["id"]
                yield {
                    "id": pk,
                    "title": row["title"],
                    "source": _source(row, "source__"),
                    "author": row["author"],
                    "published": _published(row["published"], row["published_has_time"], zone),
                    "url": row["url"],
                    "link": link(pk),
                    "topics": topics.get(pk, []),
                    "actors": actors.get(pk, []),
                    "statement_count": row["statement_count"],
                    # The id of the story's first article: copies of one article across outlets share it
                    # (an article alone in its story stores none: its story is itself).
                    "story": row["story_id"] or pk,
                }

    @staticmethod
    def csv_blocks(rows, request):
        """The CSV text after the header, a block per chunk of rows (see ArticleBlocks).

        The chunks are read ahead by a worker thread (read_ahead()): PostgreSQL
        reads the next chunk while this one is written.
        """
        values = (
            rows.with_statement_count()
            .annotate(published_text=published_text("published"))
            .values_list(
                *("id", "title", "source__name", "source__slug", "author", "published_text", "published_has_time"),
                *("url", "story_id", "statement_count"),
            )
            .using(rows.db)
        )
        block = ArticleBlocks(request)
        # Closed here, not when collected, so that a download cut short stops the reading thread at once.
        with closing(read_ahead(_article_reads(values), rows.db)) as reads:
            for chunk, topics, mentions in reads:
                yield block(chunk, topics, mentions)


class ArticleBlocks:
    """A chunk of article rows as CSV text, byte for byte what csv.writer writes.

    The cells come straight from tuples of values: no record dicts, lists
    joined once per chunk, _text() only on what the database holds as text
    (ids, counts, dates and our own links cannot start a formula). csv.writer
    cost 5.8 µs of a row's 7.8: a row with no cell to quote (no delimiter,
    quote or line break; three rows in four on the bench corpus, the others
    have a comma in the title) is its cells joined by commas, as csv.writer
    would write it, and only the others go through csv.writer.
    """

    def __init__(self, request):
        self.before, self.after = link_parts(request, "articles:detail")
        self.plain_links = _plain(self.before + self.after)
        self.published = local_dates(timezone.get_current_timezone())
        self.writerow = csv.writer(Echo()).writerow

    def __call__(self, chunk, topics, mentions):
        """The CSV lines of `chunk` (article tuples), its topics and mentions (tuples sorted by article id)."""
        before, after, published, writerow = self.before, self.after, self.published, self.writerow
        plain_links = self.plain_links
        topics = joined_by_key(topics)
        names, slugs = joined_by_key(map(itemgetter(0, 1), mentions)), joined_by_key(map(itemgetter(0, 2), mentions))
        lines = []
        for pk, title, source, source_slug, author, when, has_time, url, story, count in chunk:
            title, author, url = _text(title), _text(author), _text(url)
            source, source_slug = _source_cells(source, source_slug)
            topic_slugs = _text(topics.get(pk, ""))
            actor_names, actor_slugs = _text(names.get(pk, "")), _text(slugs.get(pk, ""))
            when = published(when, has_time)
            if plain_links and _plain(
                title + source + source_slug + author + url + topic_slugs + actor_names + actor_slugs
            ):
                lines.append(
                    f"{pk},{title},{source},{source_slug},{author},{when},{url},{before}/{pk}/{after},"
                    f"{topic_slugs},{actor_names},{actor_slugs},{count},{story or pk}\r\n"
                )
            else:
                lines.append(
                    writerow(
                        (pk, title, source, source_slug, author, when, url, f"{before}/{pk}/{after}")
                        + (topic_slugs, actor_names, actor_slugs, count, story or pk)
                    )
                )
        return "".join(lines)


def _article_reads(values):
    """(rows, topics, mentions) per chunk of `values` (article tuples, id first), as lists of tuples.

    Each chunk's topics and actors come from one query per kind, sorted by
    article first (names are compared, by the collation, only within an
    article). They are joined into cells by the writer: in the reading thread,
    Python work would hold up the next read.
    """
    for chunk in chunks(values):
        ids = among("article_id", [row[0] for row in chunk], values.db)
        topics = list(
            ArticleTopic.objects.using(values.db)
            .filter(ids)
            .order_by("article_id", "topic__name")
            .values_list("article_id", "topic__slug")
        )
        mentions = list(
            Mention.objects.using(values.db)
            .filter(ids)
            .order_by("article_id", "-count", "actor__name")
            .values_list("article_id", "actor__name", "actor__slug")
        )
        yield chunk, topics, mentions


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
        "cue",
        "source_description",
        "unnamed",
        "utterance",
    ]

    @staticmethod
    def records(rows, request):
        link = link_maker(request, "articles:detail")
        zone = timezone.get_current_timezone()
        fields = [
            *("id", "speaker__name", "speaker__slug", "text", "kind", "status"),
            *("cue", "source_description", "unnamed", "utterance_id"),
            *("article_id", "article__title", "article__url", "article__source__name", "article__source__slug"),
            *("article__published", "article__published_has_time"),
        ]
        for chunk in chunks(rows.values(*fields)):
            topics = grouped(
                (statement_id, {"slug": slug, "name": name})
                for statement_id, slug, name in StatementTopic.objects.using(rows.db)
                .filter(among("statement_id", [row["id"] for row in chunk], rows.db))
                .order_by("statement_id", "topic__name")
                .values_list("statement_id", "topic__slug", "topic__name")
            )
            for row in chunk:
                pk = row["id"]
                yield {
                    "id": pk,
                    "speaker": _source(row, "speaker__"),
                    "text": row["text"],
                    "kind": row["kind"],
                    "status": row["status"],
                    "article": {"id": row["article_id"], "title": row["article__title"], "url": row["article__url"]},
                    "source": _source(row, "article__source__"),
                    "published": _published(row["article__published"], row["article__published_has_time"], zone),
                    "topics": topics.get(pk, []),
                    "link": f"{link(row['article_id'])}#statement-{pk}",
                    "cue": row["cue"],
                    "source_description": row["source_description"],
                    "unnamed": row["unnamed"],
                    # The remark it reports, as outlets carried it (/utterances/<id>/); null without a speaker.
                    "utterance": row["utterance_id"],
                }

    @staticmethod
    def csv_rows(rows, request):
        """The CSV rows, each built straight from a tuple of values (see ArticleExport.csv_rows).

        The statements are read alone; each chunk's articles (with their
        source and date) and speakers come from one query each, their cells
        worked out once. Joining them to every statement cost PostgreSQL two
        index lookups a row (6 s of a 10 s read of 1M statements), and Python
        the same title, outlet and date on ten rows in a row.
        """
        before, after = link_parts(request, "articles:detail")
        published = local_dates(timezone.get_current_timezone())
        values = rows.values_list(
            *("id", "speaker_id", "text", "kind", "status", "article_id"),
            *("cue", "source_description", "unnamed", "utterance_id"),
        )
        for chunk in chunks(values):
            topics = joined_by_key(
                StatementTopic.objects.using(rows.db)
                .filter(among("statement_id", [row[0] for row in chunk], rows.db))
                .order_by("statement_id", "topic__name")
                .values_list("statement_id", "topic__slug")
            )
            articles = {
                pk: (_text(title), *_source_cells(source, source_slug), published(when, has_time))
                for pk, title, source, source_slug, when, has_time in Article.objects.using(rows.db)
                .filter(among("id", list({row[5] for row in chunk}), rows.db))
                .annotate(published_text=published_text("published"))
                .order_by()
                .values_list("id", "title", "source__name", "source__slug", "published_text", "published_has_time")
            }
            speakers = {
                pk: _source_cells(name, slug)
                for pk, name, slug in Actor.objects.using(rows.db)
                .filter(among("id", list({row[1] for row in chunk if row[1] is not None}), rows.db))
                .order_by()
                .values_list("id", "name", "slug")
            }
            for pk, speaker_id, text, kind, status, article_id, cue, description, unnamed, utterance in chunk:
                speaker, speaker_slug = speakers.get(speaker_id, NO_SOURCE)
                title, source, source_slug, when = articles[article_id]
                yield (
                    pk,
                    speaker,
                    speaker_slug,
                    _text(text),
                    _text(kind),
                    _text(status),
                    article_id,
                    title,
                    source,
                    source_slug,
                    when,
                    _text(topics.get(pk, "")),
                    f"{before}/{article_id}/{after}#statement-{pk}",
                    _text(cue),
                    _text(description),
                    "yes" if unnamed else "",
                    utterance or "",
                )


class ActorExport:
    name = "actors"
    columns = ["id", "name", "slug", "kind", "role", "articles", "statements", "link"]

    @staticmethod
    def records(rows, request):
        before, after = request.build_absolute_uri(reverse("actors:detail", args=["-"])).rsplit("/-/", 1)
        fields = ["id", "name", "slug", "kind", "role", "article_count", "statement_count"]
        for chunk in chunks(rows.values(*fields)):
            for row in chunk:
                yield {**row, "link": f"{before}/{row['slug']}/{after}"}

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
