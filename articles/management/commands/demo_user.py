from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create (or reset) the demo analyst login for a local install and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="analyst")
        parser.add_argument("--password", default="newsdesk-demo")

    def handle(self, *args, username, password, **options):
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Demo login: {username} / {password}" + (" (created)" if created else ""))
