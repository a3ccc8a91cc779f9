"""Coverage figures: counts over all articles and statements, per period and per topic, for the desk and actor pages.

They group whole tables, so the pages cache them under coverage_state(),
which changes with every write they could see.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, DateField, Exists, Max, Min, OuterRef, Sum
from django.db.models.functions import TruncDate, TruncWeek
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor

from .models import DESK_VERSION, Article, ArticleTopic, Mention, Source, Statement, StatementTopic, Topic, Utterance

# How long the desk's timeline counts may be reused. Their key changes with
# every ingest and every article added or deleted (desk_state), so this only
# bounds how long an analyst's topic edits take to show on the chart.
DESK_CACHE_SECONDS = 600

# Distinguishable for colour-blind readers (Okabe–Ito, darkened for contrast on white).
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b8860b", "#56b4e9", "#7f3c8d", "#4d4d4d"]
TOTAL_COLOUR = "#8a94a6"

DAY, WEEK = "day", "week"

# A rejected statement is in no figure (StatementQuerySet.shown).
COUNTED_STATUSES = [Statement.Status.NEW, Statement.Status.VERIFIED]


@dataclass
class Series:
    label: str
    values: list[int]
    url: str = ""
    colour: str = ""
    dashed: bool = False
    # What the line leaves out, in words ("10 undated"), shown beside its total.
    note: str = ""

    @property
    def total(self):
        return sum(self.values)


@dataclass
class Timeline:
    """Counts per day or per week (weeks start on Monday), one series per line."""

    every: str
    periods: list[date]
    series: list[Series] = field(default_factory=list)

    @classmethod
    def spanning(cls, first, last, every=None, limit=None):
        """Periods from `first` to `last` (dates), at most `limit` of them, ending at `last`.

        Without `every`, days when the span is six weeks or less, else weeks.
        """
        if every is None:
            every = DAY if (last - first).days <= 42 else WEEK
        limit = limit or (60 if every == DAY else 52)
        step = timedelta(days=1 if every == DAY else 7)
        end = period_start(last, every)
        start = period_start(first, every)
        # Counted back from the end rather than by subtracting, which fails before year 1 (a stored date of 0001-01-02).
        if (end - start) // step >= limit:
            start = end - step * (limit - 1)
        periods = [start + step * i for i in range((end - start) // step + 1)]
        return cls(every, periods)

    def add(self, label, counts, url="", dashed=False, note=""):
        """Add a line from `counts`, a dict {period start: count}; missing periods count 0."""
        colour = TOTAL_COLOUR if dashed else PALETTE[sum(not s.dashed for s in self.series) % len(PALETTE)]
        values = [counts.get(period, 0) for period in self.periods]
        self.series.append(Series(label, values, url, colour, dashed, note))

    def period_url(self, series, period):
        """The list behind one point of `series`: its URL narrowed to the period's days; "" when it has none."""
        if not series.url:
            return ""
        last = period + timedelta(days=6 if self.every == WEEK else 0)
        joiner = "&" if "?" in series.url else "?"
        return f"{series.url}{joiner}published_after={period.isoformat()}&published_before={last.isoformat()}"

    @property
    def rows(self):
        """(period, [value per series]) for a table of the same numbers."""
        return [(period, [s.values[i] for s in self.series]) for i, period in enumerate(self.periods)]


def period_start(day, every):
    return day - timedelta(days=day.weekday()) if every == WEEK else day


def statement_total():
    """All statements but the rejected, from the per-actor counts plus the unattributed ones.

    COUNT(*) over a million statements takes tens of milliseconds; this reads
    5,000 stored counts and an index range of statements without a speaker.
    """
    attributed = Actor.objects.aggregate(n=Sum("statement_count"))["n"] or 0
    return attributed + Statement.objects.shown().filter(speaker__isnull=True).count()


def remark_total(speakers=(), loose=True):
    """The rows of the list of statements one per remark (?group=utterance), unfiltered or filtered by
    `speakers` only: the statements in no utterance (unless `loose` is false: sorted by reach, the list is
    read from the utterances), and each utterance whose first report is shown
    (StatementQuerySet.one_per_utterance). A speaker filter keeps or drops an utterance whole: its
    statements are its speaker's (articles.utterances moves a statement whose speaker changes).

    Counted from the utterances rather than over the list's own rows: COUNT(*) of a million statements each
    checked against its utterance took seconds, and a busy speaker's 67,000 first reports joined to their
    utterances 80 ms; the utterances' speaker index and two short index ranges (the rejected statements,
    the statements in no utterance) take a few milliseconds. Unfiltered, PostgreSQL reads the number of
    utterances from the tally its triggers keep (migration 0025): counting a million took 76 ms.
    """
    rejected = Statement.objects.filter(status=Statement.Status.REJECTED).values("pk")
    alone = Statement.objects.shown().filter(utterance__isnull=True)
    utterances = Utterance.objects.all()
    if speakers:
        alone = alone.filter(speaker__in=speakers)
        utterances = utterances.filter(speaker__in=speakers)
    tallied = not speakers and connection.vendor == "postgresql"
    total, unfirsted, first_rejected, *alone_count = _counts(
        UTTERANCE_TALLY if tallied else utterances,
        utterances.filter(first_statement__isnull=True),
        utterances.filter(first_statement__in=rejected),
        *([alone] if loose else []),
    )
    return total - unfirsted - first_rejected + sum(alone_count)


# The number of utterances, as migration 0025's triggers keep it.
UTTERANCE_TALLY = "SELECT coalesce(sum(utterances), 0) FROM articles_utterance_tally"


def story_total():
    """The rows of the unfiltered list of articles one per story (?collapse=story): the articles less the
    copies, as the desk counts stories. Both are index-only counts (the copies a small partial index), where
    counting the list's own rows read every article (210 ms at 300,000 articles)."""
    articles, copies = _counts(Article.objects.all(), Article.objects.copies())
    return articles - copies


def _counts(*querysets):
    """COUNT(*) of each queryset, in one query (one row of scalar subqueries); a string is SQL that counts."""
    parts, params = [], []
    for i, queryset in enumerate(querysets):
        if isinstance(queryset, str):
            parts.append(f"({queryset})")
            continue
        sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS part{i})")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return cursor.fetchone()


def coverage_state():
    """A key for what cached coverage figures were counted from.

    Ingest and the admin save every article they write (`updated`); analysts'
    topic edits on statements bump DESK_VERSION (articles.models). Deletions
    change counts, which the callers add to their keys.
    """
    latest = Article.objects.aggregate(latest=Max("updated"))["latest"]
    return f"{latest.isoformat() if latest else ''}:{cache.get(DESK_VERSION, 0)}"


def desk_state(counts):
    """coverage_state() and the desk's counts, which change when articles or statements go."""
    return f"{counts['articles']}:{counts['statements']}:{coverage_state()}"


def period_counts(rows, date_field, every):
    """{period start: count} of `rows` by the day or week (Monday) of `date_field`."""
    trunc = TruncDate(date_field) if every == DAY else TruncWeek(date_field, output_field=DateField())
    counted = rows.annotate(period=trunc).values("period").annotate(n=Count("pk")).order_by()
    return {row["period"]: row["n"] for row in counted}


def coverage_timeline(timeline, measure, state, after=None, before=None):
    """`timeline` filled with articles (or statements) per period: one line for all, one per topic.

    Only what was published from the day `after` to the day `before` counts
    (the desk's date range; the timeline's periods already span it). The
    counts group every article or statement, so they are cached under `state` (see desk_state).
    """
    since = _day_start(max(timeline.periods[0], after) if after else timeline.periods[0])
    until = _day_start(before + timedelta(days=1)) if before else None
    key = f"desk-timeline:{measure}:{timeline.every}:{since.isoformat()}:{until.isoformat() if until else ''}:{state}"
    all_rows, per_topic = cache.get_or_set(
        key, lambda: coverage_counts(since, timeline.every, measure, until), DESK_CACHE_SECONDS
    )
    list_url = reverse("articles:statements") if measure == "statements" else reverse("articles:list")
    timeline.add(f"All {measure}", all_rows, url=list_url, dashed=True)
    for topic in Topic.objects.order_by("name"):
        timeline.add(topic.name, per_topic.get(topic.pk, {}), url=f"{list_url}?topic={topic.slug}")
    return timeline


def coverage_counts(since, every, measure, until=None):
    """({period: count} of all articles or statements, {topic id: {period: count}}) from `since` to before `until`."""
    if measure == "statements":
        rows, date_field = Statement.objects.shown(), "published"
        links = StatementTopic.objects.filter(statement__published__gte=since).exclude(
            statement__status=Statement.Status.REJECTED
        )
        linked_date, linked = "statement__published", "statement_id"
    else:
        rows, date_field = Article.objects.all(), "published"
        links = ArticleTopic.objects.filter(article__published__gte=since)
        linked_date, linked = "article__published", "article_id"
    rows = rows.filter(**{f"{date_field}__gte": since})
    if until is not None:
        rows = rows.filter(**{f"{date_field}__lt": until})
        links = links.filter(**{f"{linked_date}__lt": until})

    trunc = TruncDate(linked_date) if every == DAY else TruncWeek(linked_date, output_field=DateField())
    per_topic = {}
    for row in links.annotate(period=trunc).values("topic_id", "period").annotate(n=Count(linked)).order_by():
        per_topic.setdefault(row["topic_id"], {})[row["period"]] = row["n"]
    return period_counts(rows, date_field, every), per_topic


def actor_coverage(actor, statements, articles):
    """The actor page's aggregates: topics, who appears with them, outlets quoting them, the timeline.

    They group every mention and statement of the actor (67,000 statements for
    the busiest in the 100k benchmark, a quarter of a second each), so the page
    caches them under the actor's counts and coverage_state(): a new or
    changed article, an analyst's topic edit or a recount makes a new key.
    """
    return {
        "topics": actor_topics(actor),
        "co_actors": list(
            Actor.objects.shown()
            .filter(mentions__article__mentions__actor=actor)
            .exclude(pk=actor.pk)
            .annotate(shared=Count("mentions__article", distinct=True))
            .order_by("-shared", "name")[:12]
        ),
        "outlets": list(
            Source.objects.filter(
                articles__statements__speaker=actor, articles__statements__status__in=COUNTED_STATUSES
            )
            .annotate(statement_count=Count("articles__statements"))
            .order_by("-statement_count", "name")
        ),
        "timeline": actor_timeline(actor, statements, articles),
    }


def actor_topics(actor):
    """[(topic, their statements on it, articles mentioning them with it)], busiest first.

    Two grouped queries instead of one join across both, which would multiply rows.
    """
    said = dict(
        StatementTopic.objects.filter(statement__speaker=actor)
        .exclude(statement__status=Statement.Status.REJECTED)
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by()
    )
    covered = dict(
        ArticleTopic.objects.filter(Exists(Mention.objects.filter(article=OuterRef("article_id"), actor=actor)))
        .values_list("topic")
        .annotate(n=Count("pk"))
        .order_by()
    )
    topics = Topic.objects.filter(pk__in=said.keys() | covered.keys())
    rows = [(topic, said.get(topic.pk, 0), covered.get(topic.pk, 0)) for topic in topics]
    return sorted(rows, key=lambda row: (-row[1], -row[2], row[0].name))


def actor_timeline(actor, statements, articles):
    """Their statements and the articles mentioning them, per day or week; None when nothing is dated."""
    # Both lines' dates: an article can quote them without naming them in a way counted as a mention.
    spans = [
        rows.published().aggregate(first=Min("published"), last=Max("published")) for rows in (articles, statements)
    ]
    firsts = [span["first"] for span in spans if span["first"]]
    if not firsts:
        return None
    timeline = Timeline.spanning(min(firsts).date(), max(span["last"] for span in spans if span["last"]).date())
    add_dated(timeline, "Articles mentioning", articles, f"{reverse('articles:list')}?actor={actor.slug}")
    add_dated(timeline, "Statements", statements, f"{reverse('articles:statements')}?speaker={actor.slug}")
    return timeline


def add_dated(timeline, label, rows, url):
    """A line of `rows` (articles or statements) per period; its note says what the chart cannot show.

    Undated rows have no place on a time axis, and a long span shows only its
    latest periods: the legend (line_chart.html) says how many each line leaves out, so its
    total and the page's counts add up ("10 undated").
    """
    counts = period_counts(rows.published(), "published", timeline.every)
    undated = rows.filter(published__isnull=True).count()
    timeline.add(label, counts, url=url)
    series = timeline.series[-1]
    earlier = sum(counts.values()) - series.total
    notes = [f"{undated} undated" if undated else "", f"{earlier} before these dates" if earlier else ""]
    series.note = ", ".join(note for note in notes if note)
    return series


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))
