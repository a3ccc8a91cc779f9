"""List filters, paging and layout for the admin's big change lists (a million statements, 100,000 articles).

Django's defaults read the whole table to draw the sidebar: `date_hierarchy` asks for the distinct years of every
row (0.7 s at 55,000 articles), a related-field filter lists every speaker (5,000 links), the paginator counts
every row. These read indexes and stored counts instead.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.paginator import Paginator
from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from django.utils.functional import cached_property

from actors.models import Actor

from .models import Statement


class PublishedFilter(admin.DateFieldListFilter):
    """Recent periods, then one link per year, newest first: a range on the date's index each.

    Stands in for `date_hierarchy`, whose years are the distinct years of every row. The years here run from
    the first to the last date (one MIN/MAX query on the index), so a year without rows can be offered.
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        span = model_admin.get_queryset(request).order_by().aggregate(first=Min(field_path), last=Max(field_path))
        if span["first"] is None:
            return
        # DateFieldListFilter's own links: any date, today, past 7 days, this month, this year (and no date);
        # its dates are the start of today in the current time zone.
        start_of_this_year = self.links[4][1][self.lookup_kwarg_since]
        years = [
            (
                str(year),
                {
                    self.lookup_kwarg_since: start_of_this_year.replace(year=year),
                    self.lookup_kwarg_until: start_of_this_year.replace(year=year + 1),
                },
            )
            for year in range(timezone.localtime(span["last"]).year, timezone.localtime(span["first"]).year - 1, -1)
            if year != start_of_this_year.year
        ]
        self.links = (*self.links[:5], *years, *self.links[5:])


class SpeakerFilter(admin.RelatedFieldListFilter):
    """A speaker picked with the admin's autocomplete (the actors' search), not a list of every speaker.

    Renders a small GET form (admin/articles/statement/speaker_filter.html) that keeps the list's other
    parameters and submits on choice (static/admin_lists.js); only the chosen actor is read.
    """

    template = "admin/articles/statement/speaker_filter.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "No speaker"

    def field_choices(self, field, request, model_admin):
        if not self.lookup_val:
            return []
        chosen = Actor.objects.filter(pk__in=[v for v in self.lookup_val if str(v).isdigit()])
        return [(actor.pk, str(actor)) for actor in chosen]

    def has_output(self):
        return True

    def choices(self, changelist):
        keep = [self.lookup_kwarg, self.lookup_kwarg_isnull]
        self.kept_params = [
            (name, value) for name, values in changelist.filter_params.items() if name not in keep for value in values
        ]
        widget = AutocompleteSelect(self.field, changelist.model_admin.admin_site, attrs={"id": "speaker-filter"})
        # The form field gives the widget its choices: the chosen actor is read again, by primary key.
        speaker = forms.ModelChoiceField(Actor.objects.all(), widget=widget, required=False)
        chosen = [pk for pk, _ in self.lookup_choices]
        self.widget = speaker.widget.render(self.lookup_kwarg, chosen[0] if chosen else None)
        return super().choices(changelist)


def shorten(text, limit):
    """`text` cut to `limit` characters with an ellipsis, as Truncator.chars() would cut plain text, at a
    fraction of its cost (it normalises every character; 100 rows of quotes took 20 ms)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AtLeast(int):
    """A count that stopped at a cap: compares and pages as the cap plus one, reads "more than <cap>"."""

    def __new__(cls, cap):
        count = super().__new__(cls, cap + 1)
        count.cap = cap
        return count

    def __str__(self):
        return f"more than {self.cap:,}"


class StatementPaginator(Paginator):
    """The unfiltered total from the actors' stored counts (as articles.coverage.statement_total, which leaves the
    rejected out) plus the statements they do not count; a filtered or searched list counts up to COUNT_CAP
    rows and then says "more than 5,000".

    COUNT(*) of a million statements takes a few hundred milliseconds, and so does counting the 85,000 quotes
    with a common word or every statement not reviewed yet. The pages run to the cap (100 pages of 50).
    """

    COUNT_CAP = 5000

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        if not query.where:
            # The stored counts are the attributed statements not rejected; the admin lists every statement, so
            # the rest (without a speaker, or rejected) is counted on their two indexes in one query.
            stored = Actor.objects.aggregate(n=Sum("statement_count"))["n"] or 0
            rest = Q(speaker__isnull=True) | Q(status=Statement.Status.REJECTED)
            return stored + Statement.objects.filter(rest).count()
        counted = self.object_list.order_by()[: self.COUNT_CAP + 1].count()
        return AtLeast(self.COUNT_CAP) if counted > self.COUNT_CAP else counted


class WideChangeList:
    """A model admin whose change list takes the page's whole width, laid out for 1366 pixels (admin_lists.css).

    With the admin's navigation beside it and the filters, the statement list left the quote about twelve
    characters a line and cut off its last column. The breadcrumbs stay, and the change forms keep the navigation.
    """

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["admin_lists.css"]})
