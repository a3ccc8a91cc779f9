from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from kombu.exceptions import KombuError

from actors.models import Actor

from . import search
from .extraction.topics import parse_rules
from .forms import SpeakerActionForm, TopicActionForm
from .models import Article, FeedToken, Source, Statement, StatementTopic, Topic
from .storing import delete_articles
from .tagging import retag_task
from .upload_records import Upload, UploadFile


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "domain"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.action(
    permissions=["change"], description="Re-apply these topics' rules to stored articles (analysts' topics stay)"
)
def retag_topics(modeladmin, request, queryset):
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
    # The article count's GROUP BY drops Meta.ordering; the topic autocomplete
    # (the statement actions and topic inline) paginates and needs an order.
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "rules"]
    actions = [retag_topics]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles", distinct=True))

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
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "author", "published", "statement_count", "ingested"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["title", "author"]
    date_hierarchy = "published"
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


def _done(modeladmin, request, what, count):
    modeladmin.message_user(request, f"{what}: {count} {model_ngettext(modeladmin.opts, count)}.", messages.SUCCESS)


def _form_action(modeladmin, request, queryset, form_class, apply, *, action, title, button):
    """What the actions that ask for a value share: the form page until it is filled, then the write.

    `apply(statements, cleaned_data)` writes and returns (how many, the history's words, the message's words).
    """
    form = form_class(request.POST if "apply" in request.POST else None, admin_site=modeladmin.admin_site)
    if not form.is_valid():
        return _bulk_action_page(modeladmin, request, queryset, form, action=action, title=title, button=button)
    statements = _selected(queryset)
    count, logged, said = apply(statements, form.cleaned_data)
    _log_bulk_change(request, statements, f"{logged} (bulk action).")
    _done(modeladmin, request, said, count)
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


@admin.action(permissions=["change"], description="Mark the selected statements verified")
def mark_verified(modeladmin, request, queryset):
    statements = _selected(queryset)
    count = statements.set_status_by_analyst(Statement.Status.VERIFIED, request.user)
    _log_bulk_change(request, statements, "Marked verified (bulk action).")
    _done(modeladmin, request, "Marked verified", count)


@admin.action(permissions=["change"], description="Mark the selected statements rejected")
def mark_rejected(modeladmin, request, queryset):
    statements = _selected(queryset)
    count = statements.set_status_by_analyst(Statement.Status.REJECTED, request.user)
    _log_bulk_change(request, statements, "Marked rejected (bulk action).")
    _done(modeladmin, request, "Marked rejected", count)


class SpeakerFilter(admin.RelatedFieldListFilter):
    """The actors who speak, from their stored counts: listing the speakers of a million statements is slow."""

    def field_choices(self, field, request, model_admin):
        speakers = Actor.objects.filter(statement_count__gt=0).order_by("name")
        return [(actor.pk, str(actor)) for actor in speakers]


class OutletFilter(admin.RelatedFieldListFilter):
    """The outlets that have articles, titled as the list's column is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "outlet"

    def field_choices(self, field, request, model_admin):
        outlets = Source.objects.filter(Exists(Article.objects.filter(source=OuterRef("pk")))).order_by("name")
        return [(source.pk, str(source)) for source in outlets]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["speaker", "excerpt", "article_link", "outlet", "date", "topic_list", "kind", "status"]
    list_display_links = ["excerpt"]
    list_filter = [
        "topics",
        ("speaker", SpeakerFilter),
        "kind",
        "status",
        "on_page",
        ("article__source", OutletFilter),
    ]
    list_select_related = ["speaker", "article__source"]
    # The statement's own copy of its article's date (Statement.published): sorting and
    # drilling down by the article's date joined a million statements to their articles.
    date_hierarchy = "published"
    ordering = [F("published").desc(nulls_last=True), "-article_id", "position"]
    search_fields = ["text", "speaker__name", "article__title"]
    search_help_text = (
        "Finds the quote's words as the statements page does, whole words in any form: "
        "'monitor' finds 'monitoring', 'monit' finds nothing; \"a phrase\", or, -word. "
        "Also finds a part of the speaker's name or of the article's title, written as it is there."
    )
    # The total of a million statements beside every filtered list costs a count of them all.
    show_full_result_count = False
    actions = [add_topic, remove_topic, mark_verified, mark_rejected, reassign_speaker]
    autocomplete_fields = ["speaker"]
    inlines = [StatementTopicInline]
    # Text, kind and article come from the page and ingest rewrites them;
    # what an analyst may set is the speaker, the review and the topics.
    fieldsets = [
        (None, {"fields": ["article_link", "text", "kind", "on_page", "speaker", "speaker_corrected"]}),
        ("Review", {"fields": ["status", "note", "reviewed_by", "reviewed_at", "removed_topic_list"]}),
    ]
    readonly_fields = [
        "article_link",
        "text",
        "kind",
        "on_page",
        "speaker_corrected",
        "reviewed_by",
        "reviewed_at",
        "removed_topic_list",
    ]

    def get_search_results(self, request, queryset, search_term):
        """The stored full-text vector of the quote (articles.search) rather than a substring of a million
        quotes (seconds); speakers and articles whose name or title holds the whole term, looked up first."""
        term = search_term.strip()
        if not term:
            return queryset, False
        speakers = list(Actor.objects.filter(name__icontains=term).values_list("pk", flat=True))
        articles = list(Article.objects.filter(title__icontains=term).values_list("pk", flat=True))
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
        return Truncator(obj.text).chars(100)

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, Truncator(str(obj.article)).chars(60))

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

    @admin.display(description="Topics an analyst removed")
    def removed_topic_list(self, obj):
        return ", ".join(t.name for t in obj.removed_topics.all()) or "—"


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
