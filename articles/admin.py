from django.contrib import admin

from .models import Article, Source, Statement, Topic


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "domain"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class StatementInline(admin.TabularInline):
    model = Statement
    fields = ["text", "speaker", "kind", "status"]
    autocomplete_fields = ["speaker"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "author", "published", "ingested"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["title", "author"]
    date_hierarchy = "published"
    readonly_fields = ["origin", "file_name", "content_hash", "extractor_version", "ingested", "updated"]
    inlines = [StatementInline]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "speaker", "article", "kind", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article"]

    @admin.display(description="Statement")
    def excerpt(self, obj):
        return obj.text[:100]
