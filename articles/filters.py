"""One FilterSet per list page: articles, statements, actors.

Each filter hands off to the QuerySet vocabulary in articles/models.py, so a
filter reads as `Article.objects.mentioning(actor).tagged(topic)`. Values that
do not parse (an unknown slug, a malformed or out-of-range date, a search with
no words or too many, an unknown sort) are form errors, found before any
query: the views then answer 400 with the errors and no rows, never a 500.
"""

import re
from datetime import date

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, validate_slug
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse_lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField

from actors.lookup import actors_named
from actors.models import Actor, Alias

from .coverage import remark_total, statement_total, story_total
from .models import Article, Source, Statement, Topic
from .search import MAX_SEARCH_TERMS, search_terms
from .stories import one_per_story

DATE_FORMAT = "%Y-%m-%d"
# A day either side of these still fits a date, whatever the time zone.
EARLIEST_DAY, LATEST_DAY = date(1000, 1, 1), date(9999, 12, 30)
DATE_RANGE_ERROR = f"Enter a date from {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}."
MAX_SEARCH_CHARS = 200
# ?status=any: statements of every review status, rejected ones included.
ANY_STATUS = "any"


def is_slug(value):
    try:
        validate_slug(value)
    except forms.ValidationError:
        return False
    return True


def validate_search(value):
    """A search needs a word to look for, and at most MAX_SEARCH_TERMS words and phrases (see search_terms)."""
    terms = [term for group in search_terms(value) for term, _ in group]
    if not any(re.search(r"\w", term) for term in terms):
        raise forms.ValidationError("Search for at least one word (letters or digits).")
    if len(terms) > MAX_SEARCH_TERMS:
        raise forms.ValidationError(f"Search for at most {MAX_SEARCH_TERMS} words and phrases.")


class SlugsField(ModelMultipleChoiceField):
    """Repeated slugs (?actor=a&actor=b). Blank entries, which an unused "Add…" select sends, are dropped.

    No slugs clean to [] rather than Django's `queryset.none()`, so the
    filter method is skipped instead of filtering on an empty set. With
    `find` (a function of the typed text and the queryset, e.g.
    actors.lookup.actors_named), a value that is no known slug is taken as a
    typed name: one match stands for it, several are an error that lists them
    (kept in `ambiguous`, {typed text: [choices]}, for the page to offer).
    """

    def __init__(self, *args, find=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.find = find
        self.ambiguous = {}

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [v for v in dict.fromkeys(value) if v not in ("", None)]
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        if self.find is None:
            # What is not a slug names nothing: no query for it.
            for v in value:
                if not isinstance(v, str) or not is_slug(v):
                    raise self.no_such(v)
            return super().clean(value)
        return self.clean_typed(value)

    def clean_typed(self, values):
        if not all(isinstance(v, str) for v in values):
            raise self.no_such(next(v for v in values if not isinstance(v, str)))
        slugs = [v for v in values if is_slug(v)]
        known = {row.slug: row for row in self.queryset.filter(slug__in=slugs)} if slugs else {}
        chosen, errors = [], []
        self.ambiguous = {}
        for v in values:
            matches = [known[v]] if v in known else self.find(v, self.queryset)
            if len(matches) == 1:
                chosen.append(matches[0])
            elif not matches:
                errors.append(self.no_such(v))
            else:
                self.ambiguous[v] = matches
                names = ", ".join(m.name for m in matches)
                errors.append(forms.ValidationError(f"“{v}” could be any of: {names}. Choose one.", code="ambiguous"))
        if errors:
            raise forms.ValidationError(errors)
        return list({row.pk: row for row in chosen}.values())

    def no_such(self, value):
        return forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class SlugChoiceField(ModelChoiceField):
    """One slug; what is not a slug names nothing, so it is refused without a query."""

    def to_python(self, value):
        if value not in self.empty_values and not (isinstance(value, str) and is_slug(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class SelectWidget(forms.Select):
    """A filter's select, written here rather than by Django's widget template, with the same markup.

    The template includes one template per option and another for each
    option's attributes: about a third of a millisecond per select, and the
    lists show six to nine of them on every page. Named so that its
    BoundField.widget_type is still "select" (filter_form.html's CSS class).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _ in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(option["value"]), html_attrs(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], html_attrs(widget["attrs"]), mark_safe("".join(groups))
        )


def html_attrs(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them: in order, True as a bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class SelectFilter(django_filters.ChoiceFilter):
    """A choice among a few, in a SelectWidget."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SelectWidget)
        super().__init__(*args, **kwargs)


class SlugSuggest(forms.SelectMultiple):
    """A repeatable slug filter over thousands of choices: a text field with suggestions.

    Only the chosen values become options (filter_choices.html shows them as
    ticked boxes); listing all 5,000 actors made every list page 400-700 kB
    and took half its time. Suggestions come from `suggest_url` as one types
    (static/filter_suggest.js).
    """

    def __init__(self, suggest_url, attrs=None):
        super().__init__(attrs)
        self.suggest_url = suggest_url

    def optgroups(self, name, value, attrs=None):
        field = self.choices.field
        chosen = [v for v in value if v and is_slug(v)]
        rows = list(field.queryset.filter(**{f"{field.to_field_name}__in": chosen})) if chosen else []
        # A typed name that stands for one actor is shown, and sent again, as that actor's slug.
        found = {row.slug for row in rows}
        for v in value:
            if (
                v
                and v not in found
                and getattr(field, "find", None)
                and len(matches := field.find(v, field.queryset)) == 1
            ):
                rows.append(matches[0])
                found.add(matches[0].slug)
        rows = sorted({row.pk: row for row in rows}.values(), key=lambda row: row.slug)
        if not rows:
            return []
        options = [
            self.create_option(name, field.prepare_value(row), field.label_from_instance(row), True, index)
            for index, row in enumerate(rows)
        ]
        return [(None, options, 0)]


class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SlugsField

    def __init__(self, *args, what, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("error_messages", {"invalid_choice": f"There is no {what} “%(value)s”."})
        super().__init__(*args, **kwargs)


def actors_filter(label, method, what):
    """Actors by slug or by a typed name or spelling (actors.lookup)."""
    return SlugsFilter(
        what=what,
        find=actors_named,
        queryset=Actor.objects.shown(),
        method=method,
        label=label,
        widget=SlugSuggest(suggest_url=reverse_lazy("actors:suggest")),
    )


def slug_choice(what, queryset, **kwargs):
    return SlugChoiceFilter(
        queryset=queryset,
        to_field_name="slug",
        empty_label=f"Any {what}",
        widget=SelectWidget,
        error_messages={"invalid_choice": f"There is no {what} “%(value)s”."},
        **kwargs,
    )


def day_options():
    """What every day field takes and says when refused: the lists' date filters and the desk's range alike."""
    return {
        "input_formats": [DATE_FORMAT],
        "widget": forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        "error_messages": {"invalid": "Enter a date as YYYY-MM-DD."},
        "validators": [
            MinValueValidator(EARLIEST_DAY, message=DATE_RANGE_ERROR),
            MaxValueValidator(LATEST_DAY, message=DATE_RANGE_ERROR),
        ],
    }


def filtered(filterset, ignoring=()):
    """Whether any filter narrows the rows (a sort alone does not, nor those named in `ignoring`)."""
    return any(
        value not in (None, "", [])
        for name, value in filterset.form.cleaned_data.items()
        if name != "sort" and name not in ignoring
    )


def date_filter(label, method):
    return django_filters.DateFilter(label=label, method=method, **day_options())


def search_filter(help_text):
    return django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=MAX_SEARCH_CHARS,
        strip=True,
        help_text=help_text,
        validators=[validate_search],
    )


def sort_filter(choices):
    return SelectFilter(
        label="Sort",
        choices=choices,
        method="sort_rows",
        empty_label=None,
        error_messages={"invalid_choice": "Sort by one of: " + ", ".join(value for value, _ in choices) + "."},
    )


class PublishedRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            raise forms.ValidationError("“Published from” must be on or before “Published until”.")
        return cleaned


def date_field(label):
    """A day as a plain form field, checked as the lists' date filters are."""
    return forms.DateField(label=label, required=False, **day_options())


class DateRangeForm(PublishedRangeForm):
    """The desk's date range: the same names and checks as the lists' date filters, so links carry over."""

    published_after = date_field("From")
    published_before = date_field("Until")


SEARCH_HELP = 'Words must all appear; "a phrase", or, -word to exclude.'


class CoverageFilterSet(django_filters.FilterSet):
    """What article and statement lists share: each filter is a call to the QuerySet vocabulary.

    A subclass declares its own filters and lists the form's fields in `order`.
    """

    q = search_filter(SEARCH_HELP)
    topic = SlugsFilter(what="topic", queryset=Topic.objects.all(), method="filter_topics", label="Topics (all of)")
    source = slug_choice("outlet", Source.objects.all(), method="filter_source", label="Outlet")
    published_after = date_filter("Published from", "filter_after")
    published_before = date_filter("Published until", "filter_before")

    order = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {name: self.filters[name] for name in self.order}

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_actors(self, queryset, name, actors):
        for actor in actors:
            queryset = queryset.mentioning(actor)
        return queryset

    def filter_topics(self, queryset, name, topics):
        for topic in topics:
            queryset = queryset.tagged(topic)
        return queryset

    def filter_source(self, queryset, name, source):
        return queryset.from_source(source)

    def filter_after(self, queryset, name, day):
        return queryset.published(after=day)

    def filter_before(self, queryset, name, day):
        return queryset.published(before=day)

    def sort_rows(self, queryset, name, value):
        # "relevance" keeps the order search() gave (best match on PostgreSQL),
        # or the list's own order (newest first) when there is no search.
        if value == "newest":
            return queryset.newest_first()
        if value == "oldest":
            return queryset.oldest_first()
        if value == "title":
            return queryset.order_by("title", "-id")
        return queryset


class ArticleFilter(CoverageFilterSet):
    actor = actors_filter("Mentions (all of)", "filter_actors", what="actor")
    sort = sort_filter(
        [
            ("relevance", "Best match"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("title", "Title A–Z"),
        ]
    )

    collapse = SelectFilter(
        choices=[("story", "One row per story")],
        method="filter_collapse",
        empty_label="Every copy",
        label="Copies",
    )

    # collapse comes last: it keeps one row per story among the rows the other filters left.
    order = ("q", "actor", "topic", "source", "published_after", "published_before", "sort", "collapse")

    def filter_collapse(self, queryset, name, value):
        return one_per_story(queryset, narrowed=filtered(self, ignoring=("collapse",)))

    def story_count(self):
        """The collapsed list's total read from stored counts (coverage.story_total) when no other filter
        narrows it, else None (the paginator counts the rows); decided by the same test as filter_collapse."""
        if self.form.cleaned_data.get("collapse") and not filtered(self, ignoring=("collapse",)):
            return story_total()
        return None

    class Meta:
        model = Article
        form = PublishedRangeForm
        fields = []


class StatementFilter(CoverageFilterSet):
    actor = actors_filter("In articles mentioning (all of)", "filter_actors", what="actor")
    speaker = actors_filter("Speaker", "filter_speakers", what="speaker")
    kind = SelectFilter(choices=Statement.Kind.choices, empty_label="Any kind", label="Kind")
    verified = SelectFilter(
        choices=[("yes", "Verified"), ("no", "Not verified")],
        method="filter_verified",
        empty_label="Verified or not",
        label="Verification",
    )
    unnamed = SelectFilter(
        choices=[("yes", "Unnamed sources only"), ("no", "Named or unattributed")],
        method="filter_unnamed",
        empty_label="Any source",
        label="Source",
    )
    # Rejected statements are in no list, count or export unless asked for here.
    status = SelectFilter(
        choices=[*Statement.Status.choices, (ANY_STATUS, "Any, rejected included")],
        method="filter_status",
        empty_label="Not rejected",
        label="Review",
    )
    sort = sort_filter(
        [
            ("relevance", "Best match"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("speaker", "Speaker A–Z"),
            ("reach", "Most outlets first"),
        ]
    )
    group = SelectFilter(
        choices=[("utterance", "One row per remark")],
        method="filter_group",
        empty_label="Every outlet's report",
        label="Reports",
    )

    # group comes last: it keeps one row per utterance among the rows the other filters left.
    order = (
        "q",
        "actor",
        "speaker",
        "topic",
        "kind",
        "verified",
        "unnamed",
        "status",
        "source",
        "published_after",
        "published_before",
        "sort",
        "group",
    )
    hide_rejected = True

    class Meta:
        model = Statement
        form = PublishedRangeForm
        fields = []

    def filter_queryset(self, queryset):
        if self.hide_rejected and not self.form.cleaned_data.get("status"):
            queryset = queryset.shown()
        return super().filter_queryset(queryset)

    def filter_status(self, queryset, name, value):
        return queryset if value == ANY_STATUS else queryset.filter(status=value)

    def filter_speakers(self, queryset, name, speakers):
        # A statement has one speaker, so several speakers mean any of them.
        return queryset.filter(speaker__in=speakers)

    def filter_verified(self, queryset, name, value):
        return queryset.verified() if value == "yes" else queryset.unverified()

    def filter_unnamed(self, queryset, name, value):
        return queryset.from_unnamed_sources(value == "yes")

    def sort_rows(self, queryset, name, value):
        if value == "speaker":
            return queryset.order_by(F("speaker__name").asc(nulls_last=True), "-article_id", "position")
        if value == "reach":
            return queryset.widest_reach_first()
        return super().sort_rows(queryset, name, value)

    def filter_group(self, queryset, name, value):
        return queryset.one_per_utterance(
            narrowed=self._narrows_remarks(), by_reach=self._by_reach(), speakers=self.form.cleaned_data.get("speaker")
        )

    def statement_count(self):
        """The list's total read from stored counts when no filter narrows its rows, else None (the
        paginator counts them): coverage.remark_total grouped, decided by the same tests as filter_group;
        coverage.statement_total otherwise."""
        if not self.form.cleaned_data.get("group"):
            return None if filtered(self) else statement_total()
        if self._narrows_remarks():
            return None
        # Sorted by reach the rows are read from the utterances: the statements in none are not among them.
        return remark_total(self.form.cleaned_data.get("speaker"), loose=not self._by_reach())

    def _narrows_remarks(self):
        # A speaker filter keeps or drops an utterance whole (StatementQuerySet.one_per_utterance).
        return filtered(self, ignoring=("group", "speaker"))

    def _by_reach(self):
        return self.form.cleaned_data.get("sort") == "reach"


class ReviewFilter(StatementFilter):
    """A slice of the review queue (articles.review): every status, since checked statements count as progress."""

    order = ("topic", "source", "speaker", "unnamed", "published_after", "published_before")
    hide_rejected = False


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=MAX_SEARCH_CHARS,
        strip=True,
        help_text="Part of a name or alias.",
    )
    kind = SelectFilter(choices=Actor.Kind.choices, empty_label="Any kind", label="Kind")
    topic = SlugsFilter(
        what="topic",
        queryset=Topic.objects.all(),
        method="filter_topics",
        label="Topics (all of)",
        help_text="Quoted on the topic, or mentioned in an article on it.",
    )
    sort = sort_filter(
        [
            ("statements", "Most quoted"),
            ("articles", "Most mentioned"),
            ("name", "Name A–Z"),
        ]
    )

    class Meta:
        model = Actor
        fields = []

    def filter_search(self, queryset, name, value):
        aliases = Alias.objects.filter(actor=OuterRef("pk"), name__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(role__icontains=value) | Exists(aliases))

    def filter_topics(self, queryset, name, topics):
        for topic in topics:
            queryset = queryset.on_topic(topic)
        return queryset

    def sort_rows(self, queryset, name, value):
        # The list view annotates article_count and statement_count.
        if value == "articles":
            return queryset.order_by("-article_count", "-statement_count", "name")
        if value == "name":
            return queryset.order_by("name", "pk")
        return queryset.order_by("-statement_count", "-article_count", "name")
