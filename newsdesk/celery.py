"""The Celery app for distributed ingest: `celery -A newsdesk worker` runs `articles.tasks`.

Settings come from newsdesk/settings.py, every Celery key prefixed CELERY_.
The modules that define tasks import this one (see newsdesk/__init__.py).
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_prerun
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


@task_prerun.connect
def drop_broken_connections(**kwargs):
    """Close a database connection that failed and no longer answers, before the next task uses it.

    Workers keep their connections across tasks (CELERY_DB_REUSE_MAX); after a database restart the
    kept one is dead, and every task would fail on it until Celery next recycles it. Django's
    close_if_unusable_or_obsolete would also close a healthy one at CONN_MAX_AGE 0, every task.
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is not None and conn.errors_occurred:
            if conn.is_usable():
                conn.errors_occurred = False
            else:
                conn.close()
