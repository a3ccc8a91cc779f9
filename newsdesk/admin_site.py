"""The admin site: every model admin registered on it refuses the lookups that a changelist URL must not run.

Django's changelist filters by any lookup on a model's own fields that its
URL names (`?title__regex=...`), whatever the model admin shows. Three kinds
are refused here, for every admin including Django's and django-axes':
pattern and search lookups whose input the database parses (a bad regex or
tsquery is a database error, so a 500), lookups whose extension may be
missing (unaccent, trigram), and lookups on the fields a model admin lists in
`secret_fields`, which a yes/no answer per request would leak one character
at a time. A refused lookup is a 400 (DisallowedModelAdminLookup).
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db.models.constants import LOOKUP_SEP

PARSED_LOOKUPS = {
    "regex",
    "iregex",
    "search",
    "unaccent",
    "trigram_similar",
    "trigram_word_similar",
    "trigram_strict_word_similar",
}


class GuardedLookups:
    """Mixed into every model admin by NewsdeskAdminSite.register, in front of its own class."""

    def lookup_allowed(self, lookup, value, request=None):
        parts = lookup.split(LOOKUP_SEP)
        # Read from the model admin, which comes after this mixin.
        secret = getattr(self, "secret_fields", ())
        if PARSED_LOOKUPS.intersection(parts) or parts[0] in secret:
            return False
        return super().lookup_allowed(lookup, value, request)


class NewsdeskAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GuardedLookups):
            admin_class = type(
                admin_class.__name__, (GuardedLookups, admin_class), {"__module__": admin_class.__module__}
            )
        return super().register(model_or_iterable, admin_class, **options)


class NewsdeskAdminConfig(AdminConfig):
    default_site = "newsdesk.admin_site.NewsdeskAdminSite"
