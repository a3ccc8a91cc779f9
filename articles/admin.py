from axes import admin as axes_admin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import connections
from django.db.models import BooleanField, Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from actors.models import Actor

from . import audit, search
from .admin_lists import PublishedFilter, SpeakerFilter, StatementPaginator, WideChangeList, shorten
from .extraction.topics import parse_rules
from .forms import SpeakerActionForm, TopicActionForm, UtteranceActionForm
from .models import (
    Article,
    ArticleTopic,
    ChangeSet,
    FeedToken,
    FieldChange,
    Source,
    Statement,
    StatementTopic,
    Topic,
    Utterance,
)
from .storing import delete_articles
from .upload_records import Upload, UploadFile
from .utterances import merge_utterances, move_statements, split_statements


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "domain"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.action(
    permissions=["change"], description="Re-apply these topics' rules to stored articles (analysts' topics stay)"
)
def retag_topics(modeladmin, request, queryset):
    # Imported here: the admin loads with every command, Celery (and kombu) only where a task is sent.
    from kombu.exceptions import KombuError

    from .tagging import retag_task

    # It reads every article: a worker does it, never this request, which gives up
    # on an unreachable queue after about a second.
    topic_ids = sorted(queryset.values_list("pk", flat=True))
    try:
        retag_task.apply_async(
            args=[topic_ids], retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
        )
    except KombuError as exc:
        modeladmin.message_user(
            request,
            f"The task queue cannot be reached ({exc}), so nothing was retagged. "
            "Start it, or run `python manage.py retag` on the server.",
            messages.ERROR,
        )
        return
    modeladmin.message_user(
        request,
        f"Queued: a worker re-applies the rules of {len(topic_ids)} topics to every article; "
        "the lists show the new topics as it goes.",
        messages.SUCCESS,
    )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "rule_lines", "article_count", "description"]
    search_fields = ["name", "rules"]
    # The topic autocomplete (the statement actions and topic inline) paginates and needs an order.
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "rules"]
    actions = [retag_topics]

    def get_queryset(self, request):
        # Each topic's links counted on their (topic, article) index; a link is unique per article. Joining
        # the links to count distinct articles grouped 200,000 rows per page (0.17 s at 55,000 articles).
        links = ArticleTopic.objects.filter(topic=OuterRef("pk")).order_by().values("topic").annotate(n=Count("pk"))
        return super().get_queryset(request).annotate(n_articles=Coalesce(Subquery(links.values("n")), 0))

    @admin.display(description="Rules")
    def rule_lines(self, obj):
        return Truncator(", ".join(parse_rules(obj.rules))).chars(80)

    @admin.display(description="Articles", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


class StatementInline(admin.TabularInline):
    model = Statement
    fields = ["text", "speaker", "kind", "status"]
    readonly_fields = ["text", "kind"]
    autocomplete_fields = ["speaker"]
    show_change_link = True
    extra = 0

    # Statements come from the page: one added by hand would be dropped by the
    # next ingest and a deleted one would come back, so reject instead.
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ArticleChangeList(ChangeList):
    """The statements of the listed page's articles counted in one query: counting them in the list's own query
    joined a million statements to every article, for the page, its count and the date drill-down."""

    def get_results(self, request):
        super().get_results(request)
        articles = list(self.result_list)
        counts = dict(
            Statement.objects.filter(article__in=[a.pk for a in articles])
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values_list("article", "n")
        )
        for article in articles:
            article.n_statements = counts.get(article.pk, 0)


@admin.register(Article)
class ArticleAdmin(WideChangeList, admin.ModelAdmin):
    list_display = ["title", "source", "author", "published", "statement_count", "ingested"]
    # Dates as ranges on the date's index (admin_lists.PublishedFilter) rather than a date_hierarchy,
    # which reads the distinct years of every article; no per-choice counts ("facets") of 100,000 rows.
    list_filter = ["source", ("published", PublishedFilter)]
    list_select_related = ["source"]
    search_fields = ["title", "author"]
    # No second count, of all 100,000 articles, beside each filtered list.
    show_full_result_count = False
    search_help_text = (
        "Finds the words of the title or the author's name in any form: 'pipelines' finds 'pipeline'; "
        '"a phrase", or, -word.'
    )
    show_facets = admin.ShowFacets.NEVER
    # Everything here comes from the page and ingest rewrites it on the next
    # version, so nothing is offered for editing but the statements' review.
    fields = [
        "title",
        "source",
        "author",
        "published",
        "url",
        "language",
        "body",
        "origin",
        "file_name",
        "content_hash",
        "extractor_version",
        "ingested",
        "updated",
    ]
    readonly_fields = fields
    inlines = [StatementInline]

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_search_results(self, request, queryset, search_term):
        """Words of the title and author through their index (articles.search.title_matching): a part of every
        title and author read all 100,000 articles. The matches are looked up first, so that the page, read in
        date order, checks each row against a list instead of taking the words of every title it passes."""
        if not search_term.strip():
            return queryset, False
        found = list(search.title_matching(Article.objects.order_by(), search_term).values_list("pk", flat=True))
        if connections[queryset.db].vendor == "postgresql":
            # One array parameter: thousands of `IN (%s, ...)` parameters took longer to send and plan than
            # the query took to run; the page still walks the date index and checks each row against the array.
            matched = RawSQL(f"{Article._meta.db_table}.id = ANY(%s)", (found,), output_field=BooleanField())
            return queryset.filter(matched), False
        return queryset.filter(pk__in=found), False

    # Articles come from `manage.py ingest`.
    def has_add_permission(self, request):
        return False

    # A deleted article's actors are recounted and its names' evidence decided again.
    def delete_model(self, request, obj):
        delete_articles([obj.pk])

    def delete_queryset(self, request, queryset):
        delete_articles(queryset)

    @admin.display(description="Statements")
    def statement_count(self, obj):
        return obj.n_statements

    def save_formset(self, request, form, formset, change):
        if formset.model is not Statement:
            return super().save_formset(request, form, formset, change)
        # Statements cannot be added or deleted here, only edited: each edit
        # saves just the fields the analyst changed (Statement.save_analyst_edit).
        formset.save(commit=False)
        pks = [statement.pk for statement, _changed in formset.changed_objects]
        with audit.recording(request.user, pks, "Edited on the article's admin page"):
            for statement, changed in formset.changed_objects:
                statement.save_analyst_edit(changed, request.user)


class StatementTopicInline(admin.TabularInline):
    """A statement's topics: what an analyst adds or deletes here is kept as theirs."""

    model = StatementTopic
    fields = ["topic", "origin"]
    readonly_fields = ["origin"]
    autocomplete_fields = ["topic"]
    extra = 0
    verbose_name = "topic"
    verbose_name_plural = "topics"

    # Topic links are part of the statement: whoever may change it may tag it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_statement") or self._may_tag(request)

    def has_add_permission(self, request, obj=None):
        return self._may_tag(request)

    def has_change_permission(self, request, obj=None):
        return self._may_tag(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_tag(request)

    def _may_tag(self, request):
        return request.user.has_perm("articles.change_statement")


def _selected(queryset):
    """The selected statements by primary key.

    The action's queryset carries the changelist filters; re-read after a
    write it could lose rows (marking "not reviewed" ones verified), so the
    log entries would miss them.
    """
    return Statement.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))


def _log_bulk_change(request, statements, message):
    """One history entry per statement, as a change made in its form would have."""
    LogEntry.objects.log_actions(
        user_id=request.user.pk, queryset=statements, action_flag=CHANGE, change_message=message
    )


def _bulk_action_page(modeladmin, request, queryset, form, *, action, title, button):
    """The intermediate page on which the analyst picks what the action sets."""
    ctx = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": modeladmin.opts,
        "media": modeladmin.media + form.media,
        "form": form,
        "action": action,
        "button": button,
        "count": queryset.count(),
        "preview": queryset[:10],
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/statement/bulk_action.html", ctx)


def _done(modeladmin, request, what, count, change_set=None):
    said = f"{what}: {count} {model_ngettext(modeladmin.opts, count)}."
    if change_set is not None:
        url = reverse("admin:articles_changeset_change", args=[change_set.pk])
        said = format_html('{} <a href="{}">See or undo the change</a>.', said, url)
    modeladmin.message_user(request, said, messages.SUCCESS)


def _form_action(modeladmin, request, queryset, form_class, apply, *, action, title, button):
    """What the actions that ask for a value share: the form page until it is filled, then the write.

    `apply(statements, cleaned_data)` writes and returns (how many, the history's words, the message's words).
    """
    form = form_class(request.POST if "apply" in request.POST else None, admin_site=modeladmin.admin_site)
    if not form.is_valid():
        return _bulk_action_page(modeladmin, request, queryset, form, action=action, title=title, button=button)
    statements = _selected(queryset)
    with audit.recording(request.user, statements, title, bulk=True) as done:
        count, logged, said = apply(statements, form.cleaned_data)
        done.action = f"{logged} (bulk action)"
    _log_bulk_change(request, statements, f"{logged} (bulk action).")
    _done(modeladmin, request, said, count, done.change_set)
    return None


@admin.action(permissions=["change"], description="Add a topic to the selected statements")
def add_topic(modeladmin, request, queryset):
    def apply(statements, data):
        topic = data["topic"]
        return statements.add_topic_by_analyst(topic), f"Added topic “{topic}”", f"Added topic “{topic}”"

    return _form_action(
        modeladmin,
        request,
        queryset,
        TopicActionForm,
        apply,
        action="add_topic",
        title="Add a topic",
        button="Add topic",
    )


@admin.action(permissions=["change"], description="Remove a topic from the selected statements")
def remove_topic(modeladmin, request, queryset):
    def apply(statements, data):
        topic = data["topic"]
        return statements.remove_topic_by_analyst(topic), f"Removed topic “{topic}”", f"Removed topic “{topic}”"

    return _form_action(
        modeladmin,
        request,
        queryset,
        TopicActionForm,
        apply,
        action="remove_topic",
        title="Remove a topic",
        button="Remove topic",
    )


@admin.action(permissions=["change"], description="Reassign the speaker of the selected statements")
def reassign_speaker(modeladmin, request, queryset):
    def apply(statements, data):
        speaker = data["speaker"]
        who = f"“{speaker}”" if speaker else "no speaker"
        return statements.reassign_speaker_by_analyst(speaker), f"Changed speaker to {who}", f"Speaker set to {who}"

    return _form_action(
        modeladmin,
        request,
        queryset,
        SpeakerActionForm,
        apply,
        action="reassign_speaker",
        title="Reassign the speaker",
        button="Reassign speaker",
    )


def _mark(modeladmin, request, queryset, status, said):
    statements = _selected(queryset)
    with audit.recording(request.user, statements, f"{said} (bulk action)", bulk=True) as done:
        count = statements.set_status_by_analyst(status, request.user)
    _log_bulk_change(request, statements, f"{said} (bulk action).")
    _done(modeladmin, request, said, count, done.change_set)


@admin.action(permissions=["change"], description="Mark the selected statements verified")
def mark_verified(modeladmin, request, queryset):
    _mark(modeladmin, request, queryset, Statement.Status.VERIFIED, "Marked verified")


@admin.action(permissions=["change"], description="Mark the selected statements rejected")
def mark_rejected(modeladmin, request, queryset):
    _mark(modeladmin, request, queryset, Statement.Status.REJECTED, "Marked rejected")


def _utterance_action(modeladmin, request, queryset, write, said):
    """Split or move: one write over the selected statements, or the reason it cannot be done."""
    statements = _selected(queryset)
    try:
        count = write(statements)
    except ValueError as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return
    _log_bulk_change(request, statements, f"{said} (bulk action).")
    _done(modeladmin, request, said, count)


@admin.action(permissions=["change"], description="Give the selected statements an utterance of their own")
def split_utterance(modeladmin, request, queryset):
    def write(statements):
        split_statements(statements)
        return statements.count()

    _utterance_action(modeladmin, request, queryset, write, "Split into an utterance of their own")


@admin.action(permissions=["change"], description="Move the selected statements to another utterance")
def move_to_utterance(modeladmin, request, queryset):
    form = UtteranceActionForm(request.POST if "apply" in request.POST else None, admin_site=modeladmin.admin_site)
    if not form.is_valid():
        return _bulk_action_page(
            modeladmin,
            request,
            queryset,
            form,
            action="move_to_utterance",
            title="Move to another utterance",
            button="Move",
        )
    utterance = form.cleaned_data["utterance"]
    _utterance_action(
        modeladmin,
        request,
        queryset,
        lambda statements: move_statements(statements, utterance),
        f"Moved to utterance {utterance.pk}",
    )
    return None


class OutletFilter(admin.RelatedFieldListFilter):
    """The outlets that have articles, titled as the list's column is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "outlet"

    def field_choices(self, field, request, model_admin):
        outlets = Source.objects.filter(Exists(Article.objects.filter(source=OuterRef("pk")))).order_by("name")
        return [(source.pk, str(source)) for source in outlets]


@admin.register(Statement)
class StatementAdmin(WideChangeList, admin.ModelAdmin):
    list_display = ["speaker", "excerpt", "article_link", "outlet", "date", "topic_list", "kind", "status"]
    list_display_links = ["excerpt"]
    list_filter = [
        "topics",
        ("speaker", SpeakerFilter),
        "kind",
        "status",
        "on_page",
        ("article__source", OutletFilter),
        # The statement's own copy of its article's date (Statement.published): filtering and sorting
        # by the article's date joined a million statements to their articles. Ranges, not a
        # date_hierarchy, which reads the distinct years of every statement (admin_lists).
        ("published", PublishedFilter),
    ]
    list_select_related = ["speaker", "article__source"]
    ordering = [F("published").desc(nulls_last=True), "-article_id", "position"]
    search_fields = ["text", "speaker__name", "article__title"]
    search_help_text = (
        "Finds the quote's words as the statements page does, whole words in any form: "
        "'monitor' finds 'monitoring', 'monit' finds nothing; \"a phrase\", or, -word. "
        "Also finds a part of the speaker's name, written as it is there, and the words of the article's title "
        "or author."
    )
    # The total of a million statements beside every filtered list costs a count of them all; the unfiltered
    # list takes it from the stored counts (StatementPaginator); no per-choice counts ("facets").
    show_full_result_count = False
    paginator = StatementPaginator
    # A statement row is the admin's costliest to draw (nine columns, topics, links that keep the filters):
    # about 2 ms each, so 50 a page.
    list_per_page = 50
    show_facets = admin.ShowFacets.NEVER
    actions = [
        add_topic,
        remove_topic,
        mark_verified,
        mark_rejected,
        reassign_speaker,
        split_utterance,
        move_to_utterance,
    ]
    autocomplete_fields = ["speaker"]
    inlines = [StatementTopicInline]
    # Text, kind and article come from the page and ingest rewrites them:
    # here an analyst sets the speaker, the review and the topics. Text and kind
    # are corrected on the review page (/review/), whose form knows what it showed.
    fieldsets = [
        (None, {"fields": ["article_link", "text", "kind", "on_page", "speaker", "speaker_corrected"]}),
        ("Utterance", {"fields": ["utterance_link", "utterance_fixed"]}),
        ("Review", {"fields": ["status", "note", "reviewed_by", "reviewed_at", "removed_topic_list"]}),
        ("History", {"fields": ["history"]}),
    ]
    readonly_fields = [
        "article_link",
        "text",
        "kind",
        "on_page",
        "speaker_corrected",
        "utterance_link",
        "utterance_fixed",
        "reviewed_by",
        "reviewed_at",
        "removed_topic_list",
        "history",
    ]

    @property
    def media(self):
        # The speaker filter's autocomplete, which applies the choice at once.
        speaker = AutocompleteSelect(Statement._meta.get_field("speaker"), self.admin_site)
        return super().media + speaker.media + forms.Media(js=["admin_lists.js"])

    def get_search_results(self, request, queryset, search_term):
        """The stored full-text vector of the quote (articles.search) rather than a substring of a million
        quotes (seconds); speakers whose name holds the whole term and articles whose title or author has its
        words (an index, not a scan of every title), looked up first."""
        term = search_term.strip()
        if not term:
            return queryset, False
        speakers = list(Actor.objects.filter(name__icontains=term).values_list("pk", flat=True))
        articles = list(search.title_matching(Article.objects.order_by(), term).values_list("pk", flat=True))
        also = Q(speaker_id__in=speakers) if speakers else Q()
        if articles:
            also |= Q(article_id__in=articles)
        return search.matching(queryset, term, fields=["text"], also=also), False

    def get_queryset(self, request):
        links = StatementTopic.objects.select_related("topic").order_by("topic__name")
        return super().get_queryset(request).prefetch_related(Prefetch("topic_links", queryset=links))

    # Statements come from pages; one made here would be dropped by the next ingest.
    def has_add_permission(self, request):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form and its topic inline save in several steps; the audit log
        # reads the statement before and after all of them.
        if request.method != "POST" or not (object_id or "").isdigit():
            return super().changeform_view(request, object_id, form_url, extra_context)
        with audit.recording(request.user, [int(object_id)], "Edited in the admin"):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj.save_analyst_edit(form.changed_data, request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not StatementTopic:
            return super().save_formset(request, form, formset, change)
        # Not saved as edited: each change goes through the analyst methods,
        # which also keep a deleted topic from coming back with the rules.
        # save(commit=False) still fills the lists the history message is built from.
        statement = form.instance
        formset.save(commit=False)
        for link in formset.deleted_objects:
            statement.remove_topic_by_analyst(link.topic)
        for link, _fields in formset.changed_objects:
            statement.remove_topic_by_analyst(StatementTopic.objects.get(pk=link.pk).topic)
            statement.add_topic_by_analyst(link.topic)
            link.origin = StatementTopic.Origin.ANALYST
        for link in formset.new_objects:
            statement.add_topic_by_analyst(link.topic)
            link.origin = StatementTopic.Origin.ANALYST

    @admin.display(description="Statement")
    def excerpt(self, obj):
        return shorten(obj.text, 100)

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, shorten(str(obj.article), 60))

    @admin.display(description="Outlet", ordering="article__source__name")
    def outlet(self, obj):
        return obj.article.source

    @admin.display(description="Date", ordering="published")
    def date(self, obj):
        return obj.article.published_date

    @admin.display(description="Topics")
    def topic_list(self, obj):
        # Analyst topics in bold: ingest and retag leave those alone.
        names = [
            format_html('<strong title="Set by an analyst">{}</strong>', link.topic.name)
            if link.origin == StatementTopic.Origin.ANALYST
            else link.topic.name
            for link in obj.topic_links.all()
        ]
        return format_html_join(", ", "{}", ((name,) for name in names))

    @admin.display(description="Utterance")
    def utterance_link(self, obj):
        """The remark it reports, on its page, and the admin's list of that remark's statements."""
        if obj.utterance_id is None:
            return "—"
        page = reverse("articles:utterance", args=[obj.utterance_id])
        statements = reverse("admin:articles_statement_changelist") + f"?utterance={obj.utterance_id}"
        return format_html(
            '<a href="{}">Utterance {}</a> (<a href="{}">its statements</a>)', page, obj.utterance_id, statements
        )

    def lookup_allowed(self, lookup, value, request=None):
        # The statements of one utterance, linked from the utterance's page and from each statement.
        return lookup == "utterance" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="Topics an analyst removed")
    def removed_topic_list(self, obj):
        return ", ".join(t.name for t in obj.removed_topics.all()) or "—"

    @admin.display(description="Changes by analysts")
    def history(self, obj):
        return render_to_string("articles/statement_history.html", {"history": audit.history(obj)})


@admin.action(permissions=["change"], description="Merge the selected utterances (one speaker's)")
def merge_selected_utterances(modeladmin, request, queryset):
    try:
        kept = merge_utterances(Utterance.objects.filter(pk__in=list(queryset.values_list("pk", flat=True))))
    except ValueError as exc:
        modeladmin.message_user(request, str(exc), messages.ERROR)
        return
    url = reverse("articles:utterance", args=[kept.pk])
    said = format_html('Merged into <a href="{}">utterance {}</a>; ingest keeps them together.', url, kept.pk)
    modeladmin.message_user(request, said, messages.SUCCESS)


class UtteranceStatementInline(admin.TabularInline):
    model = Statement
    fk_name = "utterance"
    fields = ["statement_link", "outlet", "published", "kind", "utterance_fixed"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__source").order_by("published", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Statement")
    def statement_link(self, obj):
        url = reverse("admin:articles_statement_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, shorten(obj.text, 100))

    @admin.display(description="Outlet")
    def outlet(self, obj):
        return obj.article.source or "—"


@admin.register(Utterance)
class UtteranceAdmin(admin.ModelAdmin):
    """Utterances are made by ingest; analysts merge them here, and split or move statements from the
    statements' list (its actions). Either way ingest keeps what they decided."""

    list_display = ["excerpt", "speaker", "first_published", "reach", "page_link"]
    list_select_related = ["speaker"]
    search_fields = ["text", "speaker__name"]
    ordering = ["-reach", "-first_published", "-id"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = [merge_selected_utterances]
    fields = ["speaker", "text", "direct_text", "first_published", "reach", "page_link"]
    readonly_fields = fields
    inlines = [UtteranceStatementInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Its reports would be left in no remark, out of the lists grouped by reach; split or merge instead.
        return False

    @admin.display(description="Utterance")
    def excerpt(self, obj):
        return shorten(obj.text, 100)

    @admin.display(description="Page")
    def page_link(self, obj):
        return format_html('<a href="{}">Outlets and wordings</a>', reverse("articles:utterance", args=[obj.pk]))


class FieldChangeInline(admin.TabularInline):
    model = FieldChange
    fields = ["statement_link", "field", "before_label", "after_label"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_statement")

    @admin.display(description="Statement")
    def statement_link(self, obj):
        url = reverse("admin:articles_statement_change", args=[obj.statement_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(obj.statement.text).chars(80))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("statement")


@admin.action(permissions=["undo"], description="Undo the selected changes (values changed since stay)")
def undo_changes(modeladmin, request, queryset):
    for change_set in queryset.order_by("-at", "-id"):
        undone = audit.undo(change_set, request.user)
        said = f"Undid “{change_set.action}”: {undone.restored} values put back"
        if undone.skipped:
            said += f", {undone.skipped} left as they are (changed again since)"
        modeladmin.message_user(request, f"{said}.", messages.SUCCESS)


@admin.register(ChangeSet)
class ChangeSetAdmin(admin.ModelAdmin):
    """The audit log: every analyst action on statements, with each value before and after; read-only but undo."""

    list_display = ["at", "user", "action", "statement_count", "undone"]
    list_select_related = ["user"]
    list_filter = ["bulk"]
    search_fields = ["action", "user__username"]
    fields = ["at", "user", "action", "bulk", "undoes", "undone"]
    readonly_fields = fields
    inlines = [FieldChangeInline]
    actions = [undo_changes]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_statements=Count("changes__statement", distinct=True), n_undone=Count("undone_by", distinct=True)
            )
        )

    # Written by analysts' actions only; statements' viewers may read it, their editors undo.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_statement")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_undo_permission(self, request):
        return request.user.has_perm("articles.change_statement")

    @admin.display(description="Statements", ordering="n_statements")
    def statement_count(self, obj):
        return obj.n_statements

    @admin.display(description="Undone", boolean=True)
    def undone(self, obj):
        return bool(obj.n_undone) if hasattr(obj, "n_undone") else obj.undone_by.exists()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The change page offers the undo action as a button of its own (admin/articles/changeset/change_form.html).
        if request.method == "POST" and "undo" in request.POST and self.has_undo_permission(request):
            change_set = self.get_object(request, object_id)
            if change_set is not None:
                undo_changes(self, request, ChangeSet.objects.filter(pk=change_set.pk))
                return HttpResponseRedirect(request.path)
        extra = {**(extra_context or {}), "may_undo": self.has_undo_permission(request)}
        return super().change_view(request, object_id, form_url, extra)


@admin.action(permissions=["change"], description="Revoke the selected feed keys (each user gets a new one)")
def regenerate_feed_keys(modeladmin, request, queryset):
    tokens = list(queryset.select_related("user"))
    for token in tokens:
        token.regenerate()
        # The history says that the key changed, never what it was or is.
        modeladmin.log_change(request, token, "Revoked the feed key; a new one was made.")
    _done(modeladmin, request, "Feed keys revoked", len(tokens))


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Feed keys, shown by their first characters only, and never filterable (see newsdesk.admin_site).

    A key is a password for its user's feeds; what is stored is its hash.
    """

    list_display = ["user", "key_start", "created"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    ordering = ["user__username"]
    fields = ["user", "key_start", "created"]
    readonly_fields = fields
    actions = [regenerate_feed_keys]
    secret_fields = ("key", "nonce", "key_hash", "key_prefix", "previous_key_hash")

    def has_add_permission(self, request):
        # A key is made on the user's first feed link or visit to their feeds page.
        return False

    @admin.display(description="Key")
    def key_start(self, obj):
        previous = " (and an older key, until revoked)" if obj.previous_key_hash else ""
        return f"{obj.key_prefix}…{previous}"


class UploadFileInline(admin.TabularInline):
    model = UploadFile
    fields = ["name", "size", "outcome", "reason", "article"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Pages added from the browser (/add/): a record of who sent what and what came of it, read-only."""

    list_display = ["created", "user", "kind", "queued", "finished"]
    list_select_related = ["user"]
    list_filter = ["kind", "queued"]
    search_fields = ["user__username", "files__name"]
    fields = ["user", "kind", "created", "finished", "queued", "note"]
    readonly_fields = fields
    inlines = [UploadFileInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# django-axes' lockout records: its clean-up action deletes records but
# declares no permission, so anyone who may view them could run it.
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(permissions=["delete"], description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        return super().cleanup_expired_attempts(request, queryset)
