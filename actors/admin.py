from django.contrib import admin

from .models import Actor, Alias


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ["name", "key"]
    readonly_fields = ["key"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline]
