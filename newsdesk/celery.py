"""The Celery app for distributed ingest: `celery -A newsdesk worker` runs `articles.tasks`.

Settings come from newsdesk/settings.py, every Celery key prefixed CELERY_.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

app = Celery("newsdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
