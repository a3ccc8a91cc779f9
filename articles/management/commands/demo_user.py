from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

# What an analyst does in the admin: review and tag statements (also from their
# article's page), correct speakers, keep topic rules, merge actors and their
# spellings; add pages from the browser (/add/). Not users, feed keys or deleting coverage.
ANALYST_GROUP = "Analysts"
ANALYST_PERMISSIONS = [
    "articles.view_article",
    "articles.change_article",
    "articles.view_statement",
    "articles.change_statement",
    "articles.view_source",
    "articles.view_topic",
    "articles.add_topic",
    "articles.change_topic",
    "articles.add_pages",
    "actors.view_actor",
    "actors.change_actor",
    "actors.view_alias",
    "actors.add_alias",
    "actors.change_alias",
    "actors.delete_alias",
    "actors.view_actormerge",
]


def analyst_group():
    """The "Analysts" group with exactly ANALYST_PERMISSIONS, made or put right."""
    group, _ = Group.objects.get_or_create(name=ANALYST_GROUP)
    wanted = [tuple(perm.split(".")) for perm in ANALYST_PERMISSIONS]
    found = [
        p
        for p in Permission.objects.select_related("content_type").filter(codename__in=[c for _, c in wanted])
        if (p.content_type.app_label, p.codename) in wanted
    ]
    group.permissions.set(found)
    return group


class Command(BaseCommand):
    help = "Create (or reset) the demo analyst login for a local install and print it: staff, not a superuser."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="analyst")
        parser.add_argument("--password", default="newsdesk-demo")

    @transaction.atomic
    def handle(self, *args, username, password, **options):
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(analyst_group())
        self.stdout.write(f"Demo login: {username} / {password}" + (" (created)" if created else ""))
