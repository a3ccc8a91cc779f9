"""The Celery app for distributed ingest: `celery -A newsdesk worker` runs `articles.tasks`.

Settings come from newsdesk/settings.py, every Celery key prefixed CELERY_.
The modules that define tasks import this one (see newsdesk/__init__.py).
"""

import os

from celery import Celery
from celery.schedules import crontab
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule(entries):
    """CELERY_BEAT_SCHEDULE with each "schedule" of crontab fields made a crontab."""
    return {name: {**entry, "schedule": crontab(**entry["schedule"])} for name, entry in entries.items()}


# Set on the app before it reads its configuration, this takes the place of the setting.
app.conf.beat_schedule = beat_schedule(settings.CELERY_BEAT_SCHEDULE)
