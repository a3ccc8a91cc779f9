from django import forms
from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .evidence import merge, settle_groups, split, suppress
from .models import Actor, ActorMerge, Alias, Role, RoleHolder
from .names import name_key, surname_key


class AliasForm(forms.ModelForm):
    class Meta:
        model = Alias
        fields = ["name"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if not name_key(name):
            raise forms.ValidationError("A spelling needs letters or digits.")
        taken = Alias.objects.filter(key=name_key(name)).exclude(pk=self.instance.pk).select_related("actor").first()
        # A spelling the pages gave someone is the analyst's to take; another analyst's is not.
        if taken is not None and taken.origin == Alias.Origin.ANALYST:
            raise forms.ValidationError(f"{taken.name} is already set as a spelling of {taken.actor}.")
        return name


class AliasInline(admin.TabularInline):
    model = Alias
    form = AliasForm
    fields = ["name", "origin", "key", "fuzzy"]
    readonly_fields = ["origin", "key", "fuzzy"]
    extra = 1


class MergeInline(admin.TabularInline):
    model = ActorMerge
    fk_name = "kept"
    fields = ["merged_name", "aliases", "statements_moved", "mentions_moved", "merged_by", "merged_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "merged into this actor"

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description="Merge selected actors into one", permissions=["change"])
def merge_actors(modeladmin, request, queryset):
    """Ask which actor to keep, then move everything of the others onto it."""
    actors = list(queryset.order_by("name"))
    if len(actors) < 2:
        modeladmin.message_user(request, "Select at least two actors to merge.", messages.WARNING)
        return None
    if request.POST.get("confirm") == "yes":
        kept = next((a for a in actors if str(a.pk) == request.POST.get("kept")), None)
        if kept is None:
            modeladmin.message_user(request, "Choose the actor to keep.", messages.ERROR)
        else:
            others = [a for a in actors if a.pk != kept.pk]
            records = merge(kept, others, user=request.user)
            for record in records:
                modeladmin.log_change(request, kept, f"Merged {record.merged_name} into this actor.")
            names = ", ".join(r.merged_name for r in records)
            modeladmin.message_user(request, f"Merged {names} into {kept}.", messages.SUCCESS)
            return None
    # Suggest the actor with the most coverage.
    suggested = max(actors, key=lambda a: (a.mentions.count() + a.statements.count(), len(a.name)))
    ctx = {
        **modeladmin.admin_site.each_context(request),
        "title": "Merge actors",
        "opts": modeladmin.model._meta,
        "actors": actors,
        "suggested": suggested,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/actors/actor/merge_actors.html", ctx)


@admin.action(description="Split the selected actor: move some spellings to a new actor", permissions=["change"])
def split_actor(modeladmin, request, queryset):
    """Ask which spellings (with their mentions and statements) go to a new actor, then move them."""
    actors = list(queryset[:2])
    if len(actors) != 1:
        modeladmin.message_user(request, "Select one actor to split.", messages.WARNING)
        return None
    actor = actors[0]
    aliases = list(actor.aliases.order_by("name"))
    if request.POST.get("confirm") == "yes":
        try:
            new = split(actor, request.POST.getlist("alias"), request.POST.get("name"))
        except ValueError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            moved = ", ".join(new.aliases.values_list("name", flat=True))
            modeladmin.log_change(request, actor, f"Split: {moved} moved to a new actor, {new} (id {new.pk}).")
            modeladmin.log_addition(request, new, f"Split from {actor} (id {actor.pk}).")
            modeladmin.message_user(
                request,
                format_html(
                    'Moved {} to <a href="{}">{}</a>, with their mentions and statements.',
                    moved,
                    reverse("admin:actors_actor_change", args=[new.pk]),
                    new,
                ),
                messages.SUCCESS,
            )
            return None
    ctx = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Split {actor}",
        "opts": modeladmin.model._meta,
        "actor": actor,
        "aliases": aliases,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/actors/actor/split_actor.html", ctx)


def _set_suppressed(modeladmin, request, queryset, suppressed, logged, said):
    actors = list(queryset)
    changed = suppress(actors, suppressed)
    for actor in actors:
        modeladmin.log_change(request, actor, logged)
    modeladmin.message_user(request, f"{changed} {said}")


@admin.action(description="Not an actor: hide the selected, also from later pages", permissions=["change"])
def suppress_actors(modeladmin, request, queryset):
    _set_suppressed(
        modeladmin,
        request,
        queryset,
        True,
        "Hidden as no actor (suppressed).",
        "actors hidden; pages that name them again keep them hidden.",
    )


@admin.action(description="Show the selected again", permissions=["change"])
def show_actors(modeladmin, request, queryset):
    _set_suppressed(modeladmin, request, queryset, False, "Shown again (no longer suppressed).", "actors shown again.")


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "alias_count", "mention_count", "quote_count", "suppressed"]
    list_filter = ["kind", "suppressed"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, MergeInline]
    actions = [merge_actors, split_actor, suppress_actors, show_actors]
    readonly_fields = ["suppressed"]

    def save_model(self, request, obj, form, change):
        """An analyst's name, kind or role is kept over what the pages' evidence says (actors.evidence)."""
        for field in ("name", "kind", "role"):
            if field in form.changed_data:
                setattr(obj, f"{field}_corrected", True)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Aliases an analyst adds or edits are theirs; the spellings touched are then decided again."""
        if formset.model is not Alias:
            return super().save_formset(request, form, formset, change)
        aliases = formset.save(commit=False)
        touched = {name_key(alias.name) for alias in [*aliases, *formset.deleted_objects]}
        touched |= {alias.key for alias in aliases if alias.pk}  # the spelling an edit replaced
        for alias in formset.deleted_objects:
            alias.delete()
        for alias in aliases:
            # A spelling the pages gave another actor changes hands.
            Alias.objects.filter(key=name_key(alias.name), origin=Alias.Origin.PAGES).exclude(pk=alias.pk).delete()
            alias.origin = Alias.Origin.ANALYST
            alias.save()
        formset.save_m2m()
        touched.discard("")
        if touched:
            settle_groups({surname_key(key) for key in touched}, check_keys=touched)

    def get_queryset(self, request):
        # Articles and statements are the counts stored on each actor (articles.storing says how they
        # are kept): counting them here joined a million statements per page. Aliases are few per actor.
        aliases = Alias.objects.filter(actor=OuterRef("pk")).order_by().values("actor").annotate(n=Count("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(n_aliases=Coalesce(Subquery(aliases.values("n")), 0))
            # Autocomplete pages need an order.
            .order_by("name", "pk")
        )

    @admin.display(description="Aliases", ordering="n_aliases")
    def alias_count(self, obj):
        return obj.n_aliases

    @admin.display(description="Articles", ordering="article_count")
    def mention_count(self, obj):
        return obj.article_count

    @admin.display(description="Statements", ordering="statement_count")
    def quote_count(self, obj):
        return obj.statement_count


@admin.register(ActorMerge)
class ActorMergeAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "kept_link", "statements_moved", "mentions_moved", "merged_by", "merged_at"]
    list_select_related = ["kept", "merged_by"]
    search_fields = ["merged_name", "kept__name"]
    readonly_fields = [f.name for f in ActorMerge._meta.fields]

    @admin.display(description="Kept actor", ordering="kept__name")
    def kept_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:actors_actor_change", args=[obj.kept_id]), obj.kept)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RoleHolderFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Two holders of one role on the same day would leave that day's title unresolved: refused."""
        super().clean()
        spans = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("holder"):
                continue
            start, end = data.get("valid_from"), data.get("valid_to")
            if start and end and start > end:
                raise forms.ValidationError(f"{data['holder']}: the last day in office is before the first.")
            for other, other_start, other_end in spans:
                if (not start or not other_end or start <= other_end) and (
                    not other_start or not end or other_start <= end
                ):
                    raise forms.ValidationError(f"{data['holder']} and {other} would hold the role on the same days.")
            spans.append((data["holder"], start, end))


class RoleHolderInline(admin.TabularInline):
    model = RoleHolder
    formset = RoleHolderFormSet
    fields = ["holder", "valid_from", "valid_to"]
    autocomplete_fields = ["holder"]
    extra = 1


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "current_holder"]
    search_fields = ["title", "variants", "holders__holder__name"]
    autocomplete_fields = ["organisation"]
    fields = ["title", "organisation", "variants", "context"]
    inlines = [RoleHolderInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation").prefetch_related("holders__holder")

    @admin.display(description="Holder now")
    def current_holder(self, role):
        held = [h for h in role.holders.all() if h.valid_to is None]
        return ", ".join(str(h.holder) for h in held) or "-"
